import * as path from 'node:path';
import { plural } from '@parallel-cc/core-sessions';
import { gitComplaint, refProblem } from '@parallel-cc/git';
import { MergeDetectorError } from '../errors';
import { commitOf } from '../git/commit-of';
import { gitAt } from '../git/git-place';
import type { GitPlace } from '../git/git-place';
import { predictRebase } from './predict-rebase';
import type { RebaseOptions, RebaseResult } from './rebase-result';
import { assertWorktree, rebaseInProgress, trackedChanges, unmergedFiles } from './worktree-state';

/**
 * Rebases a worktree onto `onto`, safely: `checkOnly` predicts and changes nothing (`dirty`
 * when uncommitted changes would refuse a clean rebase, see {@link predictRebase}); a real run
 * refuses uncommitted changes (status `dirty`), runs `git rebase`, and on conflict lists the
 * conflicting files and leaves the rebase stopped for resolving, or aborts it (`onConflict:
 * 'abort'`), which puts the worktree back where it was. `onto` is checked before anything runs.
 */
export async function rebaseAssist(options: RebaseOptions): Promise<RebaseResult> {
  const onto = parseOnto(options.onto);
  const place: GitPlace = { dir: path.resolve(options.worktree), env: options.env };
  // Calls for one worktree from this process (an MCP client's parallel calls) take turns: the
  // second then finds the first's rebase, never a half-made one.
  const mine = (turns.get(place.dir) ?? Promise.resolve()).then(() => assistIn(place, onto, options));
  const done: Promise<void> = mine
    .catch(() => undefined)
    .then(() => {
      if (turns.get(place.dir) === done) turns.delete(place.dir);
    });
  turns.set(place.dir, done);
  return mine;
}

// The last call queued for each worktree, by its folder.
const turns = new Map<string, Promise<void>>();

async function assistIn(place: GitPlace, onto: string, options: RebaseOptions): Promise<RebaseResult> {
  await assertWorktree(place);
  if (await rebaseInProgress(place)) {
    throw new MergeDetectorError(
      'REBASE_IN_PROGRESS',
      `A rebase is already stopped in ${place.dir}: finish it (git rebase --continue) or abort it (git rebase --abort) first.`,
      { worktree: place.dir, conflictingFiles: await unmergedFiles(place) },
    );
  }
  if ((await commitOf(place, onto)) === null) {
    throw new MergeDetectorError('NOT_FOUND', `${onto} is not a branch or commit of the repository at ${place.dir}.`, { onto });
  }
  if ((await gitAt(place, ['merge-base', '--is-ancestor', '--end-of-options', onto, 'HEAD'])).exitCode === 0) {
    return outcome(true, 'up-to-date', `Already up to date with ${onto}: nothing to rebase.`);
  }
  const changes = await trackedChanges(place);
  if (options.checkOnly) {
    const prediction = await predictRebase(place.dir, onto);
    if (changes.length === 0) return prediction;
    // A rebase refuses uncommitted changes: a clean prediction says so first; a conflict stays the news.
    const refused = `The worktree has uncommitted changes, so a rebase would be refused; commit or stash them first: ${changes.join(', ')}.`;
    if (prediction.status === 'would-conflict') return { ...prediction, changedFiles: changes, message: `${prediction.message} ${refused}` };
    return outcome(false, 'dirty', `${refused} Then: ${prediction.message}`, { changedFiles: changes, output: prediction.output });
  }
  if (changes.length > 0) {
    const message = `The worktree has uncommitted changes, so nothing was rebased; commit or stash them first: ${changes.join(', ')}.`;
    return outcome(false, 'dirty', message, { changedFiles: changes });
  }
  return runRebase(place, onto, options.onConflict ?? 'stop');
}

async function runRebase(place: GitPlace, onto: string, onConflict: 'stop' | 'abort'): Promise<RebaseResult> {
  const run = await gitAt(place, ['rebase', '--end-of-options', onto]);
  const output = `${run.stdout}${run.stderr}`.trim();
  if (run.exitCode === 0) return outcome(true, 'rebased', `Rebased onto ${onto}.`, { output });
  if (/rebase-(merge|apply) directory/.test(run.stderr)) {
    // Another rebase started here between the check and this one (two calls at once).
    throw new MergeDetectorError(
      'REBASE_IN_PROGRESS',
      `A rebase is already running or stopped in ${place.dir}: finish it (git rebase --continue) or abort it (git rebase --abort) first.`,
      { worktree: place.dir, output },
    );
  }
  if (!(await rebaseInProgress(place))) {
    const complaint = gitComplaint(run.stderr);
    throw new MergeDetectorError('GIT_FAILED', `git rebase onto ${onto} failed in ${place.dir}: ${complaint}`, { onto, output });
  }
  const conflictingFiles = await unmergedFiles(place);
  const stopped = `Rebasing onto ${onto} stopped on conflicts in ${plural(conflictingFiles.length, 'file')}`;
  if (onConflict === 'stop') {
    const next = 'resolve them, `git add` them and run `git rebase --continue` (or `git rebase --abort`).';
    return outcome(false, 'conflicts', `${stopped}: ${next}`, { output, conflictingFiles });
  }
  const abort = await gitAt(place, ['rebase', '--abort']);
  if (abort.exitCode !== 0) {
    const complaint = gitComplaint(abort.stderr);
    throw new MergeDetectorError('GIT_FAILED', `git rebase --abort failed in ${place.dir}: ${complaint}`, { onto, output });
  }
  return outcome(false, 'conflicts', `${stopped}; the rebase was aborted and the worktree is as it was.`, { output, conflictingFiles });
}

function parseOnto(onto: unknown): string {
  const problem = typeof onto === 'string' ? refProblem(onto) : 'it is not a string';
  if (problem) {
    const hint = 'Give a branch, tag, remote-tracking name or commit id.';
    throw new MergeDetectorError('INVALID_REF', `The branch to rebase onto ${JSON.stringify(typeof onto === 'string' && onto.length > 80 ? `${onto.slice(0, 80)}…` : onto)} is not valid: ${problem}. ${hint}`, {
      field: 'onto',
      value: onto,
    });
  }
  return onto as string;
}

function outcome(
  success: boolean,
  status: RebaseResult['status'],
  message: string,
  rest: Partial<Pick<RebaseResult, 'output' | 'conflictingFiles' | 'changedFiles'>> = {},
): RebaseResult {
  return { success, status, conflictingFiles: [], changedFiles: [], output: '', message, ...rest };
}
