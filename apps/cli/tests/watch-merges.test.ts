import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { commitFiles, git, makeRepo, makeTempHome, removeTempDirs, startLiveProcess } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { BIN, pcc, pccJson, startBin, waitFor } from './support';

let home: TempHome;
const live: LiveProcess[] = [];
const register = (repo: string) => {
  const p = startLiveProcess();
  live.push(p);
  return pccJson<{ sessionId: string; worktreePath: string; branch: string }>(['register', '--repo', repo, '--pid', String(p.pid)], { env: home.env });
};

beforeEach(() => {
  home = makeTempHome();
});
afterEach(async () => {
  await Promise.all(live.splice(0).map((p) => p.kill()));
});
afterAll(() => removeTempDirs());

/** A repository with a session in the main checkout and two in worktrees. */
function scene() {
  const repo = makeRepo({ 'a.ts': 'export const a = 1;\n' });
  const main = register(repo);
  const work = register(repo);
  const other = register(repo);
  return { repo, main, work, other };
}

/** Commits in the worktree session's branch and squash-merges it into main. */
function squashMerge(repo: string, work: { worktreePath: string; branch: string }): void {
  commitFiles(work.worktreePath, { 'b.ts': 'export const b = 1;\n' }, 'work');
  git(repo, 'merge', '-q', '--squash', work.branch);
  git(repo, 'commit', '-q', '-m', 'squash');
}

/** Starts `parallel-cc watch-merges args` and collects the whole lines of its stdout, read from the pipe. */
function startWatch(args: string[]) {
  const bin = startBin(BIN.pcc, ['watch-merges', ...args], { env: home.env });
  const lines: string[] = [];
  readline.createInterface({ input: bin.child.stdout! }).on('line', (line) => lines.push(line));
  const seen = (what: string, test: (line: string) => boolean) =>
    waitFor(() => lines.find(test), 20_000, () => `${what}; stdout so far: ${JSON.stringify(lines)}, stderr: ${bin.output().stderr}`);
  return { ...bin, lines, seen };
}

/** What the session's next hook call delivers (its pending notifications). */
function delivered(sessionId: string, cwd: string): string {
  const input = JSON.stringify({ session_id: 'claude', cwd, hook_event_name: 'PostToolUse', tool_name: 'Edit' });
  const out = execFileSync(process.execPath, [BIN.pcc, 'hook', 'post-tool-use'], {
    env: { ...home.env, PARALLEL_CC_SESSION_ID: sessionId },
    input,
    encoding: 'utf8',
  });
  return out === '' ? '' : (JSON.parse(out) as { hookSpecificOutput: { additionalContext: string } }).hookSpecificOutput.additionalContext;
}

describe('watch-merges in the foreground', () => {
  it('names what it watches, prints one line for the round that found a merge, and exits 0 on Ctrl-C', async () => {
    const { repo, work } = scene();
    const watch = startWatch(['--interval', '1']);
    await watch.seen('the start line', (l) => l.startsWith('Watching'));
    expect(watch.lines[0]).toBe(`Watching 1 repository for merges every 1s: ${repo}. Ctrl-C stops.`);

    squashMerge(repo, work);
    const merged = `merged ${work.branch} \u2192 main (squash)`;
    const line = await watch.seen('the round line', (l) => l.includes(merged));
    expect(line).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d round \\d+: ${merged.replace(/[()]/g, '\\$&')}$`));

    watch.child.kill('SIGINT');
    expect(await watch.exited).toEqual({ code: 0, signal: null });
    // Rounds that found nothing printed nothing.
    expect(watch.lines).toEqual([watch.lines[0], line]);
    expect(watch.output().stderr).toBe('');
  });

  it('with --json prints one JSON object per round that found something, and only that on stdout', async () => {
    const { repo, work } = scene();
    const watch = startWatch(['--interval', '1', '--json']);
    await waitFor(() => watch.output().stderr.includes('Watching 1 repository'), 20_000, 'the start line on stderr');
    squashMerge(repo, work);
    await watch.seen('a round with the merge', (l) => l.includes(work.branch));
    watch.child.kill('SIGINT');
    expect(await watch.exited).toEqual({ code: 0, signal: null });
    const rounds = watch.lines.map((l) => JSON.parse(l) as { round: number; events: unknown[] });
    expect(rounds).toEqual([
      expect.objectContaining({ round: expect.any(Number), newEvents: 1, events: [{ repoPath: repo, branch: work.branch, targetBranch: 'main', how: 'squash' }] }),
    ]);
  });

  it('says when no repository has anything to watch yet', async () => {
    const watch = startWatch(['--interval', '1']);
    const line = await watch.seen('the start line', (l) => l.startsWith('Watching'));
    expect(line).toBe('Watching for merges every 1s; no repository has live sessions or subscriptions yet. Ctrl-C stops.');
    watch.child.kill('SIGINT');
    expect((await watch.exited).code).toBe(0);
  });
});

describe('one watcher per home', () => {
  it('a second watch-merges is refused while one runs, naming it; a poll with --once is not', async () => {
    const watch = startWatch(['--interval', '1']);
    await watch.seen('the start line', (l) => l.startsWith('Watching'));
    const second = pcc(['watch-merges', '--interval', '1'], { env: home.env });
    expect(second).toMatchObject({ code: 1, stdout: '' });
    expect(second.stderr).toMatch(new RegExp(`^parallel-cc: A watcher is already running for .*\\(PID ${watch.child.pid}, since .*\\); stop it first\\.\n$`));
    expect(pcc(['watch-merges', '--once'], { env: home.env })).toMatchObject({ code: 0, stdout: 'Polled 0 repositories: 0 new merges.\n' });
    watch.child.kill('SIGINT');
    expect(await watch.exited).toEqual({ code: 0, signal: null });
  });
});

describe('watch-merges --once', () => {
  it('names each merge it found, with its target and how', () => {
    const { repo, work, other } = scene();
    squashMerge(repo, work);
    commitFiles(other.worktreePath, { 'c.ts': 'export const c = 1;\n' }, 'other work');
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge other', other.branch);
    const round = pcc(['watch-merges', '--once'], { env: home.env });
    expect(round.code).toBe(0);
    const lines = round.stdout.split('\n');
    expect(lines[0]).toBe('Polled 1 repository: 2 new merges.');
    expect(lines.slice(1, 3).sort()).toEqual([`  merged ${other.branch} \u2192 main (ancestor)`, `  merged ${work.branch} \u2192 main (squash)`].sort());
    expect(pcc(['watch-merges', '--once'], { env: home.env })).toMatchObject({ code: 0, stdout: 'Polled 1 repository: 0 new merges.\n' });
  });

  it('says when a fetch failed, not only in --json', () => {
    const { repo } = scene();
    git(repo, 'remote', 'add', 'origin', path.join(repo, 'no-such-remote'));
    const round = pcc(['watch-merges', '--once', '--fetch'], { env: home.env });
    expect(round.code).toBe(0);
    expect(round.stdout).toMatch(/^Polled 1 repository: 0 new merges\.\n {2}warning: .*git fetch origin failed.*merges were checked against what was fetched before\.\n$/);
  });
});

describe('merge notices', () => {
  it('tell the squash-merged branch\u2019s own session, ask the others on main to rebase, and spare the session on main', () => {
    const { repo, main, work, other } = scene();
    squashMerge(repo, work);
    expect(pcc(['watch-merges', '--once'], { env: home.env }).code).toBe(0);

    expect(delivered(work.sessionId, work.worktreePath)).toBe(`[parallel-cc merge] Your branch ${work.branch} was merged into main (squash).`);
    expect(delivered(other.sessionId, other.worktreePath)).toMatch(new RegExp(`main moved: ${work.branch} was merged\\. Rebase onto main when convenient`));
    expect(delivered(main.sessionId, repo)).toBe('');
    // Each is delivered once.
    expect(delivered(work.sessionId, work.worktreePath)).toBe('');
  });
});
