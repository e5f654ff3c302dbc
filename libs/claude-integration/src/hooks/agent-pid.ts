import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'fish', 'ksh']);

/** A process's parent PID and command name, or null when it is gone. */
export function parentOf(pid: number): { ppid: number; comm: string } | null {
  if (process.platform === 'linux') {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return Number.isInteger(ppid) ? { ppid, comm } : null;
    } catch {
      return null;
    }
  }
  try {
    const out = execFileSync('ps', ['-o', 'ppid=,comm=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    const [ppid, ...comm] = out.split(/\s+/);
    return { ppid: Number(ppid), comm: (comm.join(' ').split('/').pop() ?? '').trim() };
  } catch {
    return null;
  }
}

/**
 * The agent (Claude Code) process that ran this hook. Claude Code starts hook commands through a
 * shell, so the hook's parent is usually that shell and the agent is the shell's parent.
 */
export function agentPid(hookPid: number = process.pid): number {
  const parent = parentOf(hookPid);
  if (!parent) return process.ppid;
  const { ppid, comm } = parentOf(parent.ppid) ?? { ppid: parent.ppid, comm: '' };
  return SHELLS.has(comm) && ppid > 1 ? ppid : parent.ppid;
}
