import type { Database as Sqlite } from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * The better-sqlite3 handle as Kysely's `SqliteDatabase`, with every failure passed through
 * `translate`: so each query, transaction and migration run through the coordinator's Kysely
 * reports a locked or corrupt database the same way, whichever lib ran it.
 */
export function guardDatabase(raw: Sqlite, translate: (error: unknown) => unknown): SqliteDatabase {
  const attempt = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      throw translate(error);
    }
  };
  return {
    close: () => raw.close(),
    prepare(sql: string): SqliteStatement {
      const statement = attempt(() => raw.prepare(sql));
      return {
        reader: statement.reader,
        all: (parameters) => attempt(() => statement.all(parameters)),
        run: (parameters) => attempt(() => statement.run(parameters)),
        iterate: (parameters) => guardIterator(attempt(() => statement.iterate(parameters)), attempt),
      };
    },
  };
}

function guardIterator(inner: IterableIterator<unknown>, attempt: <T>(fn: () => T) => T): IterableIterator<unknown> {
  const guarded: IterableIterator<unknown> = {
    next: () => attempt(() => inner.next()),
    return: (value?: unknown) => attempt(() => inner.return?.(value) ?? { done: true as const, value }),
    [Symbol.iterator]: () => guarded,
  };
  return guarded;
}
