import type { ClassifyContext } from './classify/analyze-code';
import { addedUses } from './classify/uses';
import type { ChangedFile } from './conflict-file';
import { runGit } from './git';
import { readObjects } from './read-objects';
import { CODE_PATHSPECS } from './semantic/code-pathspecs';
import { MAX_FILES } from './semantic/side-files';

/**
 * The code files each side changed since the merge base that use one of `names` more often than
 * before, with their text at the side and at the base: what {@link loadClassifyContext} finds,
 * without the sides' line diffs (which only the semantic check needs). Per side, three git
 * processes that read little: the changed files' blob ids (`git diff --raw`, trees only), the
 * ones whose text at the side names one of `names` (`git grep`), and those files' two versions.
 * Empty when the refs share no merge base.
 */
export async function loadUsesContext(repo: string, ours: string, theirs: string, names: ReadonlySet<string>): Promise<ClassifyContext> {
  const [oursChanges, theirsChanges] = await Promise.all([usingFiles(repo, theirs, ours, names), usingFiles(repo, ours, theirs, names)]);
  return { oursChanges, theirsChanges };
}

/** The files `side` changed since its merge base with `other` whose uses of one of `names` grew. */
async function usingFiles(repo: string, other: string, side: string, names: ReadonlySet<string>): Promise<ChangedFile[]> {
  if (names.size === 0) return [];
  const changed = await changedFiles(repo, `${other}...${side}`);
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
    return [...names].some((name) => addedUses(name, file) > 0) ? [file] : [];
  });
}

/** The code files a range (`a...b`, from their merge base) adds or changes, with their blob ids, in git's order: the first {@link MAX_FILES}, as for the sides' diffs. */
async function changedFiles(repo: string, range: string): Promise<Array<{ path: string; baseBlob: string | null; sideBlob: string }>> {
  const raw = await runGit(repo, ['diff', '--raw', '-z', '--no-renames', '--no-abbrev', range, '--', ...CODE_PATHSPECS]);
  if (raw.exitCode !== 0) return [];
  const fields = raw.stdout.split('\0');
  const files: Array<{ path: string; baseBlob: string | null; sideBlob: string }> = [];
  // `:<mode> <mode> <blob> <blob> <status>` then the path, each ended by NUL.
  for (let i = 0; i + 1 < fields.length && files.length < MAX_FILES; i += 2) {
    const [, , before, after, status] = fields[i]!.split(' ');
    if (status === 'D' || after === undefined || before === undefined) continue;
    files.push({ path: fields[i + 1]!, baseBlob: /^0+$/.test(before) ? null : before, sideBlob: after });
  }
  return files;
}
