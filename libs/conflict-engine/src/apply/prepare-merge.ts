import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseMergeTree } from '@parallel-cc/git';
import { ConflictEngineError } from '../errors';
import { explainFailure } from '../explain-failure';
import { runGit } from '../git';
import { assertValidRef } from '../refs';
import type { FixSuggestion } from '../suggest/fix-suggestion';
import { mergeBranchName } from './merge-branch-name';

/** One file's resolution for {@link prepareMerge}: a suggestion, or anything shaped like one. */
export type MergeFix = Pick<FixSuggestion, 'id' | 'path' | 'content' | 'from'>;

/** Which merge to prepare, with which fixes. */
export interface PrepareMergeOptions {
  /** Any folder of the repository. */
  repo: string;
  /** The branch merged into (the merge commit's first parent). */
  ours: string;
  /** The branch merged (its second parent). */
  theirs: string;
  /** One fix per conflicted file; each must have been computed from the files the merge conflicts on now. */
  fixes: MergeFix[];
  /** Fixes used for files `fixes` leaves out, only while they still fit (fixes applied before, say). */
  earlier?: MergeFix[];
  /** The branch to keep the merge commit on (default `parallel-cc/merge/<ours>-<theirs>`). */
  branch?: string;
}

/** What {@link prepareMerge} did, and how to use it or take it back. */
export type PreparedMerge =
  | {
      status: 'prepared' | 'unchanged';
      branch: string;
      commit: string;
      /** The commit the branch held before (null: it was created), for undoing. */
      previous: string | null;
      parents: { ours: string; theirs: string };
      /** The files the fixes wrote into the merge, in the merge's order. */
      files: Array<{ path: string; fix: string }>;
    }
  | {
      /** `theirs` is already part of `ours`: there is nothing left to merge. */
      status: 'merged';
      branch: string;
      parents: { ours: string; theirs: string };
    }
  | {
      status: 'incomplete';
      branch: string;
      parents: { ours: string; theirs: string };
      files: Array<{ path: string; fix: string }>;
      /** Conflicted files with no fix given: the merge commit waits for them. */
      missing: string[];
    };

async function git(repo: string, args: string[], input?: string, env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await runGit(repo, args, { input, env });
  if (result.exitCode !== 0) {
    throw new ConflictEngineError('GIT_FAILED', `git ${args[0]} failed: ${result.stderr.trim().split('\n').pop() ?? ''}`, { args, stderr: result.stderr });
  }
  return result.stdout.trim();
}

async function tip(repo: string, ref: string, side: string): Promise<string> {
  const result = await runGit(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (result.exitCode !== 0) throw new ConflictEngineError('UNKNOWN_REF', `The ${side} ref ${ref} names no commit.`, { ref });
  return result.stdout.trim();
}

/**
 * Prepares the merge of `theirs` into `ours` with fixes for its conflicted files, as a merge
 * commit whose parents are both tips and whose tree is git's merge with each conflicted file
 * replaced by its fix, kept on a branch of its own. Nothing else changes: no checkout, no index,
 * no work tree file. Merging that branch into `ours` is then a fast-forward, and merging `theirs`
 * after it finds nothing left to do. A fix computed from other versions than the ones the
 * branches hold now is refused (`FILE_CHANGED`); while a conflicted file has no fix, no commit is
 * made (`incomplete`, naming the files). Preparing the same merge again changes nothing (`unchanged`),
 * nor does one already done (`merged`: `theirs` is part of `ours`).
 */
export async function prepareMerge(options: PrepareMergeOptions): Promise<PreparedMerge> {
  const { repo, ours, theirs, fixes } = options;
  assertValidRef(ours, 'ours');
  assertValidRef(theirs, 'theirs');
  const branch = options.branch ?? mergeBranchName(ours, theirs);
  const parents = { ours: await tip(repo, ours, 'ours'), theirs: await tip(repo, theirs, 'theirs') };
  const ancestor = await runGit(repo, ['merge-base', '--is-ancestor', parents.theirs, parents.ours]);
  if (ancestor.exitCode === 0) return { status: 'merged', branch, parents };
  const merged = await runGit(repo, ['merge-tree', '--write-tree', '-z', '--messages', '--end-of-options', parents.ours, parents.theirs]);
  const parsed = merged.exitCode <= 1 ? parseMergeTree(merged.stdout) : null;
  if (!parsed) throw await explainFailure(repo, ours, theirs, merged);

  const stages = new Map<string, { mode: string; ours?: string; theirs?: string }>();
  for (const entry of parsed.entries) {
    const known = stages.get(entry.path) ?? { mode: entry.mode };
    if (entry.stage === 2) known.ours = entry.oid;
    if (entry.stage === 3) known.theirs = entry.oid;
    if (entry.stage !== 1) known.mode = entry.mode;
    stages.set(entry.path, known);
  }
  for (const fix of fixes.filter((f) => !stages.has(f.path))) {
    throw new ConflictEngineError('FILE_CHANGED', `${fix.path} no longer conflicts between ${ours} and ${theirs}: fix ${fix.id} is not needed; nothing was prepared.`, {
      id: fix.id,
      path: fix.path,
    });
  }
  const byPath = new Map(fixes.map((f) => [f.path, f]));
  const fits = (fix: MergeFix, stage: { ours?: string; theirs?: string }) => (fix.from.ours ?? undefined) === stage.ours && (fix.from.theirs ?? undefined) === stage.theirs;
  for (const fix of options.earlier ?? []) {
    const stage = stages.get(fix.path);
    if (stage && !byPath.has(fix.path) && fits(fix, stage)) byPath.set(fix.path, fix);
  }
  const files: Array<{ path: string; fix: string }> = [];
  const missing: string[] = [];
  for (const [file, stage] of stages) {
    const fix = byPath.get(file);
    if (!fix) {
      missing.push(file);
      continue;
    }
    if (!fits(fix, stage)) {
      throw new ConflictEngineError(
        'FILE_CHANGED',
        `Fix ${fix.id} was computed from other versions of ${file} than ${ours} and ${theirs} hold now; nothing was prepared. Suggest fixes again for the branches as they are.`,
        { id: fix.id, path: file, expected: fix.from, actual: { ours: stage.ours ?? null, theirs: stage.theirs ?? null } },
      );
    }
    files.push({ path: file, fix: fix.id });
  }
  if (missing.length > 0) return { status: 'incomplete', branch, parents, files, missing };

  const tree = await treeWithFixes(repo, parsed.tree, files.map((f) => ({ path: f.path, content: byPath.get(f.path)!.content, mode: stages.get(f.path)!.mode })));
  const previousRef = await runGit(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]);
  const previous = previousRef.exitCode === 0 ? previousRef.stdout.trim() : null;
  if (previous !== null) {
    const [oldTree, ...oldParents] = (await git(repo, ['show', '-s', '--format=%T %P', previous])).split(' ');
    if (oldTree === tree && oldParents.join(' ') === `${parents.ours} ${parents.theirs}`) {
      return { status: 'unchanged', branch, commit: previous, previous, parents, files };
    }
  }
  const message = [`Merge ${theirs} into ${ours}`, '', 'Prepared by parallel-cc with these fixes:', ...files.map((f) => `- ${f.path}: fix ${f.fix}`), ''].join('\n');
  const commit = await git(repo, ['commit-tree', tree, '-p', parents.ours, '-p', parents.theirs], message);
  await git(repo, ['update-ref', '-m', `parallel-cc: prepare the merge of ${theirs} into ${ours}`, `refs/heads/${branch}`, commit, previous ?? '']);
  return { status: 'prepared', branch, commit, previous, parents, files };
}

/** git's merged tree with each file replaced by its fix, written through a throwaway index. */
async function treeWithFixes(repo: string, merged: string, files: Array<{ path: string; content: string; mode: string }>): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcc-merge-'));
  const env = { ...process.env, GIT_INDEX_FILE: path.join(dir, 'index') };
  try {
    await git(repo, ['read-tree', merged], undefined, env);
    for (const file of files) {
      const blob = await git(repo, ['hash-object', '-w', '--stdin'], file.content);
      const mode = file.mode === '120000' || file.mode === '160000' ? '100644' : file.mode;
      await git(repo, ['update-index', '--add', '--cacheinfo', `${mode},${blob},${file.path}`], undefined, env);
    }
    return await git(repo, ['write-tree'], undefined, env);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
