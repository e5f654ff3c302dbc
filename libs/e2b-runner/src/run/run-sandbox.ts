import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { plural, registerSession, releaseSession } from '@parallel-cc/core-sessions';
import { resolveRepository } from '@parallel-cc/worktree-gtr';
import type { RunnerCoordinator } from '../db/schema';
import { DEFAULT_E2B_RATE_PER_HOUR, estimateCost } from '../plan/cost';
import { createRun } from '../runs/create-run';
import { excludedInHistory, historyWithheldNote } from '../upload/history-exclusions';
import { leftOutFiles } from '../upload/left-out-files';
import { selectUpload } from '../upload/select-upload';
import { RunLog, runLogPath } from './run-log';
import { RunInProgress } from './run-in-progress';
import type { Outcome } from './run-in-progress';
import { planRun } from './run-plan';
import type { RunSandboxOptions, RunSummary } from './run-types';

/**
 * Runs `options.prompt` unattended in a new sandbox and brings the result back into a worktree
 * of its own: auth check, session and run records, upload (never credentials), the agent with
 * the prompt as stdin, output to the run's log, warnings at 50% and 83% of the limit and a hard
 * stop at it, then the result as uncommitted changes or on a branch (never overwriting local
 * edits), and with `gitLive` a push and a pull request from this machine. Usage problems
 * (credentials, options) throw before anything is created; what goes wrong later is in the summary.
 */
export async function runSandbox(coordinator: RunnerCoordinator, options: RunSandboxOptions): Promise<RunSummary> {
  const started = Date.now();
  const emit = options.onEvent ?? (() => undefined);
  const plan = planRun(options, new Date(started));
  const rate = options.ratePerHour ?? (options.provider.name === 'e2b' ? DEFAULT_E2B_RATE_PER_HOUR : 0);
  const repository = await resolveRepository(options.repo);
  const summary = (fields: Partial<RunSummary> & Pick<RunSummary, 'runId' | 'status' | 'message'>): RunSummary => ({
    sessionId: null,
    exitCode: null,
    worktreePath: null,
    branch: plan.branch,
    prUrl: null,
    logPath: null,
    uploaded: { files: 0, bytes: 0 },
    excluded: [],
    durationMs: Date.now() - started,
    cost: estimateCost(fields.status === 'dry-run' ? 0 : Date.now() - started, rate),
    warnings: [],
    ...fields,
  });

  if (options.dryRun) {
    emit({ type: 'stage', text: 'Dry run: choosing what would be uploaded' });
    const { files, excluded } = await selectUpload(repository.root);
    const historyWarning = historyWithheldNote(await excludedInHistory(repository.root));
    if (historyWarning) emit({ type: 'warning', text: historyWarning });
    const uploadedFiles = files.map((f) => ({ path: f, size: fs.lstatSync(path.join(repository.root, f), { throwIfNoEntry: false })?.size ?? 0 }));
    const bytes = uploadedFiles.reduce((sum, f) => sum + f.size, 0);
    const leftOut = await leftOutFiles(repository.root, excluded);
    return summary({
      runId: '',
      status: 'dry-run',
      uploaded: { files: files.length, bytes },
      excluded,
      uploadedFiles,
      leftOutFiles: leftOut,
      warnings: historyWarning ? [historyWarning] : [],
      message: `Dry run: nothing was created. The run would upload ${plural(files.length, 'file')} (as the main checkout ${repository.root} holds them now; a run works in a new worktree of ${repository.mainBranch}), leave out ${leftOut.length}, use the ${options.provider.name} provider and ${plan.branch ? `commit the result on ${plan.branch}` : 'bring the result back as uncommitted changes'}.`,
    });
  }

  const runId = randomUUID();
  const logPath = runLogPath(options.env, runId);
  const registration = await registerSession(coordinator, {
    repo: repository.root,
    pid: process.pid,
    env: options.env,
    placement: 'worktree',
    origin: 'sandbox',
  });
  const log = new RunLog(logPath);
  const run = new RunInProgress(coordinator, options, plan, runId, registration.worktreePath, log, emit);
  let outcome: Outcome;
  try {
    await createRun(coordinator, { id: runId, sessionId: registration.sessionId, provider: options.provider.name, prompt: options.prompt, logPath });
    emit({ type: 'started', sessionId: registration.sessionId, runId });
    outcome = await run.carryOut();
  } catch (error) {
    outcome = await run.fail(error);
  }
  const released = await releaseSession(coordinator, { sessionId: registration.sessionId }, { env: options.env }).catch(
    (error: Error) => [{ status: 'failed' as const, reasons: [error.message] }],
  );
  const kept = released[0]?.status === 'kept' || released[0]?.status === 'failed';
  const worktreeNote = kept
    ? ` The worktree ${registration.worktreePath} is kept (${released[0]?.reasons.join('; ')}): it holds the result, by design.`
    : ' The worktree held nothing of its own and was removed.';
  log.note(`${outcome.status}: ${outcome.message}${worktreeNote}`);
  log.close();
  return summary({
    runId,
    sessionId: registration.sessionId,
    status: outcome.status,
    exitCode: outcome.exitCode,
    worktreePath: fs.existsSync(registration.worktreePath) ? registration.worktreePath : null,
    branch: outcome.branch,
    prUrl: outcome.prUrl,
    logPath,
    uploaded: run.uploaded,
    excluded: run.excluded,
    warnings: run.warnings,
    message: outcome.message + worktreeNote,
  });
}
