import type { SessionsTable } from '../db/schema';
import { isProcessAlive, processStartTime } from './process-start';

/** The columns that name a row's `registering` or `releasing` mark's owner. */
export type MarkOwner = Pick<SessionsTable, 'status_owner_pid' | 'status_owner_started'>;

/** This process as the owner of a mark it sets. */
export function markOwnedHere(): MarkOwner {
  return { status_owner_pid: process.pid, status_owner_started: processStartTime(process.pid) };
}

/** The owner columns of a row without a mark (`active` or `kept`). */
export const NO_MARK_OWNER: MarkOwner = { status_owner_pid: null, status_owner_started: null };

/**
 * Whether the `registering` or `releasing` mark on `row` was abandoned: its owner is dead (its
 * PID gone, or running with another start time). Only a mark whose owner is not fully known (set
 * by an older version) falls back to time: abandoned once untouched for `takeoverMs`.
 */
export function markAbandoned(row: SessionsTable, now: Date, takeoverMs: number): boolean {
  const pid = row.status_owner_pid;
  if (pid !== null && !isProcessAlive(pid, row.status_owner_started)) return true;
  if (pid !== null && row.status_owner_started !== null) return false;
  return now.getTime() - Date.parse(row.status_changed_at ?? row.created_at) > takeoverMs;
}
