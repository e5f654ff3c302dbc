import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { localRepo } from '../local-repo';
import { RUNNER_IDENTITY } from './sandbox-repo';

/**
 * Makes, in the user's repository, the commit a run uploads instead of the history when
 * credentials were ever committed: one commit without parents whose tree is `head`'s minus the
 * `withheld` paths (the credential files the work tree still tracks). Its bundle carries no
 * object of any earlier commit. Made through a temporary index; the user's index, work tree and
 * refs are not touched (the caller keeps the commit alive with a ref of its own).
 */
export async function makeStandInHead(worktree: string, head: string, withheld: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const indexFile = path.resolve(worktree, await localRepo(worktree, env).out(['rev-parse', '--git-path', 'index']));
  const tempIndex = `${indexFile}.parallel-cc-stand-in-${randomUUID()}`;
  const withIndex = localRepo(worktree, { ...env, GIT_INDEX_FILE: tempIndex });
  try {
    await withIndex.out(['read-tree', head]);
    if (withheld.length > 0) {
      // Literal paths (not pathspecs: a name may hold `*`).
      await withIndex.out(['update-index', '-z', '--force-remove', '--stdin'], withheld.map((p) => `${p}\0`).join(''));
    }
    const tree = await withIndex.out(['write-tree']);
    const message = `parallel-cc: the files of ${head} without their history\n\nCredential files were committed to this repository at some point, so its history stays on your machine.\n`;
    return await localRepo(worktree, { ...env, ...RUNNER_IDENTITY }).out(['commit-tree', tree], message);
  } finally {
    fs.rmSync(tempIndex, { force: true });
  }
}
