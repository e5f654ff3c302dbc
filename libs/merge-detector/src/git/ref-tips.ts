import { parseRefTips } from './parse-ref-tips';
import { gitOutput } from './run-git';
import type { GitPlace } from './run-git';

/** Every ref under `prefixes` (such as `refs/heads/`) with the commit it points at, in one git process. */
export async function refTips(place: GitPlace, prefixes: string[]): Promise<Map<string, string>> {
  return parseRefTips(await gitOutput(place, ['for-each-ref', '--format=%(objectname) %(refname)', ...prefixes]));
}
