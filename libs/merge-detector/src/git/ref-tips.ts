import { parseRefTips } from '@parallel-cc/git';
import { gitOutputAt } from './git-place';
import type { GitPlace } from './git-place';

/** Every ref under `prefixes` (such as `refs/heads/`) with the commit it points at, in one git process. */
export async function refTips(place: GitPlace, prefixes: string[]): Promise<Map<string, string>> {
  return parseRefTips(await gitOutputAt(place, ['for-each-ref', '--format=%(objectname) %(refname)', ...prefixes]));
}
