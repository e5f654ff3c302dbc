import { isObjectId } from '@parallel-cc/git';

/**
 * Reads `git log -g --format='%H %gD'` output (`<commit> <ref>@{<n>}` lines, several refs
 * interleaved) as ref → the commit of its oldest entry: where the ref started, as far as the
 * reflog remembers.
 */
export function parseReflogStarts(output: string): Map<string, string> {
  const oldest = new Map<string, { index: number; commit: string }>();
  for (const line of output.split('\n')) {
    const match = /^(\S+) (.+)@\{(\d+)\}$/.exec(line);
    if (!match || !isObjectId(match[1] ?? '')) continue;
    const [, commit = '', ref = '', index = ''] = match;
    const seen = oldest.get(ref);
    if (!seen || Number(index) > seen.index) oldest.set(ref, { index: Number(index), commit });
  }
  return new Map([...oldest].map(([ref, entry]) => [ref, entry.commit]));
}
