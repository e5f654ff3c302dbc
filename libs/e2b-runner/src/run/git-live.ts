import { spawn } from 'node:child_process';
import { plural } from '@parallel-cc/core-sessions';
import { localRepo } from '../local-repo';

/** What {@link publishBranch} did. */
export interface PublishOutcome {
  pushed: boolean;
  prUrl: string | null;
  /** What went wrong and how to finish by hand; null when all went well. */
  problem: string | null;
}

/** What the pull request says. */
export interface PullRequestText {
  title: string;
  body: string;
}

/** `E2B: <first line of the prompt>`, at most 72 characters. */
export function pullRequestTitle(prompt: string): string {
  const line = prompt.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '') ?? 'sandbox run';
  const title = `E2B: ${line}`;
  return title.length <= 72 ? title : `${title.slice(0, 71)}…`;
}

/** The pull request's body: where the change came from, and a checklist for the reviewer. */
export function pullRequestBody(run: { sessionId: string; sandbox: string; minutes: number | null }): string {
  return [
    'Made by an unattended parallel-cc sandbox run.',
    '',
    `- Session: ${run.sessionId}`,
    `- Sandbox: ${run.sandbox}`,
    `- Duration: ${run.minutes === null ? 'unknown' : `about ${plural(run.minutes, 'minute')}`}`,
    '',
    '## Review checklist',
    '',
    '- [ ] The changes do what the prompt asked',
    '- [ ] Tests pass',
    '- [ ] No secrets or generated files were committed',
    '',
  ].join('\n');
}

/**
 * Pushes `branch` from the user's machine (`git push origin <branch>`) and opens a pull request
 * with `gh pr create`, the body on stdin. Tokens (GITHUB_TOKEN, GH_TOKEN) stay in `env`: never in
 * argv or a log. A failure is reported, not thrown: the result is already safe on the branch.
 */
export async function publishBranch(
  worktree: string,
  branch: string,
  targetBranch: string,
  text: PullRequestText,
  env: NodeJS.ProcessEnv,
): Promise<PublishOutcome> {
  const byHand = `push it by hand: git push origin ${branch} && gh pr create --base ${targetBranch} --head ${branch}`;
  const push = await localRepo(worktree, env).run(['push', '-q', 'origin', `refs/heads/${branch}:refs/heads/${branch}`]);
  if (push.exitCode !== 0) {
    return { pushed: false, prUrl: null, problem: `git push failed (${push.stderr.trim().split('\n')[0] ?? ''}); ${byHand}` };
  }
  const gh = await runGh(worktree, ['pr', 'create', '--base', targetBranch, '--head', branch, '--title', text.title, '--body-file', '-'], text.body, env);
  if (gh.missing) return { pushed: true, prUrl: null, problem: `gh is not installed; the branch is pushed: open the pull request by hand (gh pr create --base ${targetBranch} --head ${branch})` };
  const url = gh.stdout.split(/\s+/).find((word) => /^https?:\/\//.test(word)) ?? null;
  if (gh.exitCode !== 0 || url === null) {
    return { pushed: true, prUrl: null, problem: `gh pr create failed (${gh.stderr.trim().split('\n')[0] ?? ''}); the branch is pushed: open the pull request by hand (gh pr create --base ${targetBranch} --head ${branch})` };
  }
  return { pushed: true, prUrl: url, problem: null };
}

function runGh(cwd: string, args: string[], input: string, env: NodeJS.ProcessEnv): Promise<{ exitCode: number; stdout: string; stderr: string; missing: boolean }> {
  return new Promise((resolve) => {
    const child = spawn('gh', args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdin.on('error', () => undefined);
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ exitCode: 127, stdout, stderr: error.message, missing: error.code === 'ENOENT' }));
    child.on('close', (code) => resolve({ exitCode: code ?? 1, stdout, stderr, missing: false }));
    child.stdin.end(input);
  });
}
