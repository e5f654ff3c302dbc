import { runGit } from './run-git';
import type { GitPlace } from './run-git';

/** The commit `ref` names in the repository at `place`, or null when it names none. */
export async function commitOf(place: GitPlace, ref: string): Promise<string | null> {
  const outcome = await runGit(place, ['rev-parse', '--verify', '-q', '--end-of-options', `${ref}^{commit}`]);
  return outcome.exitCode === 0 ? outcome.stdout.trim() : null;
}
