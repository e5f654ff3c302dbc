import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorktreeError } from './errors';
import { ownerAlive, ownerName, parseOwnerName, thisProcessAsOwner } from './process-owner';
import type { StartTimeProbe } from './process-owner';

/**
 * A lock folder that names no owner (an older parallel-cc's, made through proper-lockfile, which
 * refreshes its time every 5 s while held) is taken over once untouched this long.
 */
export const UNKNOWN_OWNER_STALE_MS = 10_000;

/** How {@link acquireOwnedLock} tells owners apart and how long it waits for a live one. */
export interface OwnedLockOptions {
  probe: StartTimeProbe;
  timeoutMs: number;
}

/**
 * Takes the lock folder `lockDir`, which holds one empty file named after its owner (PID, start
 * time, nonce). A lock whose owner is dead is taken over at once; a live owner is waited for, then
 * `REPOSITORY_LOCKED` names its PIDs (`data.pids`). Taking, taking over and releasing are each one
 * atomic rename, so a process killed at any step leaves either no lock or a lock that names it.
 * Resolves to the function that releases it.
 */
export async function acquireOwnedLock(lockDir: string, options: OwnedLockOptions): Promise<() => void> {
  const me = ownerName(thisProcessAsOwner(options.probe));
  // Made whole beside the lock, then renamed into place: nobody ever sees a lock without its owner.
  const staging = `${lockDir}.new-${me}`;
  fs.mkdirSync(staging);
  const deadline = Date.now() + options.timeoutMs;
  try {
    fs.writeFileSync(path.join(staging, me), '');
    for (let delay = 10; !tryTake(lockDir, staging, me, options.probe); delay = Math.min(100, delay * 1.2)) {
      if (Date.now() > deadline) throw lockedError(lockDir, options.timeoutMs);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  sweepLeftovers(lockDir, options.probe);
  return () => release(lockDir, me);
}

/** One attempt: takes a free lock, or one whose owner is dead (or unknown and stale). */
function tryTake(lockDir: string, staging: string, me: string, probe: StartTimeProbe): boolean {
  const holders = readHolders(lockDir);
  if (holders !== null) {
    const owners = holders.map(parseOwnerName);
    if (owners.some((o) => o !== null && ownerAlive(o, probe))) return false;
    if (owners.some((o) => o === null) || holders.length === 0) {
      if (!untouchedFor(lockDir, UNKNOWN_OWNER_STALE_MS)) return false;
    }
    const [first, ...rest] = holders;
    if (first !== undefined) {
      // A compare-and-swap on the dead owner's name: of several takers only one can rename it.
      if (!renamed(path.join(lockDir, first), path.join(lockDir, me))) return false;
      for (const name of rest) fs.rmSync(path.join(lockDir, name), { force: true });
      return true;
    }
  }
  // No lock, or an empty folder (that rename replaces): only one of several takers gets in.
  return renamed(staging, lockDir);
}

/** The names in the lock folder, or null when there is none. */
function readHolders(lockDir: string): string[] | null {
  try {
    return fs.readdirSync(lockDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function untouchedFor(file: string, ms: number): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs > ms;
  } catch {
    return true;
  }
}

/** Renames `from` to `to`; false when another process got there first (it moved `from`, or filled `to`). */
function renamed(from: string, to: string): boolean {
  try {
    fs.renameSync(from, to);
    return true;
  } catch (error) {
    if (['ENOENT', 'ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) return false;
    throw error;
  }
}

function release(lockDir: string, me: string): void {
  // Only a lock that still names this holding is moved away: never another owner's.
  if (!fs.existsSync(path.join(lockDir, me))) return;
  const trash = `${lockDir}.old-${me}`;
  try {
    if (renamed(lockDir, trash)) fs.rmSync(trash, { recursive: true, force: true });
  } catch {
    // A lock left in place names this process: once it has ended, the next taker takes it over.
  }
}

/** Removes staging and released folders that processes killed half way left beside the lock. */
function sweepLeftovers(lockDir: string, probe: StartTimeProbe): void {
  const prefix = `${path.basename(lockDir)}.`;
  for (const name of fs.readdirSync(path.dirname(lockDir))) {
    const kind = name.slice(prefix.length, prefix.length + 4);
    if (!name.startsWith(prefix) || (kind !== 'new-' && kind !== 'old-')) continue;
    const owner = parseOwnerName(name.slice(prefix.length + 4));
    if (owner === null || !ownerAlive(owner, probe)) fs.rmSync(path.join(path.dirname(lockDir), name), { recursive: true, force: true });
  }
}

function lockedError(lockDir: string, timeoutMs: number): WorktreeError {
  const owners = (readHolders(lockDir) ?? []).flatMap((name) => parseOwnerName(name) ?? []);
  const who = owners.length > 0 ? `PID ${owners.map((o) => o.pid).join(', ')}, which still runs` : 'a process that did not say who it is';
  return new WorktreeError('REPOSITORY_LOCKED', `Waited ${Math.round(timeoutMs / 1000)} s for the lock ${lockDir}, held by ${who}.`, {
    lockDir,
    pids: owners.map((o) => o.pid),
  });
}
