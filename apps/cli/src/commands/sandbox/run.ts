import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, Option, UsageError } from 'clipanion';
import type { RunEvent, RunSummary } from '@parallel-cc/e2b-runner';
import { writeJson } from '../../coordinator';
import { byteProgress, formatBytes } from '../../output/progress-bar';
import type { PccContext } from '../../context';
import { sandboxProvider, withRunner } from '../../sandbox-support';

/** `parallel-cc sandbox run`: one unattended session in a sandbox, its result brought back. */
export class SandboxRunCommand extends Command<PccContext> {
  static override paths = [['sandbox', 'run'], ['sandbox-run']];
  static override usage = Command.Usage({
    category: 'Sandboxes',
    description: 'Run an agent unattended in a sandbox (E2B cloud, or local) and bring its work back',
    details: `
      The run is a session with its own worktree. Its files (as git sees them, without credentials such as \`.env*\`, keys, \`.npmrc\`, cloud credentials, or anything in \`.e2bignore\`) and its history (a git bundle; if any such file was ever committed, the history stays here: the sandbox gets one commit of the current files and the result is replayed onto your history) are uploaded; the agent runs with the prompt on stdin, exactly as written; its output goes to the run's log (\`sandbox logs\`). Warnings at 50% and 83% of the timeout, a hard stop at the limit.

      The result comes back into the run's worktree as uncommitted changes, or committed on a branch (\`--branch auto\` or \`--branch NAME\`); nothing changed locally meanwhile is overwritten. \`--git-live\` then pushes the branch and opens a pull request with \`gh\` from this machine (the GitHub token never enters the sandbox).

      The summary estimates the cost at E2B's hourly rate (set PARALLEL_CC_E2B_RATE_PER_HOUR to yours).

      Credentials: \`--auth-method api-key\` (ANTHROPIC_API_KEY, the default) or \`oauth\` (~/.claude/.credentials.json, copied with mode 0600); E2B_API_KEY for \`--provider e2b\`. They are checked before anything is created; \`--provider local\` needs Anthropic credentials only when its agent is \`claude\`. The local provider has no isolation: it runs exactly the agent command given (\`--agent\`), adding no flags.
    `,
    examples: [
      ['Fix a bug in E2B, result as uncommitted changes', '$0 sandbox run --repo . --prompt "Fix the failing date test"'],
      ['Follow a plan, commit on an auto-named branch', '$0 sandbox run --prompt-file PLAN.md --branch auto'],
      ['Open a pull request against develop', '$0 sandbox run --prompt "Add CSV export" --git-live --target-branch develop'],
      ['What would be uploaded?', '$0 sandbox run --prompt "x" --dry-run'],
    ],
  });

  repo = Option.String('--repo', { description: 'A folder of the repository (default: the current folder)' });
  prompt = Option.String('--prompt', { description: 'The task, passed to the agent exactly as written' });
  promptFile = Option.String('--prompt-file', { description: 'Read the task from this file instead (e.g. PLAN.md)' });
  authMethod = Option.String('--auth-method', 'api-key', { description: 'api-key (ANTHROPIC_API_KEY) or oauth (~/.claude/.credentials.json)' });
  branch = Option.String('--branch', { description: 'Commit the result on a branch: auto (e2b/<prompt>-<time>) or a name' });
  gitLive = Option.Boolean('--git-live', false, { description: 'Push the result branch and open a pull request with gh' });
  targetBranch = Option.String('--target-branch', { description: 'With --git-live: the pull request base (default: the base branch)' });
  yes = Option.Boolean('--yes', false, { description: 'With --git-live: go ahead even when other sessions work on the repository' });
  timeout = Option.String('--timeout', '60', { description: 'Minutes before the run is stopped, 10 to 60 (default 60)' });
  template = Option.String('--template', { description: 'The E2B template (default anthropic-claude-code)' });
  provider = Option.String('--provider', 'e2b', { description: 'e2b (default) or local (no isolation: for tests and machines without E2B)' });
  agent = Option.String('--agent', { description: 'The agent command, as one string split on spaces (default: claude -p, plus --dangerously-skip-permissions in E2B)' });
  dryRun = Option.Boolean('--dry-run', false, { description: 'Check credentials and show what would be uploaded; create nothing' });
  json = Option.Boolean('--json', false, { description: 'Print the run summary as JSON' });

  override async execute(): Promise<number> {
    const { parsePositiveInt, requireWith } = await import('../../options');
    requireWith('--yes', this.yes, '--git-live', this.gitLive);
    if (this.template !== undefined && this.provider === 'local') throw new UsageError('--template names an E2B template, and --provider local uses none: drop one of them.');
    const prompt = this.readPrompt();
    const timeoutMinutes = parsePositiveInt(this.timeout, '--timeout');
    const runner = await import('@parallel-cc/e2b-runner');
    runner.timeoutPlan(timeoutMinutes); // refuses a limit outside 10-60 minutes before anything runs
    if (this.authMethod !== 'api-key' && this.authMethod !== 'oauth') {
      throw new UsageError(`--auth-method "${this.authMethod}" is not known: use api-key or oauth.`);
    }
    if (this.targetBranch !== undefined) {
      if (!this.gitLive) throw new UsageError('--target-branch only works with --git-live.');
      runner.checkTargetBranch(this.targetBranch); // refused even when git-live falls back below
    }
    const provider = await sandboxProvider(this.provider, this.context);
    const repo = path.resolve(this.context.cwd, this.repo ?? '.');
    const gitLive = this.gitLive ? await this.confirmGitLive(repo) : false;
    const showUpload = byteProgress(this.context.stderr, 'sandbox: packing the upload');
    const summary = await withRunner(this.context, (coordinator) =>
      runner.runSandbox(coordinator, {
        repo,
        prompt,
        provider,
        env: this.context.env,
        authMethod: this.authMethod as 'api-key' | 'oauth',
        branch: gitLive ? (this.branch ?? 'auto') : (this.branch ?? null),
        ...(gitLive ? { gitLive: { ...(this.targetBranch ? { targetBranch: this.targetBranch } : {}) } } : {}),
        timeoutMinutes,
        ...(this.template ? { template: this.template } : {}),
        ...(this.agent ? { command: this.agent.split(/\s+/).filter((w) => w !== '') } : {}),
        dryRun: this.dryRun,
        ...ratePerHour(this.context.env),
        onEvent: (event) => this.report(event, showUpload),
      }),
    );
    if (this.json) writeJson(this.context, summary);
    else this.context.stdout.write(describe(summary, (await import('@parallel-cc/core-sessions')).plural));
    return summary.status === 'completed' || summary.status === 'dry-run' ? 0 : 1;
  }

  private readPrompt(): string {
    if ((this.prompt === undefined) === (this.promptFile === undefined)) {
      throw new UsageError('Give the task with --prompt "<text>" or --prompt-file <file> (one of them).');
    }
    if (this.prompt !== undefined) {
      if (this.prompt.trim() === '') throw new UsageError('--prompt is empty: say what the agent should do.');
      return this.prompt;
    }
    if (this.promptFile!.includes('\uFFFD')) {
      // Bytes of argv that are not UTF-8 reach Node as U+FFFD: the file named is not the one meant.
      throw new UsageError(`--prompt-file ${JSON.stringify(this.promptFile)} contains U+FFFD, the mark of bytes that are not valid UTF-8: give a path that is valid UTF-8.`);
    }
    const file = path.resolve(this.context.cwd, this.promptFile!);
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      throw new UsageError(`--prompt-file ${file} cannot be read: give a readable file.`);
    }
  }

  /** git-live beside other live sessions: ask on a terminal, go on with --yes, else fall back to bringing the result back. */
  private async confirmGitLive(repo: string): Promise<boolean> {
    if (this.yes) return true;
    const { otherLiveCount } = await import('../../sandbox-support');
    const others = await otherLiveCount(this.context, repo);
    if (others === 0) return true;
    const { plural } = await import('@parallel-cc/core-sessions');
    const warning = `${plural(others, 'other session')} ${others === 1 ? 'works' : 'work'} on this repository: their pull requests may conflict with this one.`;
    const stdin = this.context.stdin as NodeJS.ReadStream;
    if (!stdin.isTTY) {
      this.context.stderr.write(`warning: ${warning} No terminal to ask, so --git-live falls back to bringing the result back (use --yes to push anyway).\n`);
      return false;
    }
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: stdin, output: this.context.stderr });
    const answer = await rl.question(`${warning} Push and open a pull request anyway? (y/N) `);
    rl.close();
    return /^y(es)?$/i.test(answer.trim());
  }

  private report(event: RunEvent, showUpload: (done: number, total: number) => void): void {
    const err = this.context.stderr;
    if (event.type === 'started') {
      const [session, run] = [event.sessionId.slice(0, 8), event.runId.slice(0, 8)];
      err.write(`session ${session} (run ${run}): follow it with \`parallel-cc sandbox logs --session-id ${session} --follow\`\n`);
    } else if (event.type === 'stage') err.write(`sandbox: ${event.text}\n`);
    else if (event.type === 'warning') err.write(`sandbox: warning: ${event.text}\n`);
    else if (event.type === 'upload') showUpload(event.done, event.total);
  }
}

/** The E2B price per sandbox hour for the cost estimate: PARALLEL_CC_E2B_RATE_PER_HOUR when it is a number. */
function ratePerHour(env: NodeJS.ProcessEnv): { ratePerHour?: number } {
  const rate = Number(env.PARALLEL_CC_E2B_RATE_PER_HOUR);
  return env.PARALLEL_CC_E2B_RATE_PER_HOUR && Number.isFinite(rate) && rate >= 0 ? { ratePerHour: rate } : {};
}

function describe(summary: RunSummary, plural: (count: number, noun: string) => string): string {
  const lines = [summary.message];
  if (summary.status === 'dry-run') {
    const uploaded = summary.uploadedFiles ?? [];
    const sizes = uploaded.map((f) => formatBytes(f.size));
    const width = sizes.reduce((most, size) => Math.max(most, size.length), 0);
    lines.push(`would upload ${plural(uploaded.length, 'file')}, ${formatBytes(summary.uploaded.bytes)} in all:`);
    uploaded.forEach((f, i) => lines.push(`  ${sizes[i]?.padStart(width)}  ${f.path}`));
    const leftOut = summary.leftOutFiles ?? summary.excluded;
    lines.push(`would leave out ${plural(leftOut.length, 'file')}:`);
    for (const x of leftOut) lines.push(`  ${x.path}: ${x.reason}`);
    if (summary.branch) lines.push(`branch: ${summary.branch}`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`status: ${summary.status}${summary.exitCode === null ? '' : ` (agent exit code ${summary.exitCode})`}`);
  if (summary.worktreePath) lines.push(`worktree: ${summary.worktreePath}`);
  if (summary.branch) lines.push(`branch: ${summary.branch}`);
  if (summary.prUrl) lines.push(`pull request: ${summary.prUrl}`);
  if (summary.logPath) lines.push(`log: ${summary.logPath}`);
  lines.push(`time: ${Math.round(summary.durationMs / 1000)} s, about $${summary.cost.usd.toFixed(2)} at $${summary.cost.ratePerHour}/hour`);
  if (summary.excluded.length) lines.push(`not uploaded: ${summary.excluded.map((x) => x.path).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
