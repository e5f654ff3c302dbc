import { removeTempDirs } from '@parallel-cc/test-utils';
import { openCoordinator, plural, resolveSessionId } from '../src';
import type { Coordinator } from '../src';
import { cleanHome, sessionErrorOf } from './support';

let coordinator: Coordinator;

// Ids chosen to share prefixes; the rows stand for sessions as registration leaves them.
const MAIN = 'abcd1234-0000-4000-8000-000000000001';
const WORK = 'abcd5678-0000-4000-8000-000000000002';
const OTHER = '0f1e2d3c-0000-4000-8000-000000000003';

beforeAll(async () => {
  coordinator = await openCoordinator({ env: cleanHome().env });
  const insert = coordinator.raw.prepare(
    "insert into sessions (id, repo_path, worktree_path, branch, base_branch, is_main_repo, pid, created_at, last_heartbeat) values (?, '/r', ?, ?, 'main', ?, 1, 'x', 'x')",
  );
  insert.run(MAIN, '/r', 'main', 1);
  insert.run(WORK, '/r-worktrees/parallel-cc-abcd5678', 'parallel-cc/abcd5678', 0);
  insert.run(OTHER, '/r-worktrees/parallel-cc-0f1e2d3c', 'parallel-cc/0f1e2d3c', 0);
});

afterAll(async () => {
  await coordinator.close();
  removeTempDirs();
});

describe('resolveSessionId', () => {
  it('returns a whole id as it is (lower-cased) and resolves 4 or more hex characters it starts with, in any case', async () => {
    await expect(resolveSessionId(coordinator.db, WORK)).resolves.toBe(WORK);
    await expect(resolveSessionId(coordinator.db, WORK.toUpperCase())).resolves.toBe(WORK);
    // A whole id is not looked up here: the caller says whether its session exists, as before.
    await expect(resolveSessionId(coordinator.db, '123e4567-e89b-42d3-a456-426614174000')).resolves.toBe('123e4567-e89b-42d3-a456-426614174000');
    await expect(resolveSessionId(coordinator.db, 'abcd5678')).resolves.toBe(WORK);
    await expect(resolveSessionId(coordinator.db, 'ABCD5')).resolves.toBe(WORK);
    await expect(resolveSessionId(coordinator.db, '0f1e')).resolves.toBe(OTHER);
    await expect(resolveSessionId(coordinator.db, 'abcd5678-0000')).resolves.toBe(WORK);
  });

  it('refuses an ambiguous prefix, naming the value and each candidate with its branch', async () => {
    const error = await sessionErrorOf(resolveSessionId(coordinator.db, 'abcd', { what: '--session-id' }));
    expect(error.code).toBe('SESSION_ID_AMBIGUOUS');
    expect(error.message).toBe(
      'The --session-id abcd matches 2 sessions: abcd1234 (main checkout on main), abcd5678 (parallel-cc/abcd5678); give more of its characters.',
    );
    expect(error.data).toEqual({ field: '--session-id', value: 'abcd', candidates: [MAIN, WORK] });
  });

  it('refuses a prefix that matches no session, and one that is not hex or too short, naming the value', async () => {
    const none = await sessionErrorOf(resolveSessionId(coordinator.db, 'ffff'));
    expect(none.code).toBe('SESSION_ID_UNMATCHED');
    expect(none.message).toBe('The session id ffff matches no session: `status` lists them and their ids.');
    for (const bad of ['abc', 'xyz12345', '', 'abcd%', 'abcd_', `${WORK}0`, ' abcd', '../x']) {
      const error = await sessionErrorOf(resolveSessionId(coordinator.db, bad, { what: '--session-id' }));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toContain(`The --session-id ${JSON.stringify(bad)} is not valid: it must be a UUID such as`);
    }
  });

  it('chooses among the candidates given instead of the sessions table (the runs of a sandbox command)', async () => {
    const runs = [
      { id: '0f1e9999-0000-4000-8000-000000000004', label: 'sandbox run, completed' },
      { id: '0f1e8888-0000-4000-8000-000000000005', label: 'sandbox run, running' },
    ];
    await expect(resolveSessionId(coordinator.db, '0f1e9', { candidates: runs })).resolves.toBe(runs[0]!.id);
    const error = await sessionErrorOf(resolveSessionId(coordinator.db, '0f1e', { candidates: runs }));
    expect(error.message).toContain('0f1e9999 (sandbox run, completed), 0f1e8888 (sandbox run, running)');
    // A session of the table is no candidate then.
    expect((await sessionErrorOf(resolveSessionId(coordinator.db, '0f1e2', { candidates: runs }))).code).toBe('SESSION_ID_UNMATCHED');
  });
});

describe('plural', () => {
  it('says "1 file" and "2 files", with an irregular plural when given', () => {
    expect([plural(0, 'file'), plural(1, 'file'), plural(2, 'file')]).toEqual(['0 files', '1 file', '2 files']);
    expect([plural(1, 'repository', 'repositories'), plural(3, 'repository', 'repositories')]).toEqual(['1 repository', '3 repositories']);
  });
});
