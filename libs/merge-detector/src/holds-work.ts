import { isSessionAlive } from '@parallel-cc/core-sessions';
import type { SessionsTable } from '@parallel-cc/core-sessions';

/** Whether a session row still stands for work: a live session, or a dead one whose worktree was kept. */
export function holdsWork(row: SessionsTable): boolean {
  if (row.status === 'kept') return true;
  return (row.status === 'active' || row.status === 'registering') && isSessionAlive(row);
}
