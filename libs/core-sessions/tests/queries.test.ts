import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Kysely } from 'kysely';
import { makeRepo, removeTempDirs } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import {
  addNotification,
  cleanupSessions,
  immediateTransaction,
  liveSessions,
  registerSession,
  sessionById,
  sessionOnBranch,
  sessionsHoldingWork,
} from '../src';
import type { Coordinator, MigrationSet, Registration } from '../src';
import { branchOf, liveProcess, openFresh, stopLiveProcesses } from './support';

// The queries other libs read sessions with, on one repository holding a session of every kind:
// live ones (the main checkout and a worktree), a dead one not yet cleaned up, a dead one whose
// worktree held work and was kept, and a live one of another repository.
let home: TempHome;
let coordinator: Coordinator;
let repo: string;
let main: Registration;
let live: Registration;
let dead: Registration;
let kept: Registration;
let elsewhere: Registration;

beforeAll(async () => {
  ({ home, coordinator } = await openFresh());
  const register = async (at: string) => {
    const process = liveProcess();
    return { ...(await registerSession(coordinator, { repo: at, pid: process.pid, env: home.env })), process };
  };
  const checkout = makeRepo();
  const first = await register(checkout);
  repo = first.repoPath;
  main = first;
  live = await register(checkout);
  const dying = await register(checkout);
  const keeping = await register(checkout);
  fs.writeFileSync(path.join(keeping.worktreePath, 'work.txt'), 'not committed\n');
  await keeping.process.kill();
  expect((await cleanupSessions(coordinator, { repo, env: home.env })).map((r) => r.status)).toEqual(['kept']);
  await dying.process.kill();
  dead = dying;
  kept = keeping;
  elsewhere = await register(makeRepo());
});
afterAll(async () => {
  await coordinator.close();
  await stopLiveProcesses();
  removeTempDirs();
});

const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id).sort();

describe('liveSessions', () => {
  it('gives the live sessions of every repository, or of one', async () => {
    expect(ids(await liveSessions(coordinator.db))).toEqual([main, live, elsewhere].map((s) => s.sessionId).sort());
    expect(ids(await liveSessions(coordinator.db, { repoPath: repo }))).toEqual([main, live].map((s) => s.sessionId).sort());
    expect(await liveSessions(coordinator.db, { repoPath: '/no/such/repo' })).toEqual([]);
  });
});

describe('sessionsHoldingWork', () => {
  it('gives the live sessions and the kept ones of a repository, not the dead ones', async () => {
    const rows = await sessionsHoldingWork(coordinator.db, repo);
    expect(ids(rows)).toEqual([main, live, kept].map((s) => s.sessionId).sort());
    expect(rows.find((r) => r.id === kept.sessionId)).toMatchObject({ status: 'kept', branch: kept.branch });
  });
});

describe('sessionOnBranch and sessionById', () => {
  it('find a row in any state, and nothing for what no row has', async () => {
    expect(await sessionOnBranch(coordinator.db, repo, branchOf(live))).toMatchObject({ id: live.sessionId, base_branch: 'main' });
    expect(await sessionOnBranch(coordinator.db, repo, branchOf(kept))).toMatchObject({ id: kept.sessionId, status: 'kept' });
    expect(await sessionOnBranch(coordinator.db, elsewhere.repoPath, branchOf(live))).toBeUndefined();
    expect(await sessionById(coordinator.db, dead.sessionId)).toMatchObject({ id: dead.sessionId, status: 'active', worktree_path: dead.worktreePath });
    expect(await sessionById(coordinator.db, '123e4567-e89b-42d3-a456-426614174000')).toBeUndefined();
  });
});

describe('inside a transaction another lib holds', () => {
  it('read and notify on its connection, and a rollback takes the notification back', async () => {
    const failure = new Error('the caller changed its mind');
    const outcome = immediateTransaction(coordinator.db, async (trx) => {
      expect(ids(await liveSessions(trx, { repoPath: repo }))).toEqual([main, live].map((s) => s.sessionId).sort());
      expect(await sessionById(trx, live.sessionId)).toMatchObject({ id: live.sessionId });
      await addNotification({ db: trx }, { sessionId: live.sessionId, kind: 'merge', text: 'rolled back' });
      throw failure;
    });
    await expect(outcome).rejects.toBe(failure);
    expect(coordinator.raw.prepare('select count(*) as n from notifications').get()).toEqual({ n: 0 });

    await immediateTransaction(coordinator.db, (trx) => addNotification({ db: trx }, { sessionId: live.sessionId, kind: 'merge', text: 'kept' }));
    expect(coordinator.raw.prepare('select session_id, text from notifications').all()).toEqual([{ session_id: live.sessionId, text: 'kept' }]);
  });
});

describe('Coordinator.tables', () => {
  // Another lib's table, as a lib that does not build on core-sessions declares it.
  type GadgetTables = { gadgets: { id: string; name: string } };
  const gadgetMigrations: MigrationSet = {
    lib: 'gadgets',
    table: 'gadgets_migrations',
    migrations: {
      '0001_gadgets': {
        async up(db: Kysely<unknown>) {
          await db.schema.createTable('gadgets').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('name', 'text', (c) => c.notNull()).execute();
        },
      },
    },
  };

  it('types the same database by another lib’s tables alone', async () => {
    const fresh = await openFresh({ migrations: [gadgetMigrations] });
    try {
      const gadgets: Kysely<GadgetTables> = fresh.coordinator.tables<GadgetTables>();
      await gadgets.insertInto('gadgets').values({ id: 'g1', name: 'sprocket' }).execute();
      expect(await gadgets.selectFrom('gadgets').selectAll().execute()).toEqual([{ id: 'g1', name: 'sprocket' }]);
      expect(fresh.coordinator.raw.prepare('select name from gadgets').all()).toEqual([{ name: 'sprocket' }]);
      expect(await fresh.coordinator.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    } finally {
      await fresh.coordinator.close();
    }
  });
});
