import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { localRepo } from '../local-repo';
import type { LocalRepo } from '../local-repo';

/** Where the commits of a history-free run go: from its stand-in head onto the real one. */
export interface ReplayPlan {
  /** The parentless commit the sandbox received instead of the history. */
  standIn: string;
  /** The commit it stood in for: the worktree's HEAD at upload. */
  onto: string;
  /** The commits to replay, with every ancestor of theirs back to `standIn`. */
  tips: readonly string[];
}

/**
 * Replays the commits made on a stand-in head onto the real one, in the user's repository:
 * each gets the real parent (`standIn` becomes `onto`), the files the stand-in left out put back
 * from `onto` (unless the commit has a file of its own at that path), and its own author,
 * committer, dates and message. The same commits always replay to the same ids, so a result
 * fetched twice is the same result. Returns each replayed commit's new id, `standIn` included.
 */
export async function replayOnto(worktree: string, plan: ReplayPlan, env: NodeJS.ProcessEnv): Promise<Map<string, string>> {
  const replayed = new Map<string, string>([[plan.standIn, plan.onto]]);
  const repo = localRepo(worktree, env);
  const leftOut = await leftOutEntries(repo, plan);
  const order = (await repo.out(['rev-list', '--topo-order', '--reverse', '--parents', ...plan.tips, `^${plan.standIn}`])).split('\n').filter(Boolean);
  const indexFile = path.resolve(worktree, await repo.out(['rev-parse', '--git-path', 'index']));
  const tempIndex = `${indexFile}.parallel-cc-replay-${randomUUID()}`;
  const withIndex = localRepo(worktree, { ...env, GIT_INDEX_FILE: tempIndex });
  try {
    for (const line of order) {
      const [commit = '', ...parents] = line.split(' ');
      const raw = await repo.run(['cat-file', 'commit', commit]);
      const { tree, author, committer, message } = parseCommit(raw.stdout);
      const newTree = leftOut.length === 0 ? tree : await treeWith(withIndex, tree, leftOut);
      const newParents = parents.flatMap((p) => ['-p', replayed.get(p) ?? p]);
      const asOriginal = localRepo(worktree, {
        ...env,
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_AUTHOR_DATE: author.date,
        GIT_COMMITTER_NAME: committer.name,
        GIT_COMMITTER_EMAIL: committer.email,
        GIT_COMMITTER_DATE: committer.date,
      });
      const newCommit = await asOriginal.out(['commit-tree', newTree, ...newParents], message);
      replayed.set(commit, newCommit);
    }
  } finally {
    fs.rmSync(tempIndex, { force: true });
  }
  return replayed;
}

/** `onto`'s tree entries the stand-in does not have, as `update-index --index-info` lines. */
async function leftOutEntries(repo: LocalRepo, plan: ReplayPlan): Promise<Array<{ path: string; line: string }>> {
  const raw = (await repo.run(['diff-tree', '-r', '-z', '--no-renames', '--diff-filter=A', plan.standIn, plan.onto])).stdout;
  const fields = raw.split('\0');
  const entries: Array<{ path: string; line: string }> = [];
  // Pairs of `:<old mode> <new mode> <old id> <new id> A` and the path.
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [, mode, , id] = (fields[i] ?? '').split(' ');
    const file = fields[i + 1] ?? '';
    entries.push({ path: file, line: `${mode} ${id}\t${file}\0` });
  }
  return entries;
}

/** `tree` with `entries` added where it has no file at their paths, through `withIndex`'s temporary index. */
async function treeWith(withIndex: LocalRepo, tree: string, entries: ReadonlyArray<{ path: string; line: string }>): Promise<string> {
  await withIndex.out(['read-tree', tree]);
  // Not `out`: it trims, and a path may end with a space.
  const present = new Set((await withIndex.run(['ls-files', '-z'])).stdout.split('\0'));
  const missing = entries.filter((e) => !present.has(e.path));
  if (missing.length === 0) return tree;
  await withIndex.out(['update-index', '-z', '--add', '--index-info'], missing.map((e) => e.line).join(''));
  return withIndex.out(['write-tree']);
}

interface Person {
  name: string;
  email: string;
  /** Git's internal form, `@<seconds> <zone>`. */
  date: string;
}

/** A raw commit object's tree, people and message (the message byte for byte). */
function parseCommit(raw: string): { tree: string; author: Person; committer: Person; message: string } {
  const split = raw.indexOf('\n\n');
  const headers = (split === -1 ? raw : raw.slice(0, split)).split('\n');
  const message = split === -1 ? '' : raw.slice(split + 2);
  const field = (name: string) => headers.find((h) => h.startsWith(`${name} `))?.slice(name.length + 1) ?? '';
  return { tree: field('tree'), author: person(field('author')), committer: person(field('committer')), message };
}

function person(value: string): Person {
  const match = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(value);
  if (!match) throw new Error(`a commit names someone in an unexpected form: ${value}`);
  return { name: match[1] ?? '', email: match[2] ?? '', date: `@${match[3] ?? ''} ${match[4] ?? ''}` };
}
