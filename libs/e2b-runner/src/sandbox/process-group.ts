import * as fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Whether process group `pgid` still has a running member. Orphans of a killed group are reaped
 * by PID 1, which in a container may never do it: on Linux, zombies do not count.
 */
export function groupExists(pgid: number): boolean {
  if (process.platform === 'linux' && fs.existsSync('/proc/self/stat')) return hasLiveMember(pgid);
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which a group we started never does.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether /proc lists a process of group `pgid` that is not a zombie. */
export function hasLiveMember(pgid: number): boolean {
  for (const name of fs.readdirSync('/proc')) {
    if (name.charCodeAt(0) > 57) continue; // only the numeric entries are processes
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // it ended while we looked
    }
    // After the command name (in parentheses, which may hold anything): state, ppid, pgrp.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ', 3);
    if (Number(pgrp) === pgid && state !== 'Z') return true;
  }
  return false;
}

/**
 * Ends process group `pgid`: SIGTERM, then SIGKILL for whatever is left after `graceMs`.
 * Resolves once the group is gone (or after the SIGKILL, which cannot be refused).
 */
export async function endProcessGroup(pgid: number, graceMs = 2_000): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!groupExists(pgid)) return;
    await sleep(25);
  }
  signalGroup(pgid, 'SIGKILL');
}

function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}
