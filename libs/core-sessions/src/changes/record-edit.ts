import * as fs from 'node:fs';
import * as path from 'node:path';
import { autoClaim } from '../claims/auto-claim';
import { normaliseClaimPath } from '../claims/claim-path';
import type { Coordinator } from '../db/open-database';
import { SessionError } from '../errors';
import { parseInput, SessionIdSchema } from '../sessions/inputs';
import { findActiveSession } from '../sessions/lookup';
import { fileChanges } from './file-changes';
import { formatLineRanges } from './line-ranges';
import type { LineRange } from './line-ranges';

/** What {@link recordEdit} recorded for one file. */
export interface RecordedEdit {
  sessionId: string;
  /** Relative to the repository root, `/`-separated. */
  filePath: string;
  /** The mode the session holds the file in now (INTENT when the edit claimed it), or null. */
  claim: string | null;
  /** The lines changed since the branch left its base, or null when the file no longer differs (or is not in the session's own place). */
  ranges: LineRange[] | null;
  uncommitted: boolean;
}

/**
 * Records that a live session has just edited a file (PostToolUse): an INTENT claim on it
 * (refreshed, lapsing after a quiet half hour), and its row in the session's changed files, with
 * the changed lines from `git diff -U0` of that one file. A file that no longer differs loses its row.
 */
export async function recordEdit(
  coordinator: Coordinator,
  options: { sessionId: string; filePath: string; now?: Date; env?: NodeJS.ProcessEnv },
): Promise<RecordedEdit> {
  const sessionId = parseInput(SessionIdSchema, options.sessionId, 'session id');
  const session = await findActiveSession(coordinator.db, { sessionId });
  if (!session) throw new SessionError('SESSION_NOT_FOUND', `No live session with id ${sessionId} is registered.`, { sessionId });
  const filePath = normaliseClaimPath({ repoRoot: session.repo_path, worktreePath: session.worktree_path, filePath: options.filePath });
  const absolute = path.resolve(session.worktree_path, options.filePath);
  // After an edit the file is there: a path that names nothing (hook input gone wrong) is no edit to record.
  if (!fs.existsSync(absolute)) return { sessionId, filePath, claim: null, ranges: null, uncommitted: false };
  const now = options.now ?? new Date();
  const claim = await autoClaim(coordinator, session, filePath, now);
  const relative = path.relative(session.worktree_path, absolute);
  // A file of another checkout (the main one, seen from a worktree) is that checkout's business.
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { sessionId, filePath, claim, ranges: null, uncommitted: false };
  const base = session.branch && session.branch !== session.base_branch ? session.base_branch : null;
  const changes = await fileChanges({ worktree: session.worktree_path, file: filePath, baseBranch: base, env: options.env });
  if (!changes) {
    await coordinator.db.deleteFrom('changed_files').where('session_id', '=', sessionId).where('file_path', '=', filePath).execute();
    return { sessionId, filePath, claim, ranges: null, uncommitted: false };
  }
  const row = {
    ranges: formatLineRanges(changes.ranges),
    uncommitted: changes.uncommitted ? 1 : 0,
    updated_at: now.toISOString(),
  };
  await coordinator.db
    .insertInto('changed_files')
    .values({ session_id: sessionId, repo_path: session.repo_path, file_path: filePath, ...row })
    .onConflict((oc) => oc.columns(['session_id', 'file_path']).doUpdateSet(row))
    .execute();
  return { sessionId, filePath, claim, ranges: changes.ranges, uncommitted: changes.uncommitted };
}
