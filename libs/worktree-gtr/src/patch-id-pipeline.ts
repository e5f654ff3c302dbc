import { parsePatchIds, stdinLines } from '@parallel-cc/git';
import type { GitRunner } from './git';

// The same flags for every diff, so that a commit's patch id and a branch's squashed one compare.
// --full-index makes a changed binary file's id depend on its content (patch-id skips the index
// line of text diffs, so text patches still match across different surrounding files).
const DIFF_TREE = ['diff-tree', '--stdin', '-p', '--full-index', '--no-renames', '--root'];

/**
 * `git patch-id --stable` of each `diff-tree --stdin` line: `<commit>` (its own change) or
 * `<commit> <older>` (older → commit), keyed by the line's first commit. Two git processes for
 * any number of lines, none for no lines. Merges and empty changes get no id.
 */
export async function patchIdsOf(run: GitRunner, dir: string, lines: string[]): Promise<Map<string, string>> {
  if (lines.length === 0) return new Map();
  const diff = await run(dir, DIFF_TREE, stdinLines(lines));
  if (diff.length === 0) return new Map();
  return parsePatchIds((await run(dir, ['patch-id', '--stable'], diff)).toString('utf8'));
}
