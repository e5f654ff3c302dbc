import { runGit } from '../git';
import { CODE_PATHSPECS } from './code-pathspecs';
import { parseSideDiff } from './side-diff';
import type { SideFile } from './side-diff';

/** Most code files of one side read: enough for real branches, bounded for huge ones. */
const MAX_FILES = 300;

/** The code files each side of a merge changed since the merge base. */
export interface SideDiffs {
  ours: SideFile[];
  theirs: SideFile[];
}

/**
 * What each side of merging `theirs` into `ours` changed in code files, from two
 * `git diff -U0 A...B` run at once: read once per merge, for the semantic check and for
 * classifying conflicts. Empty sides when the refs share no merge base.
 */
export async function readSideDiffs(repo: string, ours: string, theirs: string): Promise<SideDiffs> {
  const [oursFiles, theirsFiles] = await Promise.all([sideFiles(repo, theirs, ours), sideFiles(repo, ours, theirs)]);
  return { ours: oursFiles, theirs: theirsFiles };
}

/** The code files `ref` changed since its merge base with `other`, with their added lines, from one `git diff -U0 other...ref`. */
async function sideFiles(repo: string, other: string, ref: string): Promise<SideFile[]> {
  const diff = await runGit(repo, [
    '-c', 'core.quotePath=false', 'diff', '-U0', '--full-index', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames',
    '--src-prefix=a/', '--dst-prefix=b/', `${other}...${ref}`, '--', ...CODE_PATHSPECS,
  ]);
  if (diff.exitCode !== 0) return [];
  return parseSideDiff(diff.stdout).slice(0, MAX_FILES);
}
