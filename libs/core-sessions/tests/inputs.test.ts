import * as fs from 'node:fs';
import * as path from 'node:path';
import { deadPid, git, makeRepo, makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { heartbeat, openCoordinator, parseInput, PidSchema, registerSession, releaseSession, SessionError } from '../src';
import { parseSelector } from '../src/sessions/inputs';
import type { Coordinator } from '../src';
import { cleanHome, liveProcess, rejectionOf, sessionErrorOf, sessionRows, stopLiveProcesses } from './support';

let home: TempHome;
let coordinator: Coordinator;

beforeAll(async () => {
  home = cleanHome();
  coordinator = await openCoordinator({ env: home.env });
});

afterAll(async () => {
  await coordinator.close();
  await stopLiveProcesses();
  removeTempDirs();
});

// The lib loads worktree-gtr lazily, so the tests do too (a static import is a lint error).
const worktreeErrorClass = async () => (await import('@parallel-cc/worktree-gtr')).WorktreeError;

describe('registerSession rejects bad input and writes nothing', () => {
  let repo: string;
  beforeAll(() => {
    repo = makeRepo();
  });

  afterEach(() => {
    expect(sessionRows(coordinator)).toEqual([]);
    expect(fs.existsSync(`${repo}-worktrees`)).toBe(false);
  });

  it.each([
    [-1, 'The PID -1 is not valid: it must be 1 or more.'],
    [0, 'The PID 0 is not valid: it must be 1 or more.'],
    [1.5, 'The PID 1.5 is not valid: it must be a whole number.'],
    [Number.NaN, 'The PID NaN is not valid: it must be a number.'],
    [5_000_000, 'The PID 5000000 is not valid: it is larger than any process id.'],
  ])('PID %p', async (pid, message) => {
    const error = await sessionErrorOf(registerSession(coordinator, { repo, pid, env: home.env }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(message);
    expect(error.data).toMatchObject({ field: 'PID' });
  });

  it('a PID given as a string', async () => {
    const error = await sessionErrorOf(registerSession(coordinator, { repo, pid: '42' as unknown as number, env: home.env }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('The PID "42" is not valid: it must be a number.');
  });

  it('a PID whose process has exited', async () => {
    const pid = await deadPid();
    const error = await sessionErrorOf(registerSession(coordinator, { repo, pid, env: home.env }));
    expect(error.code).toBe('PROCESS_NOT_RUNNING');
    expect(error.message).toContain(`PID ${pid}`);
    expect(error.data).toEqual({ pid });
  });

  it('an empty repository path', async () => {
    const error = await sessionErrorOf(registerSession(coordinator, { repo: '', pid: process.pid, env: home.env }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('The repository path "" is not valid: it must not be empty.');
  });

  it('a repository path with a NUL byte', async () => {
    const error = await sessionErrorOf(registerSession(coordinator, { repo: `${repo}\0x`, pid: process.pid, env: home.env }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('must not contain NUL bytes');
  });

  it('a path that does not exist', async () => {
    const missing = path.join(makeTempDir(), 'no such folder');
    const error = await rejectionOf(registerSession(coordinator, { repo: missing, pid: liveProcess().pid, env: home.env }));
    expect(error).toBeInstanceOf(await worktreeErrorClass());
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain(missing);
  });

  it('a file instead of a folder', async () => {
    const error = await rejectionOf(registerSession(coordinator, { repo: path.join(repo, 'README.md'), pid: liveProcess().pid, env: home.env }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain(path.join(repo, 'README.md'));
  });

  it('a folder that is not a git repository', async () => {
    const plain = makeTempDir('pcc-plain-');
    const error = await rejectionOf(registerSession(coordinator, { repo: plain, pid: liveProcess().pid, env: home.env }));
    expect(error).toBeInstanceOf(await worktreeErrorClass());
    expect(error.code).toBe('NOT_A_REPOSITORY');
    expect(error.message).toContain(plain);
  });

  it('a repository without commits', async () => {
    const empty = path.join(makeTempDir(), 'empty');
    fs.mkdirSync(empty);
    git(empty, 'init', '-q', '-b', 'main');
    const error = await rejectionOf(registerSession(coordinator, { repo: empty, pid: liveProcess().pid, env: home.env }));
    expect(error).toBeInstanceOf(await worktreeErrorClass());
    expect(error.code).toBe('NO_COMMITS');
    expect(error.message).toContain(empty);
    expect(fs.existsSync(`${empty}-worktrees`)).toBe(false);
  });
});

describe('selectors', () => {
  it('need exactly one of a PID and a session id', async () => {
    for (const selector of [{}, { pid: 5, sessionId: '123e4567-e89b-42d3-a456-426614174000' }]) {
      const error = await sessionErrorOf(heartbeat(coordinator, selector as never));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe('Name the session by exactly one of a PID and a session id.');
    }
  });

  it('name a bad session id in the message', async () => {
    const error = await sessionErrorOf(releaseSession(coordinator, { sessionId: 'not-a-uuid' }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('"not-a-uuid"');
    expect(error.message).toContain('UUID');
    expect(error.data).toEqual({ field: 'session id', value: 'not-a-uuid' });
  });

  it('pass valid ones through', () => {
    expect(parseSelector({ pid: 12 })).toEqual({ pid: 12 });
    const id = '123e4567-e89b-42d3-a456-426614174000';
    expect(parseSelector({ sessionId: id })).toEqual({ sessionId: id });
  });
});

describe('parseInput', () => {
  it('returns the parsed value or throws INVALID_INPUT naming the field and value', () => {
    expect(parseInput(PidSchema, 7, 'PID')).toBe(7);
    let thrown: unknown;
    try {
      parseInput(PidSchema, undefined, 'agent PID');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SessionError);
    expect((thrown as SessionError).message).toBe('The agent PID nothing is not valid: it must be a number.');
  });
});
