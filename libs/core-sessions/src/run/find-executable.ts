/**
 * Where a command would be found when spawned with `env`: a bare name is looked up on env.PATH
 * (null when it is not there); a name with a slash is a path, resolved only when it runs, so it
 * is returned as it is.
 */
export async function findExecutable(command: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  if (command.includes('/')) return command;
  // Loaded lazily, like every use of worktree-gtr here: `status` must not pay for loading it.
  const { findOnPath } = await import('@parallel-cc/worktree-gtr');
  return findOnPath(command, env.PATH ?? '');
}
