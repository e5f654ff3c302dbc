import * as fs from 'node:fs';
import { collectConflicts } from './conflicts';
import type { Conflict } from './conflicts';
import { ConflictEngineError } from './errors';
import { explainFailure } from './explain-failure';
import { runGit } from './git';
import { parseMergeTree } from './parsers/merge-tree';
import type { MergeMessage } from './parsers/merge-tree';
import { assertValidRef } from './refs';

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
}

/** What merging `theirs` into `ours` would do. */
export interface ConflictReport {
  /** Whether the merge would go through without conflicts. */
  clean: boolean;
  /** The merged tree, written to the object store (with conflict markers where it conflicts). */
  tree: string;
  conflicts: Conflict[];
  /** Every informational message of the merge, `Auto-merging …` included. */
  messages: MergeMessage[];
}

/**
 * Merges `theirs` into `ours` with `git merge-tree --write-tree` and reports the conflicts:
 * no checkout, no index, nothing written to any work tree, one git process when all is well.
 * Refs are checked before anything runs (`INVALID_REF`); failures are `UNKNOWN_REF`,
 * `NOT_A_REPOSITORY`, `UNRELATED_HISTORIES` or `GIT_FAILED`.
 */
export async function detectConflicts(options: DetectConflictsOptions): Promise<ConflictReport> {
  const { repo, ours, theirs, allowUnrelatedHistories = false } = options;
  assertValidRef(ours, 'ours');
  assertValidRef(theirs, 'theirs');
  if (!fs.existsSync(repo) || !fs.statSync(repo).isDirectory()) {
    throw new ConflictEngineError('NOT_A_REPOSITORY', `The folder ${repo} does not exist.`, { repo });
  }
  const args = ['merge-tree', '--write-tree', '-z', '--messages'];
  if (allowUnrelatedHistories) args.push('--allow-unrelated-histories');
  const result = await runGit(repo, [...args, '--end-of-options', ours, theirs]);
  // Exit code 1 means "conflicts", but git also uses it for a ref it cannot merge (and prints
  // no tree then): the output decides.
  const parsed = result.exitCode <= 1 ? parseMergeTree(result.stdout) : null;
  if (!parsed) throw await explainFailure(repo, ours, theirs, result);
  return {
    clean: result.exitCode === 0,
    tree: parsed.tree,
    conflicts: collectConflicts(parsed.entries, parsed.messages),
    messages: parsed.messages,
  };
}
