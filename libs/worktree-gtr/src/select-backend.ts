import type { WorktreeBackend } from './backend';
import type { WorktreeConfig } from './config';
import { WorktreeError } from './errors';
import { gtrBackend } from './gtr-backend';
import { detectGtr } from './gtr-detect';
import { nativeBackend } from './native-backend';

/** gtr when it is installed (unless configured `native`), plain git otherwise. */
export async function selectBackend(
  preference: WorktreeConfig['backend'],
  env: NodeJS.ProcessEnv = process.env,
): Promise<WorktreeBackend> {
  if (preference === 'native') return nativeBackend;
  const gtr = await detectGtr(env);
  if (gtr) return gtrBackend(gtr, env);
  if (preference === 'gtr') {
    throw new WorktreeError('GTR_FAILED', 'The worktree backend is set to gtr, but neither `git gtr` nor `gtr` is installed.');
  }
  return nativeBackend;
}
