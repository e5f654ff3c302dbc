import * as fs from 'node:fs';
import * as path from 'node:path';
import { tryGit } from '@parallel-cc/git';
import { diffLineRanges, mergeLineRanges } from './line-ranges';
import type { LineRange } from './line-ranges';

/** How one file of a worktree differs from where its branch left the base: changed lines, and whether any of it is uncommitted. */
export interface FileChanges {
  ranges: LineRange[];
  uncommitted: boolean;
}

/** `git diff` with only the changed lines, paths as they are, no colours, external tools or renames. */
export const DIFF = ['-c', 'core.quotePath=false', 'diff', '-U0', '--no-color', '--no-ext-diff', '--no-renames'];

/**
 * What a session changed in `file` (relative to `worktree`): the uncommitted diff against HEAD and,
 * on a branch of its own, the diff from the fork point with `baseBranch` (`--merge-base`), both of
 * one file, run side by side. An untracked file counts whole; an ignored or unchanged one is null.
 */
export async function fileChanges(options: { worktree: string; file: string; baseBranch: string | null; env?: NodeJS.ProcessEnv }): Promise<FileChanges | null> {
  const { worktree, file, baseBranch } = options;
  const call = { env: options.env, timeoutMs: 10_000 };
  const [uncommitted, sinceBase, untracked] = await Promise.all([
    tryGit(worktree, [...DIFF, 'HEAD', '--', file], call),
    baseBranch ? tryGit(worktree, [...DIFF, '--merge-base', baseBranch, '--', file], call) : Promise.resolve(null),
    tryGit(worktree, ['ls-files', '--others', '--exclude-standard', '-z', '--', file], call),
  ]);
  if (untracked) {
    const lines = lineCount(path.join(worktree, file));
    return { ranges: lines > 0 ? [[1, lines]] : [], uncommitted: true };
  }
  const own = diffLineRanges(uncommitted ?? '');
  const all = mergeLineRanges([...own, ...diffLineRanges(sinceBase ?? '')]);
  if (all.length === 0) return null;
  return { ranges: all, uncommitted: own.length > 0 };
}

/** How many lines a file has (0 for an empty or unreadable one): an untracked file counts whole. */
export function lineCount(file: string): number {
  try {
    const text = fs.readFileSync(file, 'utf8');
    if (text === '') return 0;
    return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  } catch {
    return 0;
  }
}
