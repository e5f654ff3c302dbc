import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

let bootId: string | undefined;

/**
 * When process `pid` started, as an opaque string that changes when the PID is reused, or null
 * when no such process runs. Linux reads /proc (boot id + start ticks); elsewhere `ps -o lstart=`.
 */
export function processStartTime(pid: number): string | null {
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  if (process.platform === 'linux') return linuxStartTime(pid);
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return out || null;
  } catch {
    return null;
  }
}

/** Parses the start time (field 22, clock ticks since boot) out of a /proc/<pid>/stat line. */
export function parseProcStatStartTicks(stat: string): string | null {
  // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = rest[19];
  return ticks && /^\d+$/.test(ticks) ? ticks : null;
}

function linuxStartTime(pid: number): string | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // A zombie has exited; it only waits for its parent to reap it.
  if (/\) Z /.test(stat)) return null;
  const ticks = parseProcStatStartTicks(stat);
  if (ticks === null) return null;
  bootId ??= readBootId();
  return `${bootId}:${ticks}`;
}

function readBootId(): string {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().slice(0, 8);
  } catch {
    return 'boot';
  }
}

/** Whether `pid` runs and is the same process that had `startedAt` (null: only that the PID runs). */
export function isProcessAlive(pid: number | null, startedAt: string | null): boolean {
  if (pid === null) return false;
  const now = processStartTime(pid);
  if (now === null) return false;
  return startedAt === null || now === startedAt;
}
