import { localRepo } from '../local-repo';
import { parseNulList } from '@parallel-cc/git';
import { byCodeUnit } from './select-upload';
import type { ExcludedFile } from './select-upload';

/** Why an ignored file is left out. */
export const IGNORED_REASON = 'ignored by git (.gitignore, .git/info/exclude or the global excludes file): never uploaded';

/**
 * Everything an upload of the checkout whose top folder is `top` leaves out, by path: `excluded`
 * (what {@link selectUpload} refused, with its reasons) and the untracked files git ignores,
 * which it never considers (a wholly ignored folder, such as `node_modules/`, is one entry).
 */
export async function leftOutFiles(top: string, excluded: readonly ExcludedFile[]): Promise<ExcludedFile[]> {
  const ignored = parseNulList(await localRepo(top).bytes(['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory']));
  return [...excluded, ...ignored.map((file) => ({ path: file, reason: IGNORED_REASON }))].sort((a, b) => byCodeUnit(a.path, b.path));
}
