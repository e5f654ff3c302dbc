import { changedBlobs } from '@parallel-cc/git';
import { LruCache } from '../classify/focus/lru-cache';
import { runGit } from '../git';
import { CODE_PATHSPECS, isCodePath } from './code-pathspecs';
import { parseSideDiff } from './side-diff';
import type { SideFile } from './side-diff';

/** Most code files of one side read: enough for real branches, bounded for huge ones. */
export const MAX_FILES = 300;
/** Most characters of one side's diff read (about 300 files' worth on real repositories): a side that rewrote thousands of files costs a bounded read. */
const MAX_DIFF_CHARS = 4_000_000;

/** The code files each side of a merge changed since the merge base (shared: not to be changed). */
export interface SideDiffs {
  ours: readonly SideFile[];
  theirs: readonly SideFile[];
}

/** The commits of a merge's two tips and of their merge base (the first, should there be several). */
export interface MergeCommits {
  ours: string;
  theirs: string;
  base: string;
}

// A side's diff, kept by merge base and tip: the checks of a matrix whose branches left one base
// meet each branch's diff again. Weighed in characters of its lines: thirty-two million at most.
const diffs = new LruCache<readonly SideFile[]>(32_000_000);
// Each file's diff, kept by path and its two blobs: the sides of a matrix's pairs, from as many
// merge bases, share most of their files' changes. Weighed in characters of git's diff of it.
const fileDiffs = new LruCache<FileDiff>(32_000_000);
// Diffs being read: checks running at once wait for one read rather than start their own.
const reading = new Map<string, Promise<readonly SideFile[]>>();
const sideKey = (repo: string, base: string, tip: string) => `${repo}\0${base}\0${tip}`;
// The refs of merges checked lately (ten thousand at most): checked again, their sides are likely kept.
const checked = new LruCache<true>(10_000);

/**
 * What each side of merging `theirs` into `ours` changed in code files since their merge base,
 * from a `git diff -U0` per side: read once per merge, for the semantic check and for classifying
 * conflicts, and kept by merge base and tip commit for later merges. A merge whose `commits`
 * are known (a matrix resolves all its pairs' at once), or whose refs were checked before (a
 * preview asked again), has them resolved first, and a side kept is not read again; a side not
 * kept is then read file by file, each file's diff kept by its path and blobs (the pairs of a
 * matrix have as many merge bases, and their sides share most files' changes). For any other
 * merge, the diffs (`ours...theirs`, which finds the merge base itself) start at once beside the
 * `rev-parse` that names their commits, so that no git waits on another. Empty sides when the
 * refs share no merge base.
 */
export async function readSideDiffs(repo: string, ours: string, theirs: string, commits?: MergeCommits | null): Promise<SideDiffs> {
  const refs = `${repo}\0${ours}\0${theirs}`;
  const again = checked.get(refs) !== undefined;
  checked.set(refs, true, 1);
  const merge = commits !== undefined || !again ? commits : await mergeCommitOf(repo, ours, theirs);
  if (merge === null) return { ours: [], theirs: [] };
  if (merge) {
    const [oursFiles, theirsFiles] = await Promise.all([sideFiles(repo, merge.base, merge.ours), sideFiles(repo, merge.base, merge.theirs)]);
    return { ours: oursFiles, theirs: theirsFiles };
  }
  const [resolved, oursFiles, theirsFiles] = await Promise.all([
    mergeCommitOf(repo, ours, theirs),
    diffOf(repo, `${theirs}...${ours}`),
    diffOf(repo, `${ours}...${theirs}`),
  ]);
  if (resolved === null) return { ours: [], theirs: [] };
  return { ours: remember(repo, resolved.base, resolved.ours, oursFiles), theirs: remember(repo, resolved.base, resolved.theirs, theirsFiles) };
}

/** The tips and merge base of one pair (see {@link mergeCommits}); null when git cannot name them. */
async function mergeCommitOf(repo: string, ours: string, theirs: string): Promise<MergeCommits | null> {
  return (await mergeCommits(repo, [[ours, theirs]]))[0] ?? null;
}

const COMMIT_ID = /^\^?[0-9a-f]{40,64}$/;

/**
 * The tips and merge base of each pair `[ours, theirs]`, from one `git rev-parse A...B …` (which
 * prints, for each pair, theirs, ours, then each merge base after a `^`; the first is the one
 * `git diff A...B` takes); null for a pair with no merge base. Empty when git cannot answer (an
 * unknown ref): each check then finds its own. The refs were checked against check-ref-format's
 * rules, so none starts with "-".
 */
export async function mergeCommits(repo: string, pairs: ReadonlyArray<readonly [string, string]>): Promise<Array<MergeCommits | null>> {
  if (pairs.length === 0) return [];
  const answer = await runGit(repo, ['rev-parse', ...pairs.map(([ours, theirs]) => `${ours}...${theirs}`)]);
  const lines = answer.stdout.split('\n').filter((line) => line !== '');
  if (answer.exitCode !== 0 || !lines.every((line) => COMMIT_ID.test(line))) return [];
  const found: Array<MergeCommits | null> = [];
  for (let i = 0; i < lines.length; ) {
    const [theirsTip, oursTip] = [lines[i]!, lines[i + 1]];
    if (oursTip === undefined || theirsTip.startsWith('^') || oursTip.startsWith('^')) return [];
    i += 2;
    const base = lines[i]?.startsWith('^') ? lines[i]!.slice(1) : null;
    while (lines[i]?.startsWith('^')) i++;
    found.push(base === null ? null : { ours: oursTip, theirs: theirsTip, base });
  }
  return found.length === pairs.length ? found : [];
}

/** The files a side changed, kept under its merge base and tip (the ones kept already, should another check have read them meanwhile). */
function remember(repo: string, base: string, tip: string, files: readonly SideFile[]): readonly SideFile[] {
  const key = sideKey(repo, base, tip);
  const known = diffs.get(key);
  if (known) return known;
  diffs.set(key, files, weight(files));
  return files;
}

function weight(files: readonly SideFile[]): number {
  return files.reduce((sum, f) => sum + 100 + f.addedText.length + f.touchedText.length + f.removedText.length, 0);
}

function sideFiles(repo: string, base: string, tip: string): Promise<readonly SideFile[]> {
  const key = sideKey(repo, base, tip);
  const known = diffs.get(key);
  if (known) return Promise.resolve(known);
  let pending = reading.get(key);
  if (!pending) {
    pending = readSide(repo, base, tip)
      .then((files) => remember(repo, base, tip, files))
      .finally(() => reading.delete(key));
    reading.set(key, pending);
  }
  return pending;
}

/** One file's part of a side's diff, and its length in characters. */
interface FileDiff {
  file: SideFile;
  size: number;
}

const fileKey = (repo: string, path: string, before: string | null, after: string | null) => `${repo}\0${path}\0${before}\0${after}`;

/**
 * The code files a side changed from commit `base` to commit `tip`, as {@link diffOf} reads them
 * from `git diff -U0 base..tip`, read file by file: the changed files are listed through the kept
 * `git cat-file --batch` (see @parallel-cc/git's `changedBlobs`), the first {@link MAX_FILES}
 * taken; a file whose path and blobs a side read before is taken as kept, and the others come from
 * one `git diff -U0` of just their paths (none when all are kept). The side ends before the file
 * whose diff would pass {@link MAX_DIFF_CHARS}. Should the listing fail, the side's whole diff is read.
 */
async function readSide(repo: string, base: string, tip: string): Promise<SideFile[]> {
  const listed = await changedBlobs(repo, base, tip, isCodePath).catch(() => null);
  if (listed === null) return diffOf(repo, `${base}..${tip}`);
  const changed = listed.slice(0, MAX_FILES);
  const kept = changed.map(({ path, before, after }) => fileDiffs.get(fileKey(repo, path, before, after)));
  const missing = changed.filter((_, i) => kept[i] === undefined).map((c) => c.path);
  const { found, whole } = missing.length === 0 ? { found: [], whole: true } : await diffOfPaths(repo, `${base}..${tip}`, missing);
  // By path and blobs: a file that became a symlink shows as two files of one path (one deleted, one added).
  const read = new Map(found.map((diff) => [fileKey(repo, diff.file.path, diff.file.baseBlob, diff.file.sideBlob), diff]));
  const files: SideFile[] = [];
  let size = 0;
  for (const [i, { path, before, after }] of changed.entries()) {
    const diff = kept[i] ?? read.get(fileKey(repo, path, before, after));
    // A file git's whole answer left out has no lines to show (a binary file): the next ones do.
    if (!diff && whole) continue;
    size += diff?.size ?? 0;
    if (!diff || size > MAX_DIFF_CHARS) break;
    files.push(diff.file);
  }
  return files;
}

/**
 * The diffs of `paths` in a revision range, file by file (each kept for the next side that changes
 * it alike), up to {@link MAX_DIFF_CHARS}; `whole` unless git's answer was cut there (or it failed).
 */
async function diffOfPaths(repo: string, range: string, paths: string[]): Promise<{ found: FileDiff[]; whole: boolean }> {
  const diff = await runGit(repo, ['--literal-pathspecs', ...DIFF_ARGS, range, '--', ...paths], { maxStdoutBytes: MAX_DIFF_CHARS });
  if (diff.exitCode !== 0 && !diff.truncated) return { found: [], whole: false };
  return { found: byFile(repo, diff.truncated ? wholeFiles(diff.stdout) : diff.stdout), whole: !diff.truncated };
}

/** A diff's files, each parsed alone and kept by its path and blobs. */
function byFile(repo: string, output: string): FileDiff[] {
  const found: FileDiff[] = [];
  for (let start = output.startsWith('diff --git ') ? 0 : -1; start !== -1; ) {
    const next = output.indexOf('\ndiff --git ', start);
    const end = next === -1 ? output.length : next + 1;
    const [file] = parseSideDiff(output.slice(start, end));
    if (file) {
      const diff = { file, size: end - start };
      fileDiffs.set(fileKey(repo, file.path, file.baseBlob, file.sideBlob), diff, diff.size + 100);
      found.push(diff);
    }
    start = next === -1 ? -1 : next + 1;
  }
  return found;
}

const DIFF_ARGS = [
  '-c', 'core.quotePath=false', 'diff', '-U0', '--full-index', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames',
  '--src-prefix=a/', '--dst-prefix=b/',
];

/**
 * The code files a revision range (`base..tip`, or `a...b` from their merge base) changed, with
 * their added lines, from one `git diff -U0` stopped after {@link MAX_DIFF_CHARS} and cut to
 * the first {@link MAX_FILES} files (in git's order) whose diff it read whole. Each file's diff is
 * kept for sides read file by file later.
 */
async function diffOf(repo: string, range: string): Promise<SideFile[]> {
  const diff = await runGit(repo, [...DIFF_ARGS, range, '--', ...CODE_PATHSPECS], { maxStdoutBytes: MAX_DIFF_CHARS });
  if (diff.exitCode !== 0 && !diff.truncated) return [];
  return byFile(repo, diff.truncated ? wholeFiles(diff.stdout) : diff.stdout)
    .slice(0, MAX_FILES)
    .map((d) => d.file);
}

/** A diff's beginning without its last file, which the bound may have cut. */
function wholeFiles(output: string): string {
  const last = output.lastIndexOf('\ndiff --git ');
  return last === -1 ? '' : output.slice(0, last + 1);
}
