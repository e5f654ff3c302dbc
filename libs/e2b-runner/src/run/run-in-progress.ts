import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { plural, sessionById } from '@parallel-cc/core-sessions';
import type { RunnerCoordinator, RunStatus } from '../db/schema';
import { SandboxError } from '../errors';
import { getRun } from '../runs/get-run';
import { updateRun } from '../runs/update-run';
import type { RunPatch } from '../runs/update-run';
import type { Sandbox } from '../sandbox/sandbox';
import { runAgent } from './agent-run';
import type { AgentEnd } from './agent-run';
import { applyResult } from './apply-result';
import { fetchResult } from './fetch-result';
import { publishBranch, pullRequestBody, pullRequestTitle } from './git-live';
import { mcpAddCommand, projectMcpServers } from './mcp-servers';
import { prepareUpload } from './prepare-upload';
import { withRetries } from './retry';
import type { RunLog } from './run-log';
import type { RunPlan } from './run-plan';
import type { RunEvent, RunSandboxOptions } from './run-types';
import { setUpSandboxRepo } from './sandbox-repo';

// The sandbox outlives the agent's limit by this much, for the upload and the bring-back.
const SANDBOX_MARGIN_MS = 15 * 60_000;

/** Thrown inside a run when `sandbox kill` has ended it from elsewhere. */
class RunKilled extends Error {}

/** How a run ended, as its record and summary tell it. */
export interface Outcome {
  status: 'completed' | 'failed' | 'timed_out' | 'killed';
  exitCode: number | null;
  branch: string | null;
  prUrl: string | null;
  message: string;
}

/**
 * One run after its session and record exist: upload, sandbox, agent, bring-back, and the record
 * kept up to date at each stage (a `sandbox kill` from elsewhere is noticed at the next one).
 */
export class RunInProgress {
  uploaded = { files: 0, bytes: 0 };
  excluded: Array<{ path: string; reason: string }> = [];
  warnings: string[] = [];
  sandbox: Sandbox | null = null;
  keepSandbox = false;

  constructor(
    readonly coordinator: RunnerCoordinator,
    readonly options: RunSandboxOptions,
    readonly plan: RunPlan,
    readonly runId: string,
    readonly worktree: string,
    readonly log: RunLog,
    readonly emit: (event: RunEvent) => void,
  ) {}

  async carryOut(): Promise<Outcome> {
    const { options, plan } = this;
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pcc-upload-'));
    let sandbox: Sandbox;
    try {
      await this.stage('Choosing and packing the files to upload', 'uploading');
      const upload = await prepareUpload(this.worktree, this.runId, scratch, options.env, (done, total) => this.emit({ type: 'upload', done, total }));
      const { packed } = upload;
      this.excluded = upload.excluded;
      if (upload.historyNote) this.warn(upload.historyNote);
      this.uploaded = { files: packed.fileCount, bytes: packed.archiveBytes + packed.bundleBytes };

      await this.stage(`Creating a ${options.provider.name} sandbox`);
      sandbox = await options.provider.create({
        template: plan.template,
        timeoutMs: plan.timeout.limitMs + SANDBOX_MARGIN_MS,
        envs: plan.auth.envs,
        metadata: { sessionId: await this.sessionId(), runId: this.runId },
      });
      this.sandbox = sandbox;
      await this.patch({ sandboxId: sandbox.id });

      await this.stage(`Uploading ${plural(packed.fileCount, 'file')} and the history into the sandbox ${sandbox.id}`);
      const put = (name: string) => path.posix.join(sandbox.scratchDir, name);
      await withRetries(
        async () => {
          await sandbox.writeFile(put('files.tar.gz'), fs.readFileSync(packed.archive));
          await sandbox.writeFile(put('history.bundle'), fs.readFileSync(packed.bundle));
          await sandbox.writeFile(put('prompt.txt'), options.prompt, { mode: 0o600 });
          for (const file of plan.auth.files) await sandbox.writeFile(this.authPath(sandbox, file.path), file.data, { mode: file.mode });
        },
        2,
        (error, attempt) => this.warn(`Upload failed (${error.message}); trying again (${attempt} of 2).`),
      );
      await setUpSandboxRepo(sandbox, {
        bundle: put('history.bundle'),
        onlyRef: upload.onlyRef,
        archive: put('files.tar.gz'),
        headCommit: upload.uploadHead,
        branch: upload.branch,
        withheld: upload.withheld,
      });
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    await this.installMcpServers(sandbox);

    const agent = await this.runAgent(sandbox);
    if (agent.ended === 'killed') return this.finish({ status: 'killed', exitCode: agent.exitCode, branch: null, prUrl: null, message: 'The run was killed (sandbox kill); nothing was brought back.' });
    if (agent.ended === 'timed_out') {
      return this.finish({
        status: 'timed_out',
        exitCode: null,
        branch: null,
        prUrl: null,
        message: `The agent reached the ${describeMs(plan.timeout.limitMs)} limit and the sandbox was stopped; nothing was brought back.`,
      });
    }
    return this.bringBack(sandbox, agent.exitCode ?? -1);
  }

  private async bringBack(sandbox: Sandbox, exitCode: number): Promise<Outcome> {
    const { options, plan } = this;
    const agentNote = exitCode === 0 ? 'The agent finished' : `The agent exited with code ${exitCode}`;
    await this.stage('Bringing the result back', 'downloading');
    let fetched;
    try {
      fetched = await withRetries(
        () => fetchResult(sandbox, this.worktree, this.runId, options.env, `${pullRequestTitle(options.prompt)}\n\nLeft uncommitted by the agent (parallel-cc run ${this.runId}).`),
        2,
        (error, attempt) => this.warn(`Bringing the result back failed (${error.message}); trying again (${attempt} of 2).`),
      );
    } catch (error) {
      this.keepSandbox = true;
      if (error instanceof RunKilled) throw error;
      return this.finish({
        status: 'failed',
        exitCode,
        branch: null,
        prUrl: null,
        message: `${agentNote}, but its result could not be brought back: ${(error as Error).message}. The sandbox ${sandbox.id} is kept until its time runs out: run \`sandbox download --session-id ${await this.sessionId()}\`.`,
      });
    }
    const status = exitCode === 0 ? 'completed' : 'failed';
    if (!fetched.changed) {
      return this.finish({ status, exitCode, branch: null, prUrl: null, message: `${agentNote} without changing any file.` });
    }
    try {
      const applied = await applyResult(this.worktree, this.runId, fetched, options.env, plan.branch);
      if (!plan.branch) {
        return this.finish({ status, exitCode, branch: null, prUrl: null, message: `${agentNote}; ${plural(applied.changedFiles.length, 'changed file')} ${applied.changedFiles.length === 1 ? 'is' : 'are'} uncommitted in ${this.worktree}.` });
      }
      await this.patch({ branch: plan.branch });
      let prUrl: string | null = null;
      let publishNote = '';
      if (options.gitLive) {
        await this.stage(`Pushing ${plan.branch} and opening a pull request`);
        const target = options.gitLive.targetBranch ?? (await this.baseBranch());
        const published = await publishBranch(this.worktree, plan.branch, target, { title: pullRequestTitle(options.prompt), body: await this.pullRequestBody(sandbox) }, options.env);
        prUrl = published.prUrl;
        if (published.problem) this.warn(published.problem);
        publishNote = prUrl ? ` Pull request: ${prUrl}.` : ` ${published.problem ?? ''}`;
      }
      return this.finish({ status, exitCode, branch: plan.branch, prUrl, message: `${agentNote}; the result is on the branch ${plan.branch}.${publishNote}` });
    } catch (error) {
      if (!(error instanceof SandboxError) || !['RESULT_CONFLICT', 'NOT_FAST_FORWARD'].includes(error.code)) throw error;
      return this.finish({ status: 'failed', exitCode, branch: null, prUrl: null, message: `${agentNote}, but ${error.message}` });
    }
  }

  /** Ends the run after an error: the run marked failed (unless killed), the sandbox ended unless kept. */
  async fail(error: unknown): Promise<Outcome> {
    if (error instanceof RunKilled || (await this.wasKilled())) {
      return this.finish({ status: 'killed', exitCode: null, branch: null, prUrl: null, message: 'The run was killed (sandbox kill); nothing was brought back.' });
    }
    const message = (error as Error).message;
    return this.finish({ status: 'failed', exitCode: null, branch: null, prUrl: null, message: `The run failed: ${message}` }, message);
  }

  private async finish(outcome: Outcome, error: string | null = null): Promise<Outcome> {
    if (this.sandbox && !this.keepSandbox) await this.sandbox.kill().catch(() => undefined);
    const patch: RunPatch = { exitCode: outcome.exitCode, branch: outcome.branch, prUrl: outcome.prUrl, error: error ?? (outcome.status === 'completed' ? null : outcome.message) };
    try {
      await updateRun(this.coordinator, this.runId, { ...patch, status: outcome.status });
    } catch (failure) {
      if (!(failure instanceof SandboxError)) throw failure;
      if (failure.code === 'RUN_NOT_FOUND') return outcome;
      if (failure.code !== 'INVALID_TRANSITION') throw failure;
      // `sandbox kill` got there first: its status stands.
      const now = await getRun(this.coordinator, { id: this.runId });
      await updateRun(this.coordinator, this.runId, { exitCode: outcome.exitCode });
      if (now?.status === 'killed') return { ...outcome, status: 'killed', message: 'The run was killed (sandbox kill); nothing was brought back.' };
    }
    return outcome;
  }

  private async runAgent(sandbox: Sandbox): Promise<AgentEnd> {
    const { plan, options } = this;
    await this.stage(`Running ${plan.command[0] ?? ''} in the sandbox (limit ${describeMs(plan.timeout.limitMs)})`, 'running');
    const end = await runAgent(sandbox, plan.command, options.prompt, plan.timeout, {
      onOutput: (stream, text) => {
        this.log.write(text);
        this.emit({ type: 'output', stream, text });
      },
      onWarning: (text) => this.warn(text),
      onLimit: () => this.log.note(`The ${describeMs(plan.timeout.limitMs)} limit is reached: stopping the sandbox.`),
      isKilled: () => this.wasKilled(),
    });
    this.log.note(`The agent ${end.ended === 'exited' ? `exited with code ${end.exitCode ?? ''}` : `was stopped (${end.ended})`}.`);
    return end;
  }

  private async installMcpServers(sandbox: Sandbox): Promise<void> {
    const servers = projectMcpServers(this.worktree);
    if (servers.length === 0) return;
    if (this.options.provider.name === 'local') {
      this.log.note(`MCP servers (${servers.map((s) => s.name).join(', ')}): not installed by the local provider; the agent uses your own Claude configuration.`);
      return;
    }
    await this.stage(`Installing ${plural(servers.length, 'MCP server')} in the sandbox`);
    for (const server of servers) {
      const result = await sandbox.run(mcpAddCommand(server), { onStdout: (t) => this.log.write(t), onStderr: (t) => this.log.write(t) }).catch((error: Error) => ({ exitCode: -1, error }));
      this.log.note(`MCP server ${server.name}: ${result.exitCode === 0 ? 'installed' : `not installed (exit code ${result.exitCode})`}.`);
    }
  }

  private async pullRequestBody(sandbox: Sandbox): Promise<string> {
    const run = await getRun(this.coordinator, { id: this.runId });
    const minutes = run?.startedAt ? Math.max(1, Math.round((Date.now() - Date.parse(run.startedAt)) / 60_000)) : null;
    return pullRequestBody({ sessionId: run?.sessionId ?? '', sandbox: `${sandbox.id} (${this.options.provider.name})`, minutes });
  }

  private authPath(sandbox: Sandbox, file: string): string {
    if (this.options.provider.name === 'e2b') return file;
    // The local agent runs as you, with your own login; the copy stays inside the sandbox folder.
    return path.join(sandbox.scratchDir, 'home', path.posix.relative('/home/user', file));
  }

  private async stage(text: string, status?: RunStatus): Promise<void> {
    if (await this.wasKilled()) throw new RunKilled();
    this.emit({ type: 'stage', text });
    this.log.note(text);
    if (status) await this.patch({ status });
  }

  private warn(text: string): void {
    this.warnings.push(text);
    this.log.note(`warning: ${text}`);
    this.emit({ type: 'warning', text });
  }

  private async patch(patch: RunPatch): Promise<void> {
    try {
      await updateRun(this.coordinator, this.runId, patch);
    } catch (error) {
      if (error instanceof SandboxError && error.code === 'INVALID_TRANSITION' && (await this.wasKilled())) throw new RunKilled();
      throw error;
    }
  }

  private async wasKilled(): Promise<boolean> {
    return (await getRun(this.coordinator, { id: this.runId }).catch(() => undefined))?.status === 'killed';
  }

  private async sessionId(): Promise<string> {
    return (await getRun(this.coordinator, { id: this.runId }))?.sessionId ?? '';
  }

  private async baseBranch(): Promise<string> {
    return (await sessionById(this.coordinator.db, await this.sessionId()))?.base_branch ?? 'main';
  }
}

function describeMs(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}-minute` : `${ms} ms`;
}
