import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConflictEngineError } from '../errors';
import { runGit } from '../git';

/** A detached worktree in a temp folder that one check checks commits out into. */
export interface ScratchWorktree {
  /** The worktree's folder: where the command runs. */
  dir: string;
  /** Checks `commit` out (forced) and removes every file it does not track, except the `node_modules` link. */
  checkout(commit: string): Promise<void>;
}

/** A {@link ScratchWorktree} the caller removes when done. */
export interface OpenScratchWorktree extends ScratchWorktree {
  /** Removes the worktree, its registration and its temp folder (never throws). */
  remove(): Promise<void>;
}

/**
 * A scratch worktree (`git worktree add --detach` in a fresh temp folder) at `start`, with
 * `<nodeModulesFrom>/node_modules` linked in (a symlink, never a copy) when that folder exists.
 * Creating it cleans up after itself when it fails half way; afterwards the caller calls `remove`
 * (in a `finally`).
 */
export async function openScratchWorktree(repo: string, start: string, nodeModulesFrom: string | null): Promise<OpenScratchWorktree> {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'pcc-check-'));
  const dir = path.join(parent, 'tree');
  const remove = async () => {
    await runGit(repo, ['worktree', 'remove', '--force', '--force', dir]).catch(() => undefined);
    fs.rmSync(parent, { recursive: true, force: true });
    await runGit(repo, ['worktree', 'prune']).catch(() => undefined);
  };
  try {
    await git(repo, ['worktree', 'add', '--detach', '--quiet', dir, start]);
    const modules = nodeModulesFrom === null ? null : path.join(nodeModulesFrom, 'node_modules');
    if (modules !== null && fs.existsSync(modules)) fs.symlinkSync(modules, path.join(dir, 'node_modules'), 'dir');
  } catch (error) {
    await remove();
    throw error;
  }
  const checkout = async (commit: string) => {
    await git(dir, ['checkout', '--detach', '--force', '--quiet', commit]);
    await git(dir, ['clean', '-ffdxq', '-e', '/node_modules']);
  };
  return { dir, checkout, remove };
}

/** The main checkout of the repository `repo` belongs to (whose `node_modules` a check reuses), or null for a bare one. */
export async function mainCheckout(repo: string): Promise<string | null> {
  const common = (await git(repo, ['rev-parse', '--path-format=absolute', '--git-common-dir'])).trim();
  return path.basename(common) === '.git' ? path.dirname(common) : null;
}

// No hook of the repository (post-checkout, husky's) runs for the scratch worktree's checkouts.
const NO_HOOKS = ['-c', 'core.hooksPath=/dev/null'];

async function git(dir: string, args: string[]): Promise<string> {
  const result = await runGit(dir, [...NO_HOOKS, ...args]);
  if (result.exitCode !== 0) throw new ConflictEngineError('GIT_FAILED', `git ${args[0]} failed: ${result.stderr.trim()}`, { dir, args });
  return result.stdout;
}
