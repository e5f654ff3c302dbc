import { gitAt } from './git-place';
import type { GitPlace } from './git-place';

/** The commit `ref` names in the repository at `place`, or null when it names none. */
export async function commitOf(place: GitPlace, ref: string): Promise<string | null> {
  const outcome = await gitAt(place, ['rev-parse', '--verify', '-q', '--end-of-options', `${ref}^{commit}`]);
  return outcome.exitCode === 0 ? outcome.stdout.trim() : null;
}
