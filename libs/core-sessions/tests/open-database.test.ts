import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { coordinatorHome, openCoordinator } from '../src';
import { BUSY_TIMEOUT_MS } from '../src/db/open-database';
import { databasePath } from '../src/db/paths';
import { cleanHome } from './support';

afterAll(() => removeTempDirs());

describe('openCoordinator', () => {
  it('creates coordinator.db in PARALLEL_CC_HOME with WAL, a busy timeout and foreign keys', async () => {
    const home = cleanHome();
    expect(fs.existsSync(home.pccHome)).toBe(false);
    const coordinator = await openCoordinator({ env: home.env });
    try {
      expect(coordinator.path).toBe(path.join(home.pccHome, 'coordinator.db'));
      expect(fs.existsSync(coordinator.path)).toBe(true);
      expect(fs.statSync(home.pccHome).mode & 0o777).toBe(0o700);
      expect(coordinator.raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(coordinator.raw.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
      expect(coordinator.raw.pragma('foreign_keys', { simple: true })).toBe(1);
      const tables = (coordinator.raw.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(['sessions', 'core_sessions_migrations']));
    } finally {
      await coordinator.close();
    }
  });

  it('opens an explicit path instead of the one in PARALLEL_CC_HOME', async () => {
    const home = cleanHome();
    const file = path.join(makeTempDir(), 'nested', 'other.db');
    const coordinator = await openCoordinator({ env: home.env, path: file });
    await coordinator.close();
    expect(coordinator.path).toBe(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.existsSync(path.join(home.pccHome, 'coordinator.db'))).toBe(false);
  });

  it('lets two connections to one file see each other\u2019s rows', async () => {
    const home = cleanHome();
    const first = await openCoordinator({ env: home.env });
    const second = await openCoordinator({ env: home.env });
    try {
      const now = new Date().toISOString();
      await first.db
        .insertInto('sessions')
        .values({ id: 'x', repo_path: '/r', worktree_path: '/r', base_branch: 'main', is_main_repo: 0, pid: 1, status: 'active', created_at: now, last_heartbeat: now, origin: 'wrapper' })
        .execute();
      const seen = await second.db.selectFrom('sessions').select('id').execute();
      expect(seen).toEqual([{ id: 'x' }]);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe('coordinatorHome and databasePath', () => {
  it('use PARALLEL_CC_HOME, resolved to an absolute path', () => {
    expect(coordinatorHome({ PARALLEL_CC_HOME: 'rel/home' })).toBe(path.resolve('rel/home'));
    expect(databasePath({ PARALLEL_CC_HOME: '/some/home' })).toBe('/some/home/coordinator.db');
  });

  it('default to ~/.parallel-cc when PARALLEL_CC_HOME is unset or empty', () => {
    expect(coordinatorHome({})).toBe(path.join(os.homedir(), '.parallel-cc'));
    expect(databasePath({ PARALLEL_CC_HOME: '' })).toBe(path.join(os.homedir(), '.parallel-cc', 'coordinator.db'));
  });
});
