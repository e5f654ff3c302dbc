import { runGit, tryGit } from '@parallel-cc/git';
import type { Repository } from '@parallel-cc/worktree-gtr';
import type { ClaudeWorktreeSettings } from './claude-settings';

/** The commit or ref a new Claude Code worktree starts from, and why not the one asked for. */
export interface WorktreeBase {
  base: string;
  warnings: string[];
}

/**
 * The base of a new worktree: Claude's `worktree.baseRef` when set (`head`: the HEAD of the
 * checkout the session runs in; `fresh`: the remote's default branch, fetched first), else our
 * rule (the main checkout's branch). `fresh` falls back to our rule, with a warning, when there
 * is no remote or it names no default branch; a failed fetch uses the last fetched state.
 */
export async function worktreeBase(repository: Repository, settings: ClaudeWorktreeSettings, env: NodeJS.ProcessEnv): Promise<WorktreeBase> {
  if (settings.baseRef === 'head') {
    const head = await tryGit(repository.toplevel, ['rev-parse', '--verify', '-q', 'HEAD^{commit}'], { env });
    if (head?.trim()) return { base: head.trim(), warnings: [] };
  }
  if (settings.baseRef !== 'fresh') return { base: repository.mainBranch, warnings: [] };
  const remotes = (await tryGit(repository.root, ['remote'], { env }))?.split('\n').filter(Boolean) ?? [];
  const remote = remotes.includes('origin') ? 'origin' : remotes[0];
  if (!remote) return { base: repository.mainBranch, warnings: [`worktree.baseRef is "fresh" but the repository has no remote: starting from ${repository.mainBranch}.`] };
  const warnings: string[] = [];
  const fetched = await runGit(repository.root, ['fetch', '--quiet', '--', remote], { env, timeoutMs: 60_000 }).catch((error: Error) => ({
    exitCode: 1,
    stderr: error.message,
  }));
  if (fetched.exitCode !== 0) warnings.push(`could not fetch ${remote} (${fetched.stderr.trim().split('\n')[0]}): starting from what was fetched before.`);
  const head = await tryGit(repository.root, ['symbolic-ref', '-q', '--short', `refs/remotes/${remote}/HEAD`], { env });
  if (head?.trim()) return { base: head.trim(), warnings };
  warnings.push(`${remote} names no default branch (run \`git remote set-head ${remote} --auto\`): starting from ${repository.mainBranch}.`);
  return { base: repository.mainBranch, warnings };
}
