import * as path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import {
  conflictEngineMigrations,
  conflictHistory,
  findSuggestion,
  markApplied,
  migrateHistory,
  recordConflicts,
  recordResolution,
  recordSuggestions,
} from '../src';
import type { Classification, ConflictEngineTables, FixSuggestion, RecordConflictsOptions, StoredSuggestion } from '../src';
import { rejectionOf } from './support';

// A database holding other libs' tables too hands the functions a view typed by conflict-engine's
// tables alone (Kysely's withTables on an untyped instance), as parallel-cc's coordinator does.
let db: Kysely<ConflictEngineTables>;

beforeEach(async () => {
  const whole = new Kysely<object>({ dialect: new SqliteDialect({ database: new Database(path.join(makeTempDir('pcc-history-'), 'history.db')) }) });
  db = whole.withTables<ConflictEngineTables>();
  await migrateHistory(db);
});
afterEach(() => db.destroy());
afterAll(() => removeTempDirs());

const REPO = '/srv/repo';
const OURS = 'main';
const THEIRS = 'feature/login';
const at = (minute: number) => new Date(Date.UTC(2025, 0, 2, 3, minute, 5, 6));

const concurrent: Classification = {
  class: 'CONCURRENT',
  severity: 'high',
  declarations: ['greet'],
  reason: 'Both sides changed the body of greet.',
  analysis: 'ast',
};

const suggestion: FixSuggestion = {
  id: '3f9a0c12be47',
  path: 'src/greet.ts',
  class: 'TRIVIAL',
  strategy: 'whitespace',
  description: 'Takes ours: the sides differ only in indentation.',
  content: 'export const greet = () => "hi";\n',
  from: { base: null, ours: 'a'.repeat(40), theirs: 'b'.repeat(40) },
  confidence: {
    score: 0.81,
    factors: [
      { name: 'kind', value: 0.9, note: 'whitespace only' },
      { name: 'size', value: 0.9, note: '1 line' },
    ],
  },
};

async function count(table: keyof ConflictEngineTables): Promise<number> {
  const row = await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

async function stored(id: string): Promise<StoredSuggestion> {
  const found = await findSuggestion(db, id);
  if (!found) throw new Error(`suggestion ${id} was not stored`);
  return found;
}

function conflicts(paths: string[], minute: number, repo = REPO): RecordConflictsOptions {
  return { repo, ours: OURS, theirs: THEIRS, conflicts: paths.map((p) => ({ path: p, classification: concurrent })), now: at(minute) };
}

describe('migrateHistory', () => {
  test('creates the tables once: a second run applies nothing', async () => {
    const fresh = new Kysely<ConflictEngineTables>({
      dialect: new SqliteDialect({ database: new Database(path.join(makeTempDir('pcc-history-'), 'fresh.db')) }),
    });
    try {
      expect(await migrateHistory(fresh)).toEqual(['0001_conflict_history']);
      expect(await migrateHistory(fresh)).toEqual([]);
      const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(fresh);
      expect(tables.rows.map((r) => r.name)).toEqual(
        expect.arrayContaining(['auto_fix_suggestions', 'conflict_engine_migrations', 'conflict_resolutions']),
      );
    } finally {
      await fresh.destroy();
    }
  });

  test('reports a failed migration as HISTORY_FAILED, naming it', async () => {
    const taken = new Kysely<ConflictEngineTables>({
      dialect: new SqliteDialect({ database: new Database(path.join(makeTempDir('pcc-history-'), 'taken.db')) }),
    });
    try {
      await sql`create table conflict_resolutions (id text)`.execute(taken);
      const error = await rejectionOf(migrateHistory(taken));
      expect(error.code).toBe('HISTORY_FAILED');
      expect(error.message).toContain('0001_conflict_history');
      // Rolled back as one: the migration is not recorded, and no half of it stayed.
      const left = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(taken);
      expect(left.rows.map((r) => r.name)).toEqual(['conflict_resolutions']);
    } finally {
      await taken.destroy();
    }
  });

  test('is a migration set of the shape core-sessions runs', () => {
    expect(conflictEngineMigrations.lib).toBe('conflict-engine');
    expect(conflictEngineMigrations.table).toBe('conflict_engine_migrations');
    expect(Object.keys(conflictEngineMigrations.migrations)).toEqual(['0001_conflict_history']);
  });

  test('functions on an unmigrated database fail with HISTORY_FAILED and say how to fix it', async () => {
    const empty = new Kysely<ConflictEngineTables>({
      dialect: new SqliteDialect({ database: new Database(path.join(makeTempDir('pcc-history-'), 'empty.db')) }),
    });
    try {
      const error = await rejectionOf(recordConflicts(empty, conflicts(['a.ts'], 1)));
      expect(error.code).toBe('HISTORY_FAILED');
      expect(error.message).toContain('migrateHistory');
    } finally {
      await empty.destroy();
    }
  });
});

describe('suggestions', () => {
  test('round-trip: factors parsed back, nulls kept', async () => {
    await recordSuggestions(db, { repo: REPO, ours: OURS, theirs: THEIRS, suggestions: [suggestion], now: at(1) });

    expect(await findSuggestion(db, suggestion.id)).toEqual({
      ...suggestion,
      repo: REPO,
      ours: OURS,
      theirs: THEIRS,
      createdAt: '2025-01-02T03:01:05.006Z',
      appliedAt: null,
    });
    expect(await findSuggestion(db, '000000000000')).toBeNull();
  });

  test('a suggestion recorded again is ignored: the first record stays', async () => {
    await recordSuggestions(db, { repo: REPO, ours: OURS, theirs: THEIRS, suggestions: [suggestion], now: at(1) });
    await recordSuggestions(db, {
      repo: REPO,
      ours: OURS,
      theirs: THEIRS,
      suggestions: [{ ...suggestion, description: 'changed' }, { ...suggestion, id: '111111111111' }],
      now: at(2),
    });

    expect(await count('auto_fix_suggestions')).toBe(2);
    expect(await findSuggestion(db, suggestion.id)).toMatchObject({ description: suggestion.description, createdAt: at(1).toISOString() });
    await recordSuggestions(db, { repo: REPO, ours: OURS, theirs: THEIRS, suggestions: [] });
    expect(await count('auto_fix_suggestions')).toBe(2);
  });
});

describe('markApplied', () => {
  test('sets applied_at and resolves the unresolved conflict of the file, in one go; a conflict seen again is not recorded twice', async () => {
    const [older = ''] = await recordConflicts(db, conflicts(['src/greet.ts'], 1));
    const [newer = '', other = ''] = await recordConflicts(db, conflicts(['src/greet.ts', 'src/other.ts'], 2));
    expect(newer).toBe(older);
    await recordSuggestions(db, { repo: REPO, ours: OURS, theirs: THEIRS, suggestions: [suggestion], now: at(3) });
    await markApplied(db, { suggestion: await stored(suggestion.id), now: at(4) });

    expect((await findSuggestion(db, suggestion.id))?.appliedAt).toBe('2025-01-02T03:04:05.006Z');
    const byId = new Map((await conflictHistory(db)).map((e) => [e.id, e]));
    expect(byId.get(newer)).toMatchObject({
      resolution: 'auto-fix',
      strategy: 'whitespace',
      suggestionId: suggestion.id,
      resolvedAt: '2025-01-02T03:04:05.006Z',
      class: 'CONCURRENT',
    });
    expect(byId.get(newer)?.detectedAt).toBe(at(1).toISOString());
    expect(byId.get(other)).toMatchObject({ resolution: null });
    expect(byId.size).toBe(2);

    // Once resolved, the file conflicting again is a new conflict.
    const [again = ''] = await recordConflicts(db, conflicts(['src/greet.ts'], 5));
    expect(again).not.toBe(newer);
  });

  test('records a resolved row from the suggestion when no detection was recorded', async () => {
    await recordSuggestions(db, { repo: REPO, ours: OURS, theirs: THEIRS, suggestions: [suggestion], now: at(1) });

    await markApplied(db, { suggestion: await stored(suggestion.id), now: at(2) });

    expect(await conflictHistory(db)).toEqual([
      {
        id: expect.any(String),
        repo: REPO,
        ours: OURS,
        theirs: THEIRS,
        path: 'src/greet.ts',
        class: 'TRIVIAL',
        severity: 'low',
        reason: suggestion.description,
        detectedAt: at(2).toISOString(),
        resolution: 'auto-fix',
        strategy: 'whitespace',
        suggestionId: suggestion.id,
        resolvedAt: at(2).toISOString(),
      },
    ]);
  });

  test('an unknown suggestion is SUGGESTION_NOT_FOUND, and nothing changes', async () => {
    await recordConflicts(db, conflicts(['src/greet.ts'], 1));

    const error = await rejectionOf(
      markApplied(db, { suggestion: { ...suggestion, repo: REPO, ours: OURS, theirs: THEIRS, createdAt: '', appliedAt: null } }),
    );

    expect(error.code).toBe('SUGGESTION_NOT_FOUND');
    expect(error.message).toContain(suggestion.id);
    expect((await conflictHistory(db)).map((e) => e.resolution)).toEqual([null]);
  });
});

describe('recordResolution', () => {
  test('marks the newest unresolved detection resolved by hand', async () => {
    const [first] = await recordConflicts(db, conflicts(['a.ts'], 1));

    const id = await recordResolution(db, { repo: REPO, ours: OURS, theirs: THEIRS, path: 'a.ts', resolution: 'manual', now: at(5) });

    expect(id).toBe(first);
    expect(await conflictHistory(db)).toEqual([
      expect.objectContaining({ id: first, resolution: 'manual', strategy: null, suggestionId: null, resolvedAt: at(5).toISOString() }),
    ]);
  });

  test('without a detection it needs a classification (INVALID_INPUT), then records a resolved row', async () => {
    const options = { repo: REPO, ours: OURS, theirs: THEIRS, path: 'b.ts', resolution: 'manual' as const, strategy: 'rewrote it', now: at(6) };

    const error = await rejectionOf(recordResolution(db, options));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('classification');
    expect(await count('conflict_resolutions')).toBe(0);

    await recordResolution(db, { ...options, classification: concurrent });
    expect(await conflictHistory(db)).toEqual([
      expect.objectContaining({ path: 'b.ts', class: 'CONCURRENT', resolution: 'manual', strategy: 'rewrote it', detectedAt: at(6).toISOString() }),
    ]);
  });
});

describe('conflictHistory', () => {
  test('lists newest first, filtered by repository and path, up to the limit', async () => {
    await recordConflicts(db, conflicts(['a.ts', 'b.ts'], 1));
    await recordConflicts(db, { ...conflicts(['a.ts'], 3), theirs: 'another-branch' });
    await recordConflicts(db, conflicts(['a.ts'], 2, '/srv/other'));

    const all = await conflictHistory(db);
    expect(all.map((e) => `${e.detectedAt.slice(14, 16)} ${e.repo} ${e.path}`)).toEqual([
      `03 ${REPO} a.ts`,
      `02 /srv/other a.ts`,
      // The same time: the row written last comes first.
      `01 ${REPO} b.ts`,
      `01 ${REPO} a.ts`,
    ]);
    expect((await conflictHistory(db, { repo: REPO })).map((e) => e.path)).toEqual(['a.ts', 'b.ts', 'a.ts']);
    expect((await conflictHistory(db, { repo: REPO, path: 'a.ts' })).map((e) => e.detectedAt)).toEqual([at(3), at(1)].map((d) => d.toISOString()));
    expect(await conflictHistory(db, { limit: 2 })).toEqual(all.slice(0, 2));
  });

  test('returns at most 50 entries unless told otherwise', async () => {
    await recordConflicts(db, conflicts(Array.from({ length: 60 }, (_, i) => `f${i}.ts`), 1));

    expect(await recordConflicts(db, conflicts([], 2))).toEqual([]);
    expect(await conflictHistory(db)).toHaveLength(50);
    expect(await conflictHistory(db, { limit: 1000 })).toHaveLength(60);
  });

  test.each([0, 1001, 2.5])('refuses the limit %p', async (limit) => {
    const error = await rejectionOf(conflictHistory(db, { limit }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(`The limit ${limit} is not valid`);
  });
});

describe('invalid input', () => {
  test('is rejected with INVALID_INPUT naming the field, and nothing is written', async () => {
    const good = conflicts(['a.ts'], 1);
    const cases: Array<[Promise<unknown>, string]> = [
      [recordConflicts(db, { ...good, repo: '' }), 'The repo "" is not valid: it must not be empty'],
      [recordConflicts(db, { ...good, ours: 'a\0b' }), 'The ours '],
      [recordConflicts(db, conflicts(['a.ts', '../escape.ts'], 1)), 'The conflicts.1.path "../escape.ts" is not valid'],
      [
        recordConflicts(db, { ...good, conflicts: [{ path: 'a.ts', classification: { ...concurrent, class: 'HUGE' as 'TRIVIAL' } }] }),
        'The conflicts.0.classification.class "HUGE" is not valid: it must be one of TRIVIAL, STRUCTURAL, CONCURRENT, SEMANTIC',
      ],
      [recordConflicts(db, { ...good, now: new Date('not a date') }), 'The now '],
      [
        recordSuggestions(db, { repo: REPO, ours: OURS, theirs: THEIRS, suggestions: [suggestion, { ...suggestion, id: '2', strategy: 'guess' as 'model' }] }),
        'The suggestions.1.strategy "guess"',
      ],
      [
        recordSuggestions(db, { repo: REPO, ours: OURS, theirs: THEIRS, suggestions: [{ ...suggestion, from: { ...suggestion.from, ours: 'HEAD' } }] }),
        'The suggestions.0.from.ours "HEAD"',
      ],
      [
        recordSuggestions(db, {
          repo: REPO,
          ours: OURS,
          theirs: THEIRS,
          suggestions: [{ ...suggestion, confidence: { score: 1.5, factors: [] } }],
        }),
        'The suggestions.0.confidence.score 1.5',
      ],
      [findSuggestion(db, '../x'), 'The suggestion id "../x"'],
      [markApplied(db, { suggestion: null as never }), 'The suggestion null'],
      [recordResolution(db, { repo: REPO, ours: OURS, theirs: THEIRS, path: 'a.ts', resolution: 'later' as 'manual' }), 'The resolution "later"'],
      [conflictHistory(db, { path: '/etc/passwd' }), 'The path "/etc/passwd" is not valid: it must be a relative path'],
    ];

    for (const [promise, message] of cases) {
      const error = await rejectionOf(promise);
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toContain(message);
    }
    expect(await count('conflict_resolutions')).toBe(0);
    expect(await count('auto_fix_suggestions')).toBe(0);
  });
});

describe('inside a caller’s transaction', () => {
  test('joins it: a rollback takes the rows back', async () => {
    await db
      .transaction()
      .execute(async (trx) => {
        expect(await migrateHistory(trx)).toEqual([]);
        await recordConflicts(trx, conflicts(['a.ts'], 1));
        expect(await conflictHistory(trx)).toHaveLength(1);
        throw new Error('changed my mind');
      })
      .catch(() => undefined);

    expect(await count('conflict_resolutions')).toBe(0);
  });
});
