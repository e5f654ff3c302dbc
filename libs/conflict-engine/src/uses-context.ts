import { changedBlobs } from '@parallel-cc/git';
import type { ClassifyContext } from './classify/analyze-code';
import { LruCache } from './classify/focus/lru-cache';
import { addsUsesOf } from './classify/uses';
import type { ChangedFile } from './conflict-file';
import { asEngineError, runGit } from './git';
import { readObjects } from './read-objects';
import { isCodePath } from './semantic/code-pathspecs';
import { loadAliases } from './semantic/load-aliases';
import { MAX_FILES, mergeCommits } from './semantic/side-files';
import type { MergeCommits } from './semantic/side-files';

/** A code file a side added or changed, by its blob ids (null at the base: a new file). */
interface SideBlob {
  path: string;
  baseBlob: string | null;
  sideBlob: string;
}

// Kept by merge base and tip (commits: what they name never changes), for the checks of a matrix
// whose branches left one base: each branch's side is met again in its pairs with the others.
// A side's changed files (a hundred characters' weight each: a million at most), and the files
// using a set of names with their texts (in characters: eight million at most).
const sideBlobs = new LruCache<SideBlob[]>(1_000_000);
const usesFound = new LruCache<ChangedFile[]>(8_000_000);

/**
 * The code files each side changed since the merge base that use one of `names` more often than
 * before, with their text at the side and at the base: what {@link loadClassifyContext} finds,
 * without the sides' line diffs (which only the semantic check needs). Read through the
 * `git cat-file --batch` kept per repository: the trees that differ between the merge base and
 * the side (for the changed files' blob ids, with no process of their own), then, after one
 * `git grep` of those files at the side for the names, the files naming one, at the side and at
 * the base, with the tsconfig `paths` that govern them (see {@link loadAliases}). The merge base
 * is the `commits` given, else asked of one `git rev-parse`. What a side gave is kept for the next
 * merge from the same base (its changed files, and the files using the same names). Empty when
 * the refs share no merge base.
 */
export async function loadUsesContext(
  repo: string,
  ours: string,
  theirs: string,
  names: ReadonlySet<string>,
  commits?: MergeCommits | null,
): Promise<ClassifyContext> {
  if (commits === null || names.size === 0) return {};
  const merge = commits ?? (await mergeCommits(repo, [[ours, theirs]]))[0];
  if (!merge) return {};
  const side = (tip: string) => keptUsingFiles(repo, merge.base, tip, names);
  const [oursChanges, theirsChanges] = await Promise.all([side(merge.ours), side(merge.theirs)]);
  return { oursChanges, theirsChanges };
}

/** {@link usingFiles} of the side from commit `base` to commit `tip`, kept by both and the names. */
async function keptUsingFiles(repo: string, base: string, tip: string, names: ReadonlySet<string>): Promise<ChangedFile[]> {
  const key = `${repo}\0${base}\0${tip}\0${[...names].sort().join('\0')}`;
  const known = usesFound.get(key);
  if (known) return known;
  const found = await usingFiles(repo, base, tip, names);
  usesFound.set(key, found, found.reduce((sum, f) => sum + f.text.length + (f.baseText?.length ?? 0), key.length));
  return found;
}

/** The files a side changed from commit `base` to commit `tip` whose uses of one of `names` grew. */
async function usingFiles(repo: string, base: string, tip: string, names: ReadonlySet<string>): Promise<ChangedFile[]> {
  const changed = await changedFiles(repo, base, tip);
  if (changed.length === 0) return [];
  // git searches the changed files at the tip for the names (a text search, in C, on its threads),
  // faster than reading them all here; only those naming one are read.
  const patterns = [...names].flatMap((name) => ['-e', name]);
  const grep = await runGit(repo, ['--literal-pathspecs', 'grep', '-l', '-z', '-I', '-F', ...patterns, tip, '--', ...changed.map((f) => f.path)]);
  if (grep.exitCode !== 0) return [];
  const hits = new Set(grep.stdout.split('\0').filter((hit) => hit !== '').map((hit) => hit.slice(tip.length + 1)));
  const files = changed.filter((f) => hits.has(f.path));
  if (files.length === 0) return [];
  const [texts, aliases] = await Promise.all([
    readObjects(repo, files.flatMap((f) => (f.baseBlob === null ? [f.sideBlob] : [f.sideBlob, f.baseBlob]))),
    loadAliases(repo, tip, files.map((f) => f.path)),
  ]);
  const textOf = (blob: string) => texts.get(blob)?.toString('utf8');
  return files.flatMap(({ path, baseBlob, sideBlob }): ChangedFile[] => {
    const text = textOf(sideBlob);
    if (text === undefined) return [];
    const file = { path, text, aliases: aliases.get(path) ?? null, ...(baseBlob === null ? {} : { baseText: textOf(baseBlob) ?? '' }) };
    return addsUsesOf(names, file) ? [file] : [];
  });
}

/**
 * The code files a side adds or changes from commit `base` to commit `tip`, with their blob ids,
 * in git's order: the first {@link MAX_FILES}, as for the sides' diffs. Kept.
 */
async function changedFiles(repo: string, base: string, tip: string): Promise<SideBlob[]> {
  const kept = `${repo}\0${base}\0${tip}`;
  const known = sideBlobs.get(kept);
  if (known) return known;
  const blobs = await asEngineError(changedBlobs(repo, base, tip, isCodePath));
  const files = blobs.flatMap(({ path, before, after }) => (after === null ? [] : [{ path, baseBlob: before, sideBlob: after }])).slice(0, MAX_FILES);
  sideBlobs.set(kept, files, 100 * files.length + 1);
  return files;
}
