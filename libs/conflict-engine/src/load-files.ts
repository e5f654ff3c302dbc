import type { ClassifyContext } from './classify/analyze-code';
import { isCodeFile } from './classify/code-files';
import type { Conflict } from './conflicts';
import type { ChangedFile, ConflictFile, FileVersion } from './conflict-file';
import { runGit } from './git';
import { readObjects } from './read-objects';

/** Most files of each side a SEMANTIC check reads for uses; enough for real branches, bounded for huge ones. */
const MAX_CHANGED_FILES = 300;

/** The three versions and git's merged text of each conflicted path, from one `cat-file --batch`. */
export async function loadConflictFiles(repo: string, tree: string, conflicts: Conflict[]): Promise<ConflictFile[]> {
  const names = conflicts.flatMap((c) => [c.stages.base, c.stages.ours, c.stages.theirs, `${tree}:${c.path}`]);
  const objects = await readObjects(repo, names.filter((n): n is string => n !== undefined));
  const version = (oid: string | undefined): FileVersion | null => {
    const data = oid === undefined ? null : objects.get(oid);
    return oid === undefined || !data ? null : { oid, text: data.toString('utf8') };
  };
  return conflicts.map((c) => ({
    path: c.path,
    base: version(c.stages.base),
    ours: version(c.stages.ours),
    theirs: version(c.stages.theirs),
    merged: objects.get(`${tree}:${c.path}`)?.toString('utf8') ?? null,
  }));
}

async function changedCodeFiles(repo: string, from: string, to: string): Promise<string[]> {
  const diff = await runGit(repo, ['diff-tree', '-r', '-z', '--name-only', '--no-renames', '--end-of-options', from, to]);
  if (diff.exitCode !== 0) return [];
  return diff.stdout.split('\0').filter((p) => p !== '' && isCodeFile(p)).slice(0, MAX_CHANGED_FILES);
}

/**
 * The code files each side changed since the merge base, with their texts there and at the base:
 * where a SEMANTIC check looks for new uses of what the other side removed or re-signed.
 * Empty when the refs share no merge base.
 */
export async function loadClassifyContext(repo: string, ours: string, theirs: string): Promise<ClassifyContext> {
  const base = await runGit(repo, ['merge-base', '--end-of-options', ours, theirs]);
  const mergeBase = base.stdout.trim();
  if (base.exitCode !== 0 || mergeBase === '') return {};
  const [oursPaths, theirsPaths] = await Promise.all([changedCodeFiles(repo, mergeBase, ours), changedCodeFiles(repo, mergeBase, theirs)]);
  const names = [
    ...oursPaths.flatMap((p) => [`${ours}:${p}`, `${mergeBase}:${p}`]),
    ...theirsPaths.flatMap((p) => [`${theirs}:${p}`, `${mergeBase}:${p}`]),
  ];
  const objects = await readObjects(repo, names);
  const files = (rev: string, paths: string[]): ChangedFile[] =>
    paths.flatMap((p) => {
      const text = objects.get(`${rev}:${p}`);
      if (!text) return [];
      const baseText = objects.get(`${mergeBase}:${p}`);
      return [{ path: p, text: text.toString('utf8'), ...(baseText ? { baseText: baseText.toString('utf8') } : {}) }];
    });
  return { oursChanges: files(ours, oursPaths), theirsChanges: files(theirs, theirsPaths) };
}
