import { randomBytes } from 'node:crypto';

/**
 * When process `pid` started, as an opaque string that changes when the PID is reused; `''` when
 * it runs but its start time cannot be told; null when no such process runs. core-sessions'
 * `processStartTime` is the real one.
 */
export type StartTimeProbe = (pid: number) => string | null;

/** The process that holds a lock: its PID, its start time (`''`: unknown) and a nonce per holding. */
export interface ProcessOwner {
  pid: number;
  started: string;
  nonce: string;
}

/** A probe that knows only whether a PID runs: owners are then told apart by PID alone. */
export const pidOnlyStartTime: StartTimeProbe = (pid) => {
  try {
    process.kill(pid, 0);
    return '';
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? '' : null;
  }
};

/** This process as the owner of a new holding. */
export function thisProcessAsOwner(probe: StartTimeProbe): ProcessOwner {
  return { pid: process.pid, started: probe(process.pid) ?? '', nonce: randomBytes(6).toString('hex') };
}

/** Whether `owner` still runs: its PID runs and, when both start times are known, with the same one. */
export function ownerAlive(owner: ProcessOwner, probe: StartTimeProbe): boolean {
  const now = probe(owner.pid);
  if (now === null) return false;
  return owner.started === '' || now === '' || now === owner.started;
}

/** The owner as a file name: `<pid>.<start time, base64url>.<nonce>` (no `/`, no second `.` in a part). */
export function ownerName(owner: ProcessOwner): string {
  return `${owner.pid}.${Buffer.from(owner.started).toString('base64url')}.${owner.nonce}`;
}

/** The owner a file name made by {@link ownerName} names, or null for any other name. */
export function parseOwnerName(name: string): ProcessOwner | null {
  const match = /^(\d+)\.([A-Za-z0-9_-]*)\.([0-9a-f]+)$/.exec(name);
  if (!match) return null;
  const pid = Number(match[1]);
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  return { pid, started: Buffer.from(match[2] ?? '', 'base64url').toString('utf8'), nonce: match[3] ?? '' };
}
