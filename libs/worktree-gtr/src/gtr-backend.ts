import type { CreateRequest, RemoveRequest, WorktreeBackend } from './backend';
import { WorktreeError } from './errors';
import type { GtrInstall } from './gtr-detect';
import { findWorktreeOfBranch } from './repository';
import { runGtr } from './run-gtr';

/** Worktrees through an installed gtr (v1 `gtr …` or v2 `git gtr …`). */
export function gtrBackend(install: GtrInstall, env: NodeJS.ProcessEnv = process.env): WorktreeBackend {
  const run = async (cwd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<void> => {
    try {
      await runGtr(install.command, args, { cwd, env: { ...env, ...extraEnv } });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr?.trim();
      throw new WorktreeError('GTR_FAILED', `${install.command.join(' ')} ${args[0]} failed: ${stderr || String(error)}`, {
        args,
      });
    }
  };
  return {
    name: install.major === 2 ? 'gtr-v2' : 'gtr-v1',
    async create({ repoRoot, branch, base, worktreesDir }: CreateRequest): Promise<string> {
      // gtr reads its folder from git config; GIT_CONFIG_COUNT sets it for this call only.
      const configEnv = worktreesDir
        ? { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'gtr.worktrees.dir', GIT_CONFIG_VALUE_0: worktreesDir }
        : {};
      await run(repoRoot, ['new', branch, '--from', base, '--yes', '--no-fetch'], configEnv);
      const created = await findWorktreeOfBranch(repoRoot, branch);
      if (!created) {
        throw new WorktreeError('GTR_FAILED', `gtr reported success but no worktree has branch ${branch}.`, { branch });
      }
      return created;
    },
    async remove({ repoRoot, branch, force }: RemoveRequest): Promise<void> {
      if (!branch) throw new WorktreeError('GTR_FAILED', 'gtr removes worktrees by branch; this one has none.');
      await run(repoRoot, ['rm', branch, '--yes', ...(force ? ['--force'] : [])]);
    },
  };
}
