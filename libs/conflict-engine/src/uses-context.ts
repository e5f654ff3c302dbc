import type { ClassifyContext } from './classify/analyze-code';
import { LruCache } from './classify/focus/lru-cache';
import { addsUsesOf } from './classify/uses';
import type { ChangedFile } from './conflict-file';
import { runGit } from './git';
import { readObjects } from './read-objects';
import { CODE_PATHSPECS } from './semantic/code-pathspecs';
import { MAX_FILES } from './semantic/side-files';
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
 * without the sides' line diffs (which only the semantic check needs). Per side, three git
 * processes that read little: the changed files' blob ids (`git diff --raw`, trees only), the
 * ones whose text at the side names one of `names` (`git grep`), and those files' two versions.
 * With the merge's `commits` known, what a side gave is kept for the next merge from the same
 * base (its changed files, and the files using the same names). Empty when the refs share no
 * merge base.
 */
export async function loadUsesContext(
  repo: string,
  ours: string,
  theirs: string,
  names: ReadonlySet<string>,
  commits?: MergeCommits | null,
): Promise<ClassifyContext> {
  if (commits === null || names.size === 0) return {};
  const side = (other: string, tip: string, resolved?: string) =>
    resolved && commits ? keptUsingFiles(repo, commits.base, resolved, names) : usingFiles(repo, `${other}...${tip}`, tip, names);
  const [oursChanges, theirsChanges] = await Promise.all([side(theirs, ours, commits?.ours), side(ours, theirs, commits?.theirs)]);
  return { oursChanges, theirsChanges };
}

/** {@link usingFiles} of the side from commit `base` to commit `tip`, kept by both and the names. */
async function keptUsingFiles(repo: string, base: string, tip: string, names: ReadonlySet<string>): Promise<ChangedFile[]> {
  const key = `${repo}\0${base}\0${tip}\0${[...names].sort().join('\0')}`;
  const known = usesFound.get(key);
  if (known) return known;
  const found = await usingFiles(repo, `${base}..${tip}`, tip, names);
  usesFound.set(key, found, found.reduce((sum, f) => sum + f.text.length + (f.baseText?.length ?? 0), key.length));
  return found;
}

/** The files a range (`other...side`, or `base..side` from the merge base) changed at `side` whose uses of one of `names` grew. */
async function usingFiles(repo: string, range: string, side: string, names: ReadonlySet<string>): Promise<ChangedFile[]> {
  const changed = await changedFiles(repo, range);
  if (changed.length === 0) return [];
  const patterns = [...names].flatMap((name) => ['-e', name]);
  const grep = await runGit(repo, ['--literal-pathspecs', 'grep', '-l', '-z', '-I', '-F', ...patterns, side, '--', ...changed.map((f) => f.path)]);
  if (grep.exitCode !== 0) return [];
  const named = new Set(grep.stdout.split('\0').filter((hit) => hit !== '').map((hit) => hit.slice(side.length + 1)));
  const files = changed.filter((f) => named.has(f.path));
  const texts = await readObjects(repo, files.flatMap((f) => (f.baseBlob === null ? [f.sideBlob] : [f.sideBlob, f.baseBlob])));
  return files.flatMap(({ path, baseBlob, sideBlob }) => {
    const text = texts.get(sideBlob)?.toString('utf8');
    if (text === undefined) return [];
    const file: ChangedFile = baseBlob === null ? { path, text } : { path, text, baseText: texts.get(baseBlob)?.toString('utf8') ?? '' };
    return addsUsesOf(names, file) ? [file] : [];
  });
}

/**
 * The code files a range adds or changes, with their blob ids, in git's order: the first
 * {@link MAX_FILES}, as for the sides' diffs. A range between two commits (`base..tip`) is kept.
 */
async function changedFiles(repo: string, range: string): Promise<SideBlob[]> {
  const kept = range.includes('...') ? undefined : `${repo}\0${range}`;
  const known = kept === undefined ? undefined : sideBlobs.get(kept);
  if (known) return known;
  const raw = await runGit(repo, ['diff', '--raw', '-z', '--no-renames', '--no-abbrev', range, '--', ...CODE_PATHSPECS]);
  if (raw.exitCode !== 0) return [];
  const fields = raw.stdout.split('\0');
  const files: SideBlob[] = [];
  // `:<mode> <mode> <blob> <blob> <status>` then the path, each ended by NUL.
  for (let i = 0; i + 1 < fields.length && files.length < MAX_FILES; i += 2) {
    const [, , before, after, status] = fields[i]!.split(' ');
    if (status === 'D' || after === undefined || before === undefined) continue;
    files.push({ path: fields[i + 1]!, baseBlob: /^0+$/.test(before) ? null : before, sideBlob: after });
  }
  if (kept !== undefined) sideBlobs.set(kept, files, 100 * files.length + 1);
  return files;
}
