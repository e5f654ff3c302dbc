import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, makeTempDir, makeTempHome, removeTempDirs } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { BIN, startBin, waitFor } from './support';

// A stand-in for Claude Code, as `claude` on PATH: it records its argv, folder and session id in
// a file of its own, then exits with CLAUDE_EXIT, kills itself with CLAUDE_SIGNAL, or (CLAUDE_WAIT)
// waits for a signal and reports it.
const STAND_IN = `
const fs = require('fs'), path = require('path');
const file = path.join(process.env.CLAUDE_OUT, 'run-' + process.pid + '.json');
fs.writeFileSync(file + '.tmp', JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd(), session: process.env.PARALLEL_CC_SESSION_ID ?? null }));
fs.renameSync(file + '.tmp', file);
if (process.env.CLAUDE_SIGNAL) process.kill(process.pid, process.env.CLAUDE_SIGNAL);
else if (process.env.CLAUDE_WAIT) {
  process.on('SIGTERM', () => { fs.writeFileSync(path.join(process.env.CLAUDE_OUT, 'got-signal'), 'SIGTERM'); process.exit(42); });
  setInterval(() => {}, 1000);
} else process.exit(Number(process.env.CLAUDE_EXIT ?? 0));
`;

let home: TempHome;
let out: string;
let bin: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  home = makeTempHome();
  out = makeTempDir('pcc-claude-runs-');
  bin = makeTempDir('pcc-claude-bin-');
  fs.writeFileSync(path.join(out, 'claude.js'), STAND_IN);
  fs.writeFileSync(path.join(bin, 'claude'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(out, 'claude.js')}" "$@"\n`, { mode: 0o755 });
  env = { ...home.env, CLAUDE_OUT: out, PATH: `${bin}${path.delimiter}${home.env.PATH}` };
});
afterAll(() => removeTempDirs());

interface Run {
  argv: string[];
  cwd: string;
  session: string | null;
}

const runs = (): Run[] =>
  fs
    .readdirSync(out)
    .filter((f) => /^run-\d+\.json$/.test(f))
    .map((f) => JSON.parse(fs.readFileSync(path.join(out, f), 'utf8')) as Run);

const clearRuns = () => {
  for (const f of fs.readdirSync(out).filter((f) => f.startsWith('run-'))) fs.rmSync(path.join(out, f));
};

/** Runs claude-parallel to the end; returns how it ended and what the stand-in claude saw. */
async function claudeParallel(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  clearRuns();
  const run = startBin(BIN.claudeParallel, args, { env: options.env ?? env, cwd: options.cwd });
  const ended = await run.exited;
  return { ...ended, ...run.output(), runs: runs() };
}

/** What a session would have left: a database, a worktree. */
function nothingCreated(repo?: string) {
  expect(fs.existsSync(home.pccHome)).toBe(false);
  if (repo) expect(git(repo, 'worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree '))).toHaveLength(1);
}

describe('the claude alias never breaks Claude Code', () => {
  it('outside a git repository, runs claude itself: same arguments, folder and exit code, no session', async () => {
    const folder = makeTempDir('pcc-not-a-repo-');
    const result = await claudeParallel(['-p', 'explain this', '--model', 'opus'], { cwd: folder, env: { ...env, CLAUDE_EXIT: '3' } });
    expect(result.code).toBe(3);
    expect(result.runs).toEqual([{ argv: ['-p', 'explain this', '--model', 'opus'], cwd: folder, session: null }]);
    expect(result.stderr).toBe('');
    nothingCreated();
  });

  it('passes commands that are no working session straight through inside a repository: no session, no worktree', async () => {
    const repo = makeRepo();
    const commands = [
      ['--version'],
      ['-v'],
      ['--help'],
      ['-h'],
      ['--model', 'opus', '--help'],
      ['mcp', 'add', 'x', '--', 'npx', 'y'],
      ['config', 'get', 'theme'],
      ['doctor'],
      ['update'],
      ['install', 'stable'],
      ['migrate-installer'],
      ['setup-token'],
      ['agents'],
      ['plugin', 'list'],
      ['auth', 'status'],
    ];
    for (const [i, args] of commands.entries()) {
      const code = i % 2 === 0 ? 0 : 10 + i;
      const result = await claudeParallel(args, { cwd: repo, env: { ...env, CLAUDE_EXIT: String(code) } });
      expect({ args, code: result.code, runs: result.runs }).toEqual({ args, code, runs: [{ argv: args, cwd: repo, session: null }] });
    }
    nothingCreated(repo);
  });

  it('hands -w over to Claude in a repository: claude runs straight through, no worktree or session of ours', async () => {
    const repo = makeRepo();
    for (const args of [['-w', 'x'], ['-wx'], ['-w=x'], ['--worktree', 'x'], ['--worktree=x'], ['-w'], ['-p', 'fix it', '-w', 'x', '--model', 'opus']]) {
      const result = await claudeParallel(args, { cwd: repo, env: { ...env, CLAUDE_EXIT: '7' } });
      expect({ args, code: result.code, stderr: result.stderr, runs: result.runs }).toEqual({
        args,
        code: 7,
        stderr: '',
        runs: [{ argv: args, cwd: repo, session: null }],
      });
    }
    nothingCreated(repo);
  });

  it('ends the way claude ended when a signal killed it, and passes signals on to it', async () => {
    const folder = makeTempDir('pcc-not-a-repo-');
    const killed = await claudeParallel(['--version'], { cwd: folder, env: { ...env, CLAUDE_SIGNAL: 'SIGTERM' } });
    expect(killed).toMatchObject({ code: null, signal: 'SIGTERM' });

    clearRuns();
    const waiting = startBin(BIN.claudeParallel, ['--help'], { env: { ...env, CLAUDE_WAIT: '1' }, cwd: folder });
    await waitFor(() => runs().length === 1, 15_000, 'the waiting claude');
    waiting.child.kill('SIGTERM');
    expect(await waiting.exited).toEqual({ code: 42, signal: null });
    expect(fs.readFileSync(path.join(out, 'got-signal'), 'utf8')).toBe('SIGTERM');
  });

  it('in a repository without commits, runs claude itself and says why there is no session', async () => {
    const folder = makeTempDir('pcc-no-commits-');
    git(folder, 'init', '-q');
    const result = await claudeParallel(['fix it'], { cwd: folder, env: { ...env, CLAUDE_EXIT: '0' } });
    expect(result.code).toBe(0);
    expect(result.runs).toEqual([{ argv: ['fix it'], cwd: folder, session: null }]);
    expect(result.stderr).toMatch(/^claude-parallel: The repository at .* has no commits yet; .*claude runs without a parallel-cc session\.\n$/);
    nothingCreated();
  });

  it('in a repository, still runs claude as a session', async () => {
    const repo = makeRepo();
    const result = await claudeParallel(['fix it'], { cwd: repo, env: { ...env, CLAUDE_EXIT: '5' } });
    expect(result.code).toBe(5);
    expect(result.runs).toEqual([{ argv: ['fix it'], cwd: repo, session: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
  });

  it('finds claude missing from PATH before anything is created, in a repository or outside', async () => {
    const withoutClaude = (home.env.PATH ?? '')
      .split(path.delimiter)
      .filter((dir) => dir && !fs.existsSync(path.join(dir, 'claude')))
      .join(path.delimiter);
    const repo = makeRepo();
    for (const [cwd, args] of [[repo, []], [repo, ['--version']], [makeTempDir('pcc-not-a-repo-'), ['hi']]] as const) {
      const result = await claudeParallel([...args], { cwd, env: { ...env, PATH: withoutClaude } });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        'claude-parallel: Claude Code (`claude`) is not on PATH; install it with `npm install -g @anthropic-ai/claude-code`. Nothing was started.\n',
      );
    }
    nothingCreated(repo);
  });
});
