/** Variables never passed to the check: the credentials parallel-cc itself knows of (the command runs the branches' code). */
const SECRET_NAMES = ['ANTHROPIC_API_KEY', 'E2B_API_KEY', 'GITHUB_TOKEN', 'GH_TOKEN', 'CLAUDE_CODE_OAUTH_TOKEN', 'NPM_TOKEN'];

/** The command's environment: the caller's, without the credentials above, with `PARALLEL_CC_CHECK=1` so that a script can tell. */
export function checkEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...env, PARALLEL_CC_CHECK: '1' };
  for (const name of SECRET_NAMES) delete result[name];
  return result;
}
