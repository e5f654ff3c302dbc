import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Kysely } from 'kysely';
import { immediateTransaction } from '../db/transaction';
import type { CoreSessionsTables, KeptLeftoversTable } from '../db/schema';
import type { RepositoryLeftover } from './leftovers';

type Db = Kysely<CoreSessionsTables>;

/** Something kept on purpose that no session owns, as `status` and `cleanup` show it. */
export interface KeptLeftover {
  repoPath: string;
  kind: 'branch' | 'worktree' | 'folder';
  /** The folder (worktrees and folders); null for a branch. */
  path: string | null;
  /** The branch (a branch, or a worktree's branch); null for a folder. */
  branch: string | null;
  reasons: string[];
  /** When it was first kept. */
  keptAt: string;
}

/** The identity of a kept leftover: its repository, kind and branch or folder. */
export function keptKey(item: { repoPath: string; kind: string; path: string | null; branch: string | null }): string {
  return `${item.repoPath}\0${item.kind}\0${item.kind === 'branch' ? item.branch : item.path}`;
}

/** What is remembered as kept, oldest first; only `repo`'s when given. */
export async function listKeptLeftovers(db: Db, repo?: string): Promise<KeptLeftover[]> {
  let query = db.selectFrom('kept_leftovers').selectAll().orderBy('kept_at').orderBy('name');
  if (repo !== undefined) query = query.where('repo_path', '=', repo);
  return (await query.execute()).map(toKeptLeftover);
}

/** Remembers a session branch that a release kept for its commits, unless it is already remembered. */
export async function rememberKeptBranch(db: Db, item: { repoPath: string; branch: string; reasons: string[] }): Promise<void> {
  await db
    .insertInto('kept_leftovers')
    .values({ repo_path: item.repoPath, kind: 'branch', name: item.branch, branch: null, reasons: JSON.stringify(item.reasons), kept_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['repo_path', 'kind', 'name']).doNothing())
    .execute();
}

/**
 * Makes what is remembered as kept in each of `repos` what this cleanup found kept there, keeping
 * the time each was first kept: what went (deleted once integrated, taken up by a session) is
 * forgotten. A repository that could not be looked into keeps its records; one that is gone loses them.
 */
export async function rememberKept(db: Db, repos: string[], found: RepositoryLeftover[]): Promise<void> {
  const unreadable = new Set(found.filter((l) => l.kind === 'repository').map((l) => l.repoPath));
  const now = new Date().toISOString();
  await immediateTransaction(db, async (trx) => {
    for (const repo of repos) {
      if (unreadable.has(repo)) continue;
      const before = new Map((await listKeptLeftovers(trx, repo)).map((k) => [keptKey(k), k.keptAt]));
      await trx.deleteFrom('kept_leftovers').where('repo_path', '=', repo).execute();
      if (!fs.existsSync(path.join(repo, '.git'))) continue;
      for (const l of found.filter((f) => f.repoPath === repo && f.status === 'kept' && f.kind !== 'repository')) {
        await trx
          .insertInto('kept_leftovers')
          .values({
            repo_path: repo,
            kind: l.kind,
            name: (l.kind === 'branch' ? l.branch : l.path) ?? '',
            branch: l.kind === 'branch' ? null : l.branch,
            reasons: JSON.stringify(l.reasons),
            kept_at: before.get(keptKey(l)) ?? now,
          })
          .execute();
      }
    }
  });
}

/** The repositories that have something remembered as kept. */
export async function repositoriesWithKept(db: Db): Promise<string[]> {
  return (await db.selectFrom('kept_leftovers').select('repo_path').distinct().execute()).map((r) => r.repo_path);
}

function toKeptLeftover(row: KeptLeftoversTable): KeptLeftover {
  const kind = row.kind as KeptLeftover['kind'];
  return {
    repoPath: row.repo_path,
    kind,
    path: kind === 'branch' ? null : row.name,
    branch: kind === 'branch' ? row.name : row.branch,
    reasons: JSON.parse(row.reasons) as string[],
    keptAt: row.kept_at,
  };
}
