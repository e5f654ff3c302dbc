import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { updateDatabase } from '@parallel-cc/core-sessions';
import { removeTempDirs, writeV1Database } from '@parallel-cc/test-utils';
import { importLegacyMergeEvents, listMergeEvents, mergeDetectorMigrations, MergeDetectorError, openMergeCoordinator } from '../src';
import { cleanHome } from './support';

afterAll(() => removeTempDirs());

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

const v1Event = (id: string, branch: string, extra: Record<string, string | number | null> = {}) => ({
  id,
  repo_path: '/work/repo',
  branch_name: branch,
  source_commit: A,
  target_branch: 'main',
  target_commit: B,
  merged_at: '2025-05-06 07:08:09',
  detected_at: '2025-05-06 07:10:00',
  notification_sent: 1,
  ...extra,
});

/** A home whose coordinator.db was written by the earlier parallel-cc, moved aside by `update`. */
async function movedV1(rows: Parameters<typeof writeV1Database>[1], unflushed?: Parameters<typeof writeV1Database>[1]) {
  const home = cleanHome();
  writeV1Database(path.join(home.pccHome, 'coordinator.db'), rows, unflushed ? { unflushed } : {});
  const report = await updateDatabase({ env: home.env, migrations: [mergeDetectorMigrations] });
  if (!report.legacyMovedTo) throw new Error('the v1 database was not moved aside');
  return { home, legacy: report.legacyMovedTo };
}

describe('importLegacyMergeEvents', () => {
  it('copies the earlier version\u2019s merge events, mapping columns and keeping ids and times as ISO UTC', async () => {
    const { home, legacy } = await movedV1(
      {
        mergeEvents: [
          v1Event('v1-a', 'feature/a'),
          // No target recorded: the earlier version's default was main.
          { id: 'v1-b', repo_path: '/work/repo', branch_name: 'feature/b', source_commit: C, target_commit: B, merged_at: '2025-05-07T01:02:03.000Z', detected_at: '2025-05-07T01:05:00.000Z' },
        ],
      },
      // One more, written by a v1 process that died before it reached the database file.
      { mergeEvents: [v1Event('v1-c', 'feature/c', { source_commit: B })] },
    );
    const before = { db: sha256(legacy), wal: sha256(`${legacy}-wal`) };
    const coordinator = await openMergeCoordinator(home.env);
    try {
      expect(await importLegacyMergeEvents(legacy, coordinator)).toEqual({ found: 3, imported: 3, duplicates: 0, invalid: 0 });
      const events = await listMergeEvents(coordinator, { repo: '/work/repo' });
      expect(events.map((e) => e.id).sort()).toEqual(['v1-a', 'v1-b', 'v1-c']);
      expect(events.find((e) => e.id === 'v1-a')).toEqual({
        id: 'v1-a',
        repoPath: '/work/repo',
        branch: 'feature/a',
        sourceCommit: A,
        targetBranch: 'main',
        targetCommit: B,
        how: 'ancestor',
        detectedAt: '2025-05-06T07:10:00.000Z',
        mergedAt: '2025-05-06T07:08:09.000Z',
      });
      expect(events.find((e) => e.id === 'v1-b')).toMatchObject({ targetBranch: 'main', detectedAt: '2025-05-07T01:05:00.000Z', mergedAt: '2025-05-07T01:02:03.000Z' });
    } finally {
      await coordinator.close();
    }
    // Read-only: the earlier database and its WAL are as they were.
    expect({ db: sha256(legacy), wal: sha256(`${legacy}-wal`) }).toEqual(before);
  });

  it('skips events already recorded (same id, or same repository, branch, target and tip) and rows it cannot read', async () => {
    const { home, legacy } = await movedV1({
      mergeEvents: [
        v1Event('v1-a', 'feature/a'),
        v1Event('v1-bad-time', 'feature/x', { detected_at: 'yesterday-ish', merged_at: 'soon' }),
        v1Event('v1-no-tip', 'feature/y', { source_commit: '' }),
      ],
    });
    const coordinator = await openMergeCoordinator(home.env);
    try {
      coordinator.raw
        .prepare(
          `insert into merge_events (id, repo_path, branch_name, source_commit, target_branch, target_commit, how, detected_at)
           values ('ours', '/work/repo', 'feature/a', ?, 'main', ?, 'squash', '2025-05-06T07:09:00.000Z')`,
        )
        .run(A, C);
      expect(await importLegacyMergeEvents(legacy, coordinator)).toEqual({ found: 3, imported: 0, duplicates: 1, invalid: 2 });
      expect((await listMergeEvents(coordinator, { repo: '/work/repo' })).map((e) => [e.id, e.how])).toEqual([['ours', 'squash']]);
    } finally {
      await coordinator.close();
    }
  });

  it('importing twice adds nothing the second time', async () => {
    const { home, legacy } = await movedV1({ mergeEvents: [v1Event('v1-a', 'feature/a'), v1Event('v1-b', 'feature/b')] });
    const coordinator = await openMergeCoordinator(home.env);
    try {
      expect((await importLegacyMergeEvents(legacy, coordinator)).imported).toBe(2);
      expect(await importLegacyMergeEvents(legacy, coordinator)).toEqual({ found: 2, imported: 0, duplicates: 2, invalid: 0 });
      expect(await listMergeEvents(coordinator, { repo: '/work/repo' })).toHaveLength(2);
    } finally {
      await coordinator.close();
    }
  });

  it('a v1 database without merge events imports nothing; a missing file is NOT_FOUND', async () => {
    const { home, legacy } = await movedV1({});
    const coordinator = await openMergeCoordinator(home.env);
    try {
      expect(await importLegacyMergeEvents(legacy, coordinator)).toEqual({ found: 0, imported: 0, duplicates: 0, invalid: 0 });
      const missing = path.join(home.pccHome, 'nope.db');
      const error = await importLegacyMergeEvents(missing, coordinator).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MergeDetectorError);
      expect(error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(missing) });
      expect(fs.existsSync(missing)).toBe(false);
    } finally {
      await coordinator.close();
    }
  });
});
