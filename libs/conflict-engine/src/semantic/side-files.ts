import { LruCache } from '../classify/focus/lru-cache';
import { runGit } from '../git';
import { CODE_PATHSPECS } from './code-pathspecs';
import { parseSideDiff } from './side-diff';
import type { SideFile } from './side-diff';

/** Most code files of one side read: enough for real branches, bounded for huge ones. */
const MAX_FILES = 300;

/** The code files each side of a merge changed since the merge base (shared: not to be changed). */
export interface SideDiffs {
  ours: readonly SideFile[];
  theirs: readonly SideFile[];
}

// A side's diff, kept by merge base and tip: the checks of a matrix whose branches left one base
// meet each branch's diff again. Weighed in characters of its lines: thirty-two million at most.
const diffs = new LruCache<readonly SideFile[]>(32_000_000);
// Diffs being read: checks running at once wait for one read rather than start their own.
const reading = new Map<string, Promise<readonly SideFile[]>>();

/**
 * What each side of merging `theirs` into `ours` changed in code files since their merge base,
 * from a `git diff -U0` per side (run at once): read once per merge, for the semantic check and
 * for classifying conflicts, and kept by merge base and tip commit for later merges. Empty sides
 * when the refs share no merge base.
 */
export async function readSideDiffs(repo: string, ours: string, theirs: string): Promise<SideDiffs> {
  const commits = await mergeCommits(repo, ours, theirs);
  if (commits === null) return { ours: [], theirs: [] };
  const [oursFiles, theirsFiles] = await Promise.all([sideFiles(repo, commits.base, commits.ours), sideFiles(repo, commits.base, commits.theirs)]);
  return { ours: oursFiles, theirs: theirsFiles };
}

const COMMIT_ID = /^\^?[0-9a-f]{40,64}$/;

/**
 * The commits of both tips and their merge base, from one `git rev-parse ours...theirs` (which
 * prints theirs, ours, then each merge base after a `^`; the first is the one `git diff A...B`
 * takes); null when the refs share no merge base or git cannot answer. The refs were checked
 * against check-ref-format's rules, so neither starts with "-".
 */
async function mergeCommits(repo: string, ours: string, theirs: string): Promise<{ ours: string; theirs: string; base: string } | null> {
  const answer = await runGit(repo, ['rev-parse', `${ours}...${theirs}`]);
  const [theirsTip, oursTip, base] = answer.stdout.split('\n');
  if (answer.exitCode !== 0 || !oursTip || !theirsTip || !base) return null;
  if (![oursTip, theirsTip, base].every((line) => COMMIT_ID.test(line)) || !base.startsWith('^') || oursTip.startsWith('^') || theirsTip.startsWith('^')) return null;
  return { ours: oursTip, theirs: theirsTip, base: base.slice(1) };
}

function sideFiles(repo: string, base: string, tip: string): Promise<readonly SideFile[]> {
  const key = `${repo}\0${base}\0${tip}`;
  const known = diffs.get(key);
  if (known) return Promise.resolve(known);
  let pending = reading.get(key);
  if (!pending) {
    pending = diffOf(repo, base, tip)
      .then((files) => {
        diffs.set(key, files, files.reduce((sum, f) => sum + 100 + f.addedText.length + f.touchedText.length + f.removedText.length, 0));
        return files;
      })
      .finally(() => reading.delete(key));
    reading.set(key, pending);
  }
  return pending;
}

/**
 * The code files `tip` changed since `base`, with their added lines: listed first (a tree
 * comparison, no contents read), then one `git diff -U0 base tip` of at most {@link MAX_FILES} of
 * them (the first, in git's order), so that a side that rewrote thousands of files costs a
 * bounded read, and one that changed no code file none.
 */
async function diffOf(repo: string, base: string, tip: string): Promise<SideFile[]> {
  const listed = await runGit(repo, ['-c', 'core.quotePath=false', 'diff', '--name-only', '-z', '--no-renames', base, tip, '--', ...CODE_PATHSPECS]);
  if (listed.exitCode !== 0) return [];
  const paths = listed.stdout.split('\0').filter((p) => p !== '');
  if (paths.length === 0) return [];
  const pathspecs = paths.length > MAX_FILES ? paths.slice(0, MAX_FILES).map((p) => `:(literal)${p}`) : CODE_PATHSPECS;
  const diff = await runGit(repo, [
    '-c', 'core.quotePath=false', 'diff', '-U0', '--full-index', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames',
    '--src-prefix=a/', '--dst-prefix=b/', base, tip, '--', ...pathspecs,
  ]);
  if (diff.exitCode !== 0) return [];
  return parseSideDiff(diff.stdout).slice(0, MAX_FILES);
}
