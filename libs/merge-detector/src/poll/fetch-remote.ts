import { gitComplaint } from '@parallel-cc/git';
import { gitAt, gitOutputAt } from '../git/git-place';
import type { GitPlace } from '../git/git-place';

/** The remote a poll fetches: `origin` when there is one, else the first configured; null when none. */
export async function pickRemote(place: GitPlace): Promise<string | null> {
  const remotes = (await gitOutputAt(place, ['remote'])).split('\n').filter(Boolean);
  return remotes.includes('origin') ? 'origin' : (remotes[0] ?? null);
}

/** Runs `git fetch --prune <remote>`; resolves to null when it worked, else to git's complaint. */
export async function fetchRemote(place: GitPlace, remote: string): Promise<string | null> {
  const outcome = await gitAt(place, ['fetch', '--prune', '--quiet', '--end-of-options', remote]);
  return outcome.exitCode === 0 ? null : `git fetch ${remote} failed: ${gitComplaint(outcome.stderr) || `exit code ${outcome.exitCode}`}`;
}
