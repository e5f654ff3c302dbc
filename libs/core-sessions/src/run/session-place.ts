/** Why no session can be made from a folder: it is in no git repository, or in one a session cannot use. */
export interface NoSessionPlace {
  code: 'NOT_A_REPOSITORY' | 'NO_COMMITS' | 'UNSUPPORTED_REPOSITORY';
  message: string;
}

// The repositories a session cannot be made in, as worktree-gtr reports them. Anything else (a
// folder that vanished, git missing) is left for registration to report.
const NO_PLACE_CODES = new Set<string>(['NOT_A_REPOSITORY', 'NO_COMMITS', 'UNSUPPORTED_REPOSITORY']);

/**
 * Why `dir` cannot hold a session (null when it can): what a wrapper asks before it decides to run
 * its agent as a session or plainly, so that an agent started outside a repository still runs.
 */
export async function noSessionPlace(dir: string): Promise<NoSessionPlace | null> {
  const { resolveRepository } = await import('@parallel-cc/worktree-gtr');
  try {
    await resolveRepository(dir);
    return null;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && NO_PLACE_CODES.has(code)) return { code: code as NoSessionPlace['code'], message: (error as Error).message };
    throw error;
  }
}
