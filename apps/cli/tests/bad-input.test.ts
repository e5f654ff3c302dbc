import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deadPid, git, makeRepo, makeTempDir, makeTempHome, removeTempDirs, startLiveProcess } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { pcc, sessionRows } from './support';

let home: TempHome;
let repo: string;
let agent: LiveProcess;

beforeAll(() => {
  repo = makeRepo();
});
beforeEach(() => {
  home = makeTempHome();
  agent = startLiveProcess();
});
afterEach(() => agent.kill());
afterAll(() => removeTempDirs());

/** Asserts a one-line error on stderr, nothing on stdout, no stack trace, and nothing changed. */
function expectRefused(args: string[], code: 1 | 2, message: RegExp) {
  const result = pcc(args, { env: home.env });
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(sessionRows(home.pccHome)).toEqual([]);
  expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
}

describe('bad input gets a one-line answer, an exit code, and changes nothing', () => {
  it('refuses a PID that is not a number', () => {
    expectRefused(['register', '--repo', repo, '--pid', 'abc'], 2, /--pid "abc" is not a process id: use a whole number from 1 up/);
  });

  it('refuses PID -1 and 0', () => {
    expectRefused(['register', '--repo', repo, '--pid=-1'], 2, /--pid "-1" is not a process id/);
    expectRefused(['register', '--repo', repo, '--pid', '0'], 2, /--pid "0" is not a process id/);
    expectRefused(['register', '--repo', repo, '--pid', '-1'], 2, /--pid/);
  });

  it('refuses a PID whose process is not running', async () => {
    const pid = await deadPid();
    expectRefused(['register', '--repo', repo, '--pid', String(pid)], 1, new RegExp(`No process with PID ${pid} is running`));
  });

  it('refuses a repository folder that does not exist', () => {
    const missing = path.join(makeTempDir(), 'nope');
    expectRefused(['register', '--repo', missing, '--pid', String(agent.pid)], 1, new RegExp(`${missing} does not exist`));
  });

  it('refuses a folder that is not in a git repository', () => {
    const plain = makeTempDir();
    expectRefused(['register', '--repo', plain, '--pid', String(agent.pid)], 1, /is not inside a git repository/);
  });

  it('refuses a missing --pid, unknown options and unknown commands with usage errors', () => {
    expectRefused(['register', '--repo', repo], 2, /register needs --pid <n>/);
    expectRefused(['status', 'extra'], 2, /Extraneous positional argument \("extra"\)/);
    expectRefused(['register', '--repo', repo, '--pid', String(agent.pid), '--bogus'], 2, /register has no option --bogus\./);
    expectRefused(['frobnicate'], 2, /"frobnicate" is not a command\. Run `parallel-cc --help` for the list of commands\./);
    expectRefused(['release'], 2, /Name the session with --pid <n> or --session-id <id>/);
    expectRefused(['release', '--pid', '1', '--session-id', 'x'], 2, /either --pid or --session-id, not both/);
  });

  it('refuses a malformed session id and an unknown one', () => {
    expectRefused(['release', '--session-id', 'not-a-uuid'], 2, /session id "not-a-uuid" is not valid: it must be a UUID/);
    expectRefused(['release', '--session-id', '123e4567-e89b-42d3-a456-426614174000'], 1, /No session with id 123e4567/);
  });

  it('refuses to open a database of the earlier parallel-cc, and update moves it aside', () => {
    fs.mkdirSync(home.pccHome, { recursive: true });
    const v1 = new Database(path.join(home.pccHome, 'coordinator.db'));
    v1.exec('create table sessions (id text primary key, pid integer not null, repo_path text not null)');
    v1.close();
    const status = pcc(['status'], { env: home.env });
    expect(status.code).toBe(1);
    expect(status.stderr).toMatch(/was written by an earlier parallel-cc; run `parallel-cc update`/);
    const update = pcc(['update'], { env: home.env });
    expect(update.code).toBe(0);
    expect(update.stdout).toContain('coordinator.v1.db');
    expect(fs.existsSync(path.join(home.pccHome, 'coordinator.v1.db'))).toBe(true);
    expect(pcc(['status'], { env: home.env }).code).toBe(0);
  });
});

describe('help is the manual', () => {
  it('lists every command, and each command explains itself, without colour off a terminal', () => {
    const help = pcc(['--help'], { env: home.env });
    expect(help.code).toBe(0);
    for (const command of ['register', 'release', 'heartbeat', 'status', 'cleanup', 'run', 'doctor', 'update']) {
      expect(help.stdout).toContain(`parallel-cc ${command}`);
    }
    expect(help.stdout).not.toContain('\u001b[');
    const register = pcc(['register', '--help'], { env: home.env });
    expect(register.stdout).toContain('The first live session of a repository works in its main checkout');
    expect(register.stdout).toContain('--pid <n>');
    expect(pcc(['--version'], { env: home.env }).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
