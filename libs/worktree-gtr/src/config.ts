import { WorktreeError } from './errors';
import { tryGit } from './git';

/** parallel-cc's worktree settings, from git config (`parallel-cc.*`) and the environment. */
export interface WorktreeConfig {
  /** `parallel-cc.worktreesDir` or PARALLEL_CC_WORKTREES_DIR: where worktrees go. */
  worktreesDir?: string;
  /** `parallel-cc.postCreate`: a command run in each new worktree. */
  postCreate?: string;
  /** `parallel-cc.backend` or PARALLEL_CC_WORKTREE_BACKEND: `auto` (default), `native` or `gtr`. */
  backend: 'auto' | 'native' | 'gtr';
}

/** Parses `git config -z --get-regexp` output: NUL-terminated `key\nvalue` records. */
export function parseConfigList(output: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const record of output.split('\0')) {
    if (!record) continue;
    const newline = record.indexOf('\n');
    const key = (newline === -1 ? record : record.slice(0, newline)).toLowerCase();
    values.set(key, newline === -1 ? 'true' : record.slice(newline + 1));
  }
  return values;
}

/** Reads the worktree settings of the repository at `repoRoot` in one git call. */
export async function readWorktreeConfig(repoRoot: string, env: NodeJS.ProcessEnv = process.env): Promise<WorktreeConfig> {
  const out = (await tryGit(repoRoot, ['config', '-z', '--get-regexp', '^parallel-cc\\.'])) ?? '';
  const git = parseConfigList(out);
  const backend = (env.PARALLEL_CC_WORKTREE_BACKEND || git.get('parallel-cc.backend') || 'auto').toLowerCase();
  if (backend !== 'auto' && backend !== 'native' && backend !== 'gtr') {
    throw new WorktreeError('INVALID_INPUT', `"${backend}" is not a worktree backend; use auto, native or gtr.`, {
      backend,
    });
  }
  return {
    worktreesDir: env.PARALLEL_CC_WORKTREES_DIR || git.get('parallel-cc.worktreesdir') || undefined,
    postCreate: git.get('parallel-cc.postcreate') || undefined,
    backend,
  };
}
