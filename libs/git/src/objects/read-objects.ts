import { gitEnv, gitFailure, runGitBytes } from '../run-git';
import { batchObjects } from './batch-answer';
import type { BatchObject } from './batch-answer';
import { ObjectReader } from './object-reader';

// The readers kept, by folder and git's environment (a reader runs in the environment it started
// with; PATH chooses the git).
const readers = new Map<string, ObjectReader>();

/**
 * The contents of git objects named by id or `rev:path` (null for a name git cannot find, and
 * for a name holding a newline, which cannot be asked this way), read by a `git cat-file
 * --batch` kept running in `dir` (see {@link ObjectReader}). A name the kept git cannot find is
 * asked again of a new one: a repository replaced under a kept git (a folder removed and made
 * again) is never answered from the old one; not with `mayBeMissing`, for names that may well
 * not exist (a config file looked for in each folder): their miss is the answer, with no second
 * git. Rejects with `GIT_FAILED` when git fails.
 */
export async function readGitObjects(dir: string, names: readonly string[], options: { mayBeMissing?: boolean } = {}): Promise<Map<string, Buffer | null>> {
  const asked = [...new Set(names)];
  const found = new Map<string, Buffer | null>(asked.map((name) => [name, null]));
  const batch = asked.filter((name) => !name.includes('\n'));
  if (batch.length === 0) return found;
  const reader = keptReader(dir);
  const kept = await reader.read(batch).catch(() => null);
  batch.forEach((name, i) => found.set(name, kept?.[i] ?? null));
  const again = batch.filter((name) => found.get(name) === null);
  if (again.length === 0 || (kept && options.mayBeMissing)) return found;
  const fresh = await readOnce(dir, again);
  again.forEach((name, i) => found.set(name, fresh[i] ?? null));
  // The kept git missed what a new one found: its repository is gone from under it.
  if (kept && fresh.some((object) => object !== null)) reader.close();
  return found;
}

function keptReader(dir: string): ObjectReader {
  const env = gitEnv({});
  const key = `${dir}\0${JSON.stringify(Object.entries(env).filter(([name]) => name.startsWith('GIT_') || name === 'PATH').sort())}`;
  const known = readers.get(key);
  if (known?.alive) return known;
  const reader = new ObjectReader(dir, env, () => {
    if (readers.get(key) === reader) readers.delete(key);
  });
  readers.set(key, reader);
  return reader;
}

/** The objects named, from a new `git cat-file --batch` that ends once it answered. */
async function readOnce(dir: string, names: readonly string[]): Promise<BatchObject[]> {
  const args = ['cat-file', '--batch'];
  const result = await runGitBytes(dir, args, { input: `${names.join('\n')}\n` });
  if (result.exitCode !== 0) throw gitFailure(dir, args, result);
  return batchObjects(result.stdout);
}
