import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomically } from '../apply/atomic-write';
import type { CommandRun } from './run-command';

/** Where results of the command are kept per set of tips, so that nothing runs again for a set already checked. */
export interface CheckCache {
  get(key: string): CommandRun | undefined;
  set(key: string, run: CommandRun): void;
}

/** The cache key of one run: the command, the start commit and the sorted tip commits (names do not matter). */
export function checkKey(command: string, start: string | null, oids: string[]): string {
  const text = JSON.stringify({ command, start, tips: [...oids].sort() });
  return createHash('sha256').update(text).digest('hex');
}

const MAX_ENTRIES = 500;

/**
 * A {@link CheckCache} in one JSON file (e.g. `$PARALLEL_CC_HOME/check-cache.json`), replaced
 * atomically on each write and read again before it, so that two processes lose at most each
 * other's newest entry, never the file. The oldest entries go past 500. An unreadable file is
 * treated as empty: the cache only saves runs.
 */
export function checkCacheFile(file: string): CheckCache {
  return {
    get: (key) => read(file)[key]?.run,
    set: (key, run) => {
      const entries = { ...read(file), [key]: { run, at: new Date().toISOString() } };
      const kept = Object.entries(entries)
        .sort(([, a], [, b]) => a.at.localeCompare(b.at))
        .slice(-MAX_ENTRIES);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      writeFileAtomically(file, Buffer.from(`${JSON.stringify(Object.fromEntries(kept))}\n`), 0o600);
    },
  };
}

type Entries = Record<string, { run: CommandRun; at: string }>;

function read(file: string): Entries {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Entries) : {};
  } catch {
    return {};
  }
}

/** A cache that lives as long as the object: for one process, or tests. */
export function memoryCheckCache(): CheckCache {
  const runs = new Map<string, CommandRun>();
  return { get: (key) => runs.get(key), set: (key, run) => void runs.set(key, run) };
}
