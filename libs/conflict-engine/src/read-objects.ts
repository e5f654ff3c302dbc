import { readGitObjects } from '@parallel-cc/git';
import { asEngineError } from './git';

/**
 * The contents of git objects named by id or `rev:path`, read by a `git cat-file --batch` kept
 * running in the repository (see @parallel-cc/git's `readGitObjects`); a name git cannot find
 * maps to null (confirmed by a new git unless `mayBeMissing`, see readGitObjects). Names holding
 * a newline cannot be asked for this way and map to null too.
 * git's failures are `GIT_FAILED`.
 */
export function readObjects(repo: string, names: string[], options?: { mayBeMissing?: boolean }): Promise<Map<string, Buffer | null>> {
  return asEngineError(readGitObjects(repo, names, options));
}
