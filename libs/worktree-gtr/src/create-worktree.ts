import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { readWorktreeConfig } from './config';
import type { WorktreeConfig } from './config';
import { CLAUDE_LOCAL_SETTINGS, copyClaudeLocalSettings } from './local-settings';
import { WorktreeError } from './errors';
import { excludeNestedWorktrees } from './exclude-nested';
import { defaultWorktreesDir, worktreePathFor } from './names';
import { nativeBackend } from './native-backend';
import { runPostCreate } from './post-create';
import { assertValidBranchName } from './refs';
import { withRepositoryLock } from './repository-lock';
import type { RepositoryLockOptions } from './repository-lock';
import { selectBackend } from './select-backend';
import { copyWorktreeIncludes } from './worktree-include';

/** A request for a new worktree on a new branch. */
export interface CreateWorktreeOptions extends RepositoryLockOptions {
  /** The repository's main checkout. */
  repoRoot: string;
  /** The new branch; validated like `git check-ref-format --branch`. */
  branch: string;
  /** What the branch starts from (always given to gtr as `--from`). */
  base: string;
  env?: NodeJS.ProcessEnv;
  /** The repository's worktree settings, when the caller has read them already. */
  config?: WorktreeConfig;
  /**
   * The worktree's folder, when the caller names it rather than our layout (a Claude Code worktree
   * is named by Claude). gtr chooses its folders itself, so such a worktree is made with plain git.
   */
  folder?: string;
  /**
   * Awaited while the backend makes the worktree, with its folder and the work in progress, inside
   * the repository's lock: a step of the caller's own (core-sessions' crash tests die there).
   */
  whileCreating?: (folder: string, creating: Promise<string>) => Promise<void>;
  /** `branch` exists already and is checked out as it is (a Claude Code worktree resumed): `base` is not used. */
  existingBranch?: boolean;
  /** Folders of a sparse (cone) checkout (Claude Code's `worktree.sparsePaths`), relative to the checkout. */
  sparsePaths?: string[];
}

/** A worktree that was created. */
export interface CreatedWorktree {
  path: string;
  branch: string;
  backend: 'native' | 'gtr-v1' | 'gtr-v2';
  /** Ignored files copied in because `.worktreeinclude` names them. */
  copied: string[];
  /** Problems that did not stop the worktree from being made (a failing post-create command). */
  warnings: string[];
}

/** Creates a worktree for `branch` from `base` (or on `branch` as it is), copies `.worktreeinclude` files and runs the post-create command. */
export async function createWorktree(options: CreateWorktreeOptions): Promise<CreatedWorktree> {
  const { repoRoot, branch, base, env = process.env } = options;
  assertValidBranchName(branch);
  if (base.startsWith('-')) throw new WorktreeError('INVALID_REF', `"${base}" is not a valid base: it starts with "-".`);
  const config = options.config ?? (await readWorktreeConfig(repoRoot, env));
  const target = options.folder ?? worktreePathFor(repoRoot, branch, config.worktreesDir);
  if (!config.worktreesDir) assertDefaultDirStaysBeside(repoRoot);
  if (fs.existsSync(target)) {
    throw new WorktreeError('INVALID_INPUT', `Cannot create the worktree: ${target} already exists.`, { path: target });
  }
  const sparsePaths = options.sparsePaths?.map(assertSparsePath);
  const nativeOnly = options.folder !== undefined || options.existingBranch === true || (sparsePaths?.length ?? 0) > 0;
  const backend = nativeOnly ? nativeBackend : await selectBackend(config.backend, env);
  const path = await withRepositoryLock(repoRoot, options, async () => {
    const request = { repoRoot, branch, base, path: target, worktreesDir: config.worktreesDir, existingBranch: options.existingBranch, sparsePaths };
    const creating = backend.create(request);
    // Both settle before the lock is let go: a failing hook never leaves git's work unwatched.
    const [, hook] = await Promise.allSettled([creating, options.whileCreating?.(target, creating)]);
    if (hook.status === 'rejected') throw hook.reason;
    return await creating;
  });
  await excludeNestedWorktrees(repoRoot, nodePath.dirname(path));
  // gtr v2 copies `.worktreeinclude` files itself; plain git and gtr v1 do not.
  const copied = backend.name === 'gtr-v2' ? [] : await copyWorktreeIncludes(repoRoot, path);
  if (copyClaudeLocalSettings(repoRoot, path)) copied.push(CLAUDE_LOCAL_SETTINGS);
  const warnings: string[] = [];
  if (config.postCreate) {
    try {
      await runPostCreate(config.postCreate, { worktreePath: path, repoRoot, branch }, env);
    } catch (error) {
      warnings.push((error as Error).message);
    }
  }
  return { path, branch, backend: backend.name, copied, warnings };
}

// A sparse path is a folder inside the checkout, `/`-separated, as cone mode takes it.
function assertSparsePath(value: string): string {
  const trimmed = value.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
  const parts = trimmed.split('/');
  if (!trimmed || trimmed.startsWith('/') || parts.includes('..') || [...trimmed].some((c) => c < ' ')) {
    throw new WorktreeError('INVALID_INPUT', `The sparse path ${JSON.stringify(value)} is not valid: give a folder inside the checkout, such as "packages/app".`, {
      sparsePath: value,
    });
  }
  return trimmed;
}

/**
 * Refuses a default worktrees folder (`<repo>-worktrees`) that is a symbolic link leading out of the
 * repository's parent folder: worktrees would land somewhere nobody chose. A folder elsewhere is
 * chosen with `parallel-cc.worktreesDir` instead.
 */
function assertDefaultDirStaysBeside(repoRoot: string): void {
  const dir = defaultWorktreesDir(repoRoot);
  if (!fs.lstatSync(dir, { throwIfNoEntry: false })?.isSymbolicLink()) return;
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    real = nodePath.resolve(nodePath.dirname(dir), fs.readlinkSync(dir));
  }
  const parent = fs.realpathSync(nodePath.dirname(repoRoot));
  if (nodePath.dirname(real) === parent) return;
  throw new WorktreeError(
    'UNSUPPORTED_REPOSITORY',
    `The worktrees folder ${dir} is a symbolic link to ${real}, outside ${nodePath.dirname(repoRoot)}: remove the link, or choose that folder on purpose with \`git config parallel-cc.worktreesDir <folder>\`.`,
    { path: dir, realPath: real },
  );
}
