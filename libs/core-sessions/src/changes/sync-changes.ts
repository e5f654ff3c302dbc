import * as fs from 'node:fs';
import * as path from 'node:path';
import { tryGit } from '@parallel-cc/git';
import type { Coordinator } from '../db/open-database';
import { immediateTransaction } from '../db/transaction';
import { isSessionAlive } from '../liveness/session-state';
import type { SessionsTable } from '../db/schema';
import { DIFF, lineCount } from './file-changes';
import { diffLineRanges, formatLineRanges, mergeLineRanges } from './line-ranges';
import type { LineRange } from './line-ranges';

// Most files of one session kept: a branch that rewrote thousands is known by its first ones.
const MAX_FILES = 2000;

/**
 * Records what a session's place holds now, whoever made it (the agent's Bash, git, the user): every
 * file that differs from where its branch left the base, committed or not, with its changed lines,
 * replacing what the edit hooks recorded. Three git processes whatever the number of files: the
 * uncommitted diff against HEAD, the diff from the fork point (`--merge-base`, on a branch of its
 * own) and the untracked files. False when the place could not be read (nothing is changed then).
 */
export async function syncSessionChanges(
  coordinator: Coordinator,
  session: Pick<SessionsTable, 'id' | 'repo_path' | 'worktree_path' | 'branch' | 'base_branch'>,
  options: { now?: Date; env?: NodeJS.ProcessEnv } = {},
): Promise<boolean> {
  const place = session.worktree_path;
  if (!fs.existsSync(place)) return false;
  const base = session.branch && session.branch !== session.base_branch ? session.base_branch : null;
  const call = { env: options.env, timeoutMs: 20_000 };
  const [uncommitted, sinceBase, untracked] = await Promise.all([
    tryGit(place, [...DIFF, 'HEAD'], call),
    base ? tryGit(place, [...DIFF, '--merge-base', base], call) : Promise.resolve(''),
    tryGit(place, ['ls-files', '--others', '--exclude-standard', '-z'], call),
  ]);
  if (uncommitted === null || sinceBase === null || untracked === null) return false;
  const own = rangesByFile(uncommitted);
  const all = rangesByFile(sinceBase);
  const files = new Map<string, { ranges: LineRange[]; uncommitted: boolean }>();
  for (const [file, ranges] of [...own, ...all]) {
    const seen = files.get(file);
    files.set(file, { ranges: mergeLineRanges([...(seen?.ranges ?? []), ...ranges]), uncommitted: own.has(file) });
  }
  for (const file of untracked.split('\0').filter((f) => f !== '')) {
    const lines = lineCount(path.join(place, file));
    files.set(file, { ranges: lines > 0 ? [[1, lines]] : [], uncommitted: true });
  }
  await write(coordinator, session, [...files].slice(0, MAX_FILES), (options.now ?? new Date()).toISOString());
  return true;
}

/** The session's rows replaced by `files`: a row whose lines did not change keeps its time, so that recent still means recent. */
async function write(
  coordinator: Coordinator,
  session: Pick<SessionsTable, 'id' | 'repo_path'>,
  files: Array<[string, { ranges: LineRange[]; uncommitted: boolean }]>,
  now: string,
): Promise<void> {
  await immediateTransaction(coordinator.db, async (trx) => {
    const stored = await trx.selectFrom('changed_files').select(['file_path', 'ranges', 'uncommitted']).where('session_id', '=', session.id).execute();
    const before = new Map(stored.map((row) => [row.file_path, row]));
    const keep = new Set(files.map(([file]) => file));
    const gone = stored.filter((row) => !keep.has(row.file_path)).map((row) => row.file_path);
    for (let at = 0; at < gone.length; at += 500) {
      await trx.deleteFrom('changed_files').where('session_id', '=', session.id).where('file_path', 'in', gone.slice(at, at + 500)).execute();
    }
    for (const [file, change] of files) {
      const row = { ranges: formatLineRanges(change.ranges), uncommitted: change.uncommitted ? 1 : 0 };
      const was = before.get(file);
      if (was && was.ranges === row.ranges && was.uncommitted === row.uncommitted) continue;
      await trx
        .insertInto('changed_files')
        .values({ session_id: session.id, repo_path: session.repo_path, file_path: file, ...row, updated_at: now })
        .onConflict((oc) => oc.columns(['session_id', 'file_path']).doUpdateSet({ ...row, updated_at: now }))
        .execute();
    }
  });
}

/** Each file of a multi-file `git diff -U0` with the lines it changed (the new side's path; a deleted file's old one). */
function rangesByFile(diff: string): Map<string, LineRange[]> {
  const files = new Map<string, LineRange[]>();
  for (const chunk of diff.split(/^diff --git /m).slice(1)) {
    const file = /^\+\+\+ b\/(.+)$/m.exec(chunk)?.[1] ?? /^--- a\/(.+)$/m.exec(chunk)?.[1];
    if (file === undefined || file.startsWith('"')) continue;
    files.set(file, diffLineRanges(chunk));
  }
  return files;
}

/**
 * {@link syncSessionChanges} of every session whose place holds work: live ones, and kept
 * worktrees (their work waits to be merged), one after another. What a watcher round runs, so that
 * the edit guard and `who_is_editing` see changes no edit hook recorded; `repoPath` keeps to one
 * repository. How many were synced.
 */
export async function syncAllSessionChanges(coordinator: Coordinator, options: { repoPath?: string; env?: NodeJS.ProcessEnv; now?: Date } = {}): Promise<number> {
  let query = coordinator.db.selectFrom('sessions').selectAll().where('status', 'in', ['active', 'kept']).where('shares_place_with', 'is', null);
  if (options.repoPath !== undefined) query = query.where('repo_path', '=', options.repoPath);
  const rows = await query.execute();
  let synced = 0;
  for (const row of rows.filter((r) => r.status === 'kept' || isSessionAlive(r))) {
    if (await syncSessionChanges(coordinator, row, options).catch(() => false)) synced += 1;
  }
  return synced;
}
