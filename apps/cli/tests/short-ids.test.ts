import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deadPid, makeRepo, makeTempDir, makeTempHome, removeTempDirs, startLiveProcess } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { pcc, pccJson, sessionRows } from './support';

interface Registration {
  sessionId: string;
  worktreePath: string;
  branch: string | null;
}

let home: TempHome;
const live: LiveProcess[] = [];
beforeEach(() => {
  home = makeTempHome();
});
afterEach(async () => {
  await Promise.all(live.splice(0).map((p) => p.kill()));
});
afterAll(() => removeTempDirs());

function register(repo: string): Registration {
  const agent = startLiveProcess();
  live.push(agent);
  return pccJson<Registration>(['register', '--repo', repo, '--pid', String(agent.pid)], { env: home.env });
}

/** The 8-hex id `status` prints for a session, read from its table as a user would. */
function shortIdInStatus(sessionId: string): string {
  const table = pcc(['status'], { env: home.env }).stdout;
  const short = sessionId.slice(0, 8);
  expect(table).toContain(short);
  expect(table).not.toContain(sessionId);
  return short;
}

describe('--session-id takes the short id status prints, or any unique start of 4+ hex characters', () => {
  it('in heartbeat, claims, subscribe, unsubscribe and release', () => {
    const repo = makeRepo();
    register(repo);
    const work = register(repo);
    const short = shortIdInStatus(work.sessionId);
    const env = { env: home.env, cwd: repo };

    expect(pccJson<{ sessionIds: string[] }>(['heartbeat', '--session-id', short], env).sessionIds).toEqual([work.sessionId]);
    expect(pccJson(['claims', 'claim', 'src/a.ts', '--session-id', short.toUpperCase()], env)).toMatchObject({ granted: true, claim: { sessionId: work.sessionId } });
    expect(pccJson<{ total: number }>(['claims', 'list', '--session-id', short], env).total).toBe(1);
    expect(pccJson(['claims', 'release', 'src/a.ts', '--session-id', short.slice(0, 6)], env)).toMatchObject({ released: true });
    const branch = work.branch!;
    expect(pccJson(['subscribe', '--branch', branch, '--session-id', short], env)).toMatchObject({ sessionId: work.sessionId, branch });
    expect(pccJson(['unsubscribe', '--branch', branch, '--session-id', short], env)).toEqual({ removed: 1 });
    // The wrapper's variable may hold a short id too.
    expect(pccJson<{ sessionIds: string[] }>(['heartbeat'], { ...env, env: { ...home.env, PARALLEL_CC_SESSION_ID: short } }).sessionIds).toEqual([work.sessionId]);

    const released = pccJson<{ results: Array<{ sessionId: string; status: string }> }>(['release', '--session-id', work.sessionId.slice(0, 5)], env);
    expect(released.results).toEqual([expect.objectContaining({ sessionId: work.sessionId, status: 'done' })]);
    expect(fs.existsSync(work.worktreePath)).toBe(false);
  });

  it('refuses an ambiguous start naming the candidates and their branches, one that matches nothing, and a malformed one; all exit 2, nothing changed', async () => {
    pcc(['status'], { env: home.env }); // creates the database
    const pid = await deadPid();
    const db = new Database(path.join(home.pccHome, 'coordinator.db'));
    const insert = db.prepare(
      "insert into sessions (id, repo_path, worktree_path, branch, base_branch, is_main_repo, pid, created_at, last_heartbeat, status) values (?, '/gone/r', ?, ?, 'main', 0, ?, '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z', 'active')",
    );
    insert.run('abcd1111-0000-4000-8000-000000000001', '/gone/r-worktrees/a', 'parallel-cc/abcd1111', pid);
    insert.run('abcd2222-0000-4000-8000-000000000002', '/gone/r-worktrees/b', 'parallel-cc/abcd2222', pid);
    db.close();
    const before = sessionRows(home.pccHome);

    for (const command of [['release'], ['heartbeat'], ['claims', 'list'], ['subscribe', '--branch', 'main'], ['unsubscribe', '--branch', 'main']]) {
      expect(pcc([...command, '--session-id', 'ABCD'], { env: home.env })).toEqual({
        code: 2,
        stdout: '',
        stderr: expect.stringMatching(/^parallel-cc: The (session id|--session-id) abcd matches 2 sessions: abcd1111 \(parallel-cc\/abcd1111\), abcd2222 \(parallel-cc\/abcd2222\); give more of its characters\.\n$/),
      });
    }
    // Well-formed but naming no session: not found, exit 1, as for a whole id.
    expect(pcc(['release', '--session-id', 'abcd3'], { env: home.env })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'parallel-cc: The session id abcd3 matches no session: `status` lists them and their ids.\n',
    });
    expect(pcc(['release', '--session-id', 'abc'], { env: home.env })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('The session id "abc" is not valid: it must be a UUID such as 123e4567-e89b-12d3-a456-426614174000, or 4 or more hex characters it starts with'),
    });
    expect(pcc(['claims', 'list', '--session-id', 'abcd', '--json'], { env: home.env })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('{"error":{"code":"SESSION_ID_AMBIGUOUS","message":"The --session-id abcd matches 2 sessions'),
    });
    expect(sessionRows(home.pccHome)).toEqual(before);
  });

  it('in sandbox logs, download and kill: the short id of a run, also after its session ended', () => {
    const repo = makeRepo({ 'README.md': '# r\n' });
    const agent = path.join(makeTempDir('pcc-agent-'), 'agent.js');
    fs.writeFileSync(agent, "console.log('agent done');\n");
    const env = { ...home.env, ANTHROPIC_API_KEY: 'sk-ant-test' };
    const run = pccJson<{ status: string; sessionId: string }>(
      ['sandbox', 'run', '--repo', repo, '--provider', 'local', '--agent', `${process.execPath} ${agent}`, '--prompt', 'p', '--timeout', '10'],
      { env },
    );
    expect(run.status).toBe('completed');
    const listed = pcc(['status', '--sandbox-only'], { env }).stdout;
    const short = run.sessionId.slice(0, 8);
    expect(listed).toMatch(new RegExp(`^${short} `, 'm'));
    expect(sessionRows(home.pccHome).map((r) => r['id'])).not.toContain(run.sessionId);

    expect(pcc(['sandbox', 'logs', '--session-id', short], { env })).toMatchObject({ code: 0, stdout: expect.stringContaining('agent done') });
    // The run has ended: kill finds it by its short id, and says so.
    expect(pcc(['sandbox', 'kill', '--session-id', short], { env })).toMatchObject({ code: 1, stdout: expect.stringMatching(/has already ended \(completed\); nothing to kill/) });
    expect(pcc(['sandbox', 'download', '--session-id', 'ffffzzzz'], { env })).toMatchObject({ code: 2, stderr: expect.stringContaining('"ffffzzzz" is not a session or run id') });
    const other = [...'0123456789abcdef'].find((d) => d !== run.sessionId[0])!;
    expect(pcc(['sandbox', 'logs', '--session-id', `${other}000`], { env })).toEqual({
      code: 1,
      stdout: '',
      stderr: `parallel-cc: No sandbox run has the session or run id ${other}000: see \`parallel-cc status --sandbox-only\`.\n`,
    });
  });
});
