import * as fs from 'node:fs';
import { parseMergeTree } from '@parallel-cc/git';
import type { MergeMessage } from '@parallel-cc/git';
import type { ClassifyContext } from './classify/analyze-code';
import { parseVersions } from './classify/focus/parse-versions';
import { analyzedHere, verdictsOf } from './classify/verdicts';
import { SEVERITY_OF } from './classify/classification';
import type { Classification } from './classify/classification';
import type { ConflictFile } from './conflict-file';
import { collectConflicts } from './conflicts';
import type { Conflict } from './conflicts';
import { ConflictEngineError } from './errors';
import { explainFailure } from './explain-failure';
import { runGit } from './git';
import { loadClassifyContext, loadConflictFiles } from './load-files';
import { loadUsesContext } from './uses-context';
import { assertValidRef } from './refs';
import { conflictRegions } from './regions';
import type { ConflictRegion } from './regions';
import type { SemanticBreak } from './semantic/semantic-break';
import { semanticConflictsOf } from './semantic/semantic-conflicts-of';
import { readSideDiffs } from './semantic/side-files';
import type { MergeCommits, SideDiffs } from './semantic/side-files';
import type { Offload } from './workers/offload';

/** Which two refs of which repository to merge in thought. */
export interface DetectConflictsOptions {
  /** Any folder of the repository (main checkout, worktree or bare repository). */
  repo: string;
  /** The side merged into: a branch, tag or remote-tracking name, HEAD, or a commit id. */
  ours: string;
  /** The side being merged. */
  theirs: string;
  /** Merge refs that share no history (every path both add becomes an add/add conflict). */
  allowUnrelatedHistories?: boolean;
  /** Classify each conflict (reads the conflicted files; parses code on first need). Default true. */
  classify?: boolean;
  /** Keep each conflicted file's three versions and merged text on its conflict (`file`), for {@link suggestFixes}. */
  contents?: boolean;
  /**
   * Also look for semantic breaks git merges without a word (see `semantic` on a conflict): a
   * declaration one side removed, renamed or re-signed that the other side's new code uses.
   * Default: as `classify`.
   */
  semantic?: boolean;
}

/** A conflicted path with what the engine made of it. */
export interface ClassifiedConflict extends Conflict {
  /** Null when asked not to classify. */
  classification: Classification | null;
  /** git's conflict hunks in the merged file, with the base's lines (diff3 style). */
  regions: ConflictRegion[];
  /** The three versions and the merged text, when asked for `contents`. */
  file?: ConflictFile;
  /** For kind `semantic`: what one side changed, and where the other side still uses it. */
  semantic?: SemanticBreak;
}

/** What merging `theirs` into `ours` would do. */
export interface ConflictReport {
  /** Whether the merge would go through without conflicts (semantic ones included: git's own answer is `tree` without them). */
  clean: boolean;
  /** The merged tree, written to the object store (with conflict markers where it conflicts). */
  tree: string;
  conflicts: ClassifiedConflict[];
  /** Every informational message of the merge, `Auto-merging …` included. */
  messages: MergeMessage[];
}

/**
 * Merges `theirs` into `ours` with `git merge-tree --write-tree` and reports the conflicts,
 * each classified (TRIVIAL, STRUCTURAL, CONCURRENT, SEMANTIC) with its conflict regions:
 * no checkout, no index, nothing written to any work tree. Besides merge-tree: the semantic
 * check's `rev-parse` of the tips and merge base and a diff of each side (run beside it; the
 * diffs are kept by merge base and tip), one read of the conflicted files, and one of the
 * sides' files that add uses of what a conflicted code file's removal, rename or signature change
 * broke (without the semantic check, or with it run on a worker, found from the trees that differ
 * between the merge base and each side and a `git grep` of their files instead of its diff);
 * files and trees are read by a `git cat-file --batch` kept running per repository.
 * Refs are checked before anything runs (`INVALID_REF`); failures are `UNKNOWN_REF`,
 * `NOT_A_REPOSITORY`, `UNRELATED_HISTORIES` or `GIT_FAILED`.
 */
export async function detectConflicts(options: DetectConflictsOptions): Promise<ConflictReport> {
  return (await detectWithContext(options)).report;
}

/**
 * {@link detectConflicts}, with the sides' other changed files when classifying needed them: the
 * same files a suggestion for these conflicts needs, so that they are read once. `commits`, when
 * known, are the refs' tips and merge base (null: they share none). With `offload`, the semantic
 * check and the conflicted files' analyses run where it sends them (a matrix's worker threads);
 * should they fail there, they run here.
 */
export async function detectWithContext(
  options: DetectConflictsOptions,
  commits?: MergeCommits | null,
  offload?: Offload,
): Promise<{ report: ConflictReport; context: ClassifyContext }> {
  const { repo, ours, theirs, allowUnrelatedHistories = false, classify = true, contents = false, semantic = classify } = options;
  assertValidRef(ours, 'ours');
  assertValidRef(theirs, 'theirs');
  if (!fs.existsSync(repo) || !fs.statSync(repo).isDirectory()) {
    throw new ConflictEngineError('NOT_A_REPOSITORY', `The folder ${repo} does not exist.`, { repo });
  }
  // diff3 markers carry the base's lines of each hunk, which the text rules compare against.
  const args = ['-c', 'merge.conflictStyle=diff3', 'merge-tree', '--write-tree', '-z', '--messages'];
  if (allowUnrelatedHistories) args.push('--allow-unrelated-histories');
  // merge-tree is the longest git: it starts first (starting a process costs this thread some
  // milliseconds, which the ones after it wait for).
  const merging = runGit(repo, [...args, '--end-of-options', ours, theirs]);
  // The sides' diffs, read beside merge-tree for the semantic check (it reads the sides' changes,
  // not the merge), and used by classifying too, should a conflict need the sides' other files;
  // without the semantic check, classifying finds those files with lighter git. A check whose
  // semantic check runs on another thread reads them here only when classifying needs them.
  let sides: Promise<SideDiffs> | undefined;
  const sidesOnce = () => (sides ??= readSideDiffs(repo, ours, theirs, commits));
  const here = () => semanticConflictsOf({ repo, ours, theirs, sides: sidesOnce() });
  const breaks = !semantic ? Promise.resolve([]) : offload ? offload.semantic({ repo, ours, theirs, commits }).catch(here) : here();
  const loadContext = (names: ReadonlySet<string>) =>
    semantic && !offload ? loadClassifyContext(repo, ours, theirs, names, sidesOnce) : loadUsesContext(repo, ours, theirs, names, commits);
  const result = await merging;
  // Exit code 1 means "conflicts", but git also uses it for a ref it cannot merge (and prints
  // no tree then): the output decides.
  const parsed = result.exitCode <= 1 ? parseMergeTree(result.stdout) : null;
  if (!parsed) throw await explainFailure(repo, ours, theirs, result);
  const conflicts = collectConflicts(parsed.entries, parsed.messages);
  const classified =
    classify || contents
      ? await classifyConflicts(repo, parsed.tree, conflicts, { classify, contents }, loadContext, offload)
      : { conflicts: conflicts.map(unclassified), context: {} };
  const conflictedPaths = new Set(conflicts.map((c) => c.path));
  const semanticOnes = (await breaks).filter((c) => !conflictedPaths.has(c.path));
  return {
    report: {
      clean: result.exitCode === 0 && semanticOnes.length === 0,
      tree: parsed.tree,
      conflicts: [...classified.conflicts, ...semanticOnes],
      messages: parsed.messages,
    },
    context: classified.context,
  };
}

const RENAMED_BY_BOTH = /CONFLICT \(rename\/rename\): (.*?)\.?$/m;

/**
 * A path both sides renamed, each to another name: git's own message says what happened (the
 * files' contents, spread over three paths, would read as a deletion or an addition).
 */
function renamedByBoth(conflict: Conflict): Classification | null {
  const told = RENAMED_BY_BOTH.exec(conflict.message)?.[1];
  if (told === undefined) return null;
  return { class: 'CONCURRENT', severity: SEVERITY_OF.CONCURRENT, declarations: [], reason: `both sides rename it: ${told}; choose one name`, analysis: 'text' };
}

function unclassified(conflict: Conflict): ClassifiedConflict {
  return { ...conflict, classification: null, regions: [] };
}

async function classifyConflicts(
  repo: string,
  tree: string,
  conflicts: Conflict[],
  want: { classify: boolean; contents: boolean },
  loadContext: (names: ReadonlySet<string>) => Promise<ClassifyContext>,
  offload?: Offload,
): Promise<{ conflicts: ClassifiedConflict[]; context: ClassifyContext }> {
  if (conflicts.length === 0) return { conflicts: [], context: {} };
  const files = await loadConflictFiles(repo, tree, conflicts);
  // Files sent elsewhere are analysed here should that fail.
  const analyze = offload && ((missing: ConflictFile[]) => offload.analyze(missing).catch(() => analyzedHere(parseVersions)(missing)));
  const { verdicts: analyses, context } = want.classify ? await verdictsOf(files, loadContext, parseVersions, analyze) : { verdicts: [], context: {} };
  const classified = conflicts.map((conflict, i) => {
    const file = files[i]!;
    const analysis = analyses[i];
    return {
      ...conflict,
      classification: want.classify ? (renamedByBoth(conflict) ?? analysis?.classification ?? null) : null,
      regions: analysis?.regions ?? (file.merged === null ? [] : conflictRegions(file.merged)),
      ...(want.contents ? { file } : {}),
    };
  });
  return { conflicts: classified, context };
}
