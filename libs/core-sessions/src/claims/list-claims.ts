import * as path from 'node:path';
import type { Coordinator } from '../db/open-database';
import { SessionError } from '../errors';
import { parseInput, RepoPathSchema, SessionIdSchema } from '../sessions/inputs';
import { ClaimPathSchema, ClaimTimeSchema } from './claim-inputs';
import { normaliseClaimPath } from './claim-path';
import { countingClaims } from './counting-claims';
import { toFileClaim } from './file-claim';
import type { FileClaim } from './file-claim';

/** Which claims {@link listClaims} returns; all of them when nothing is given. */
export interface ListClaimsOptions {
  /** Only this repository (its main checkout path, as stored on sessions). */
  repoRoot?: string;
  sessionId?: string;
  /** Only this file: relative to the repository root, or absolute inside `repoRoot`. */
  filePath?: string;
  now?: Date;
}

/**
 * The claims that count now (unexpired, of live sessions), by repository, file and age. Lapsed
 * claims met on the way are deleted.
 */
export async function listClaims(coordinator: Coordinator, options: ListClaimsOptions = {}): Promise<FileClaim[]> {
  const repoPath = options.repoRoot === undefined ? undefined : parseInput(RepoPathSchema, options.repoRoot, 'repository path');
  const sessionId = options.sessionId === undefined ? undefined : parseInput(SessionIdSchema, options.sessionId, 'session id');
  const now = parseInput(ClaimTimeSchema, options.now ?? new Date(), 'time');
  let filePath: string | undefined;
  if (options.filePath !== undefined) {
    filePath =
      repoPath === undefined
        ? repoRelative(parseInput(ClaimPathSchema, options.filePath, 'file path'))
        : normaliseClaimPath({ repoRoot: repoPath, worktreePath: repoPath, filePath: options.filePath });
  }
  const rows = await countingClaims(coordinator.db, { repoPath, sessionId, filePath }, now);
  return rows.map(toFileClaim);
}

// Without a repository to resolve against, only the lexical form of a repository-relative path can be checked.
function repoRelative(filePath: string): string {
  const normal = path.posix.normalize(filePath.split(path.sep).join('/')).replace(/\/+$/, '');
  if (path.posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../') || normal === '.') {
    throw new SessionError(
      'INVALID_INPUT',
      `The file path ${JSON.stringify(filePath)} is not relative to a repository: give a path such as src/index.ts, or name the repository too.`,
      { filePath },
    );
  }
  return normal;
}
