import { shellWord } from '@parallel-cc/git';
import type { Coordinator } from '../db/open-database';
import type { SessionsTable } from '../db/schema';
import { SessionError } from '../errors';
import { addNotification } from '../notifications/notifications';
import type { ClaimMode } from './claim-mode';
import type { HeldClaim } from './counting-claims';

/** How a session is named to people: the first 8 hex of its id and its branch. */
export function sessionLabel(session: Pick<SessionsTable, 'id' | 'branch'>): string {
  return `${session.id.slice(0, 8)} (${session.branch ?? 'detached HEAD'})`;
}

/** The one-line `claim-conflict` notification a holder gets when its claim refused someone. */
export function conflictNoticeText(claimant: Pick<SessionsTable, 'id' | 'branch'>, wanted: ClaimMode, held: HeldClaim): string {
  const file = shorten(held.file_path);
  return (
    `Session ${sessionLabel(claimant)} wants ${file} ${wanted}, which you hold ${held.mode}; ` +
    `when you are done with it, release it with release_file or \`parallel-cc claims release ${shellWord(file)}\`.`
  );
}

/**
 * Tells each holder that its claim refused `claimant`, once while the same notice waits. A holder
 * that ended meanwhile has nothing left to be told, so that one is skipped.
 */
export async function notifyHolders(
  coordinator: Coordinator,
  claimant: Pick<SessionsTable, 'id' | 'branch'>,
  wanted: ClaimMode,
  holders: HeldClaim[],
): Promise<void> {
  for (const held of holders) {
    try {
      const text = conflictNoticeText(claimant, wanted, held);
      await addNotification(coordinator, { sessionId: held.session_id, kind: 'claim-conflict', text }, { once: true });
    } catch (error) {
      if (!(error instanceof SessionError && error.code === 'SESSION_NOT_FOUND')) throw error;
    }
  }
}

// Notifications hold at most 4000 characters; keep the end of a very long path, the part that tells files apart.
function shorten(filePath: string): string {
  return filePath.length <= 1000 ? filePath : `\u2026${filePath.slice(-1000)}`;
}
