import { isObjectId } from '@parallel-cc/git';

/** One entry of a ref's reflog: the commit the ref moved to, when (seconds), and git's note of how. */
export interface ReflogEntry {
  commit: string;
  time: number;
  subject: string;
}

/**
 * Reads `git log -g --date=unix --format=%H%x00%gD%x00%gs` output (several refs interleaved by
 * date, each ref's entries newest first) as ref → its entries, newest first; the last is where
 * the ref started, as far as the reflog remembers. A ref is named as it was asked for.
 */
export function parseReflogs(output: string): Map<string, ReflogEntry[]> {
  const reflogs = new Map<string, ReflogEntry[]>();
  for (const line of output.split('\n')) {
    const [commit = '', selector = '', subject = ''] = line.split('\0');
    const match = /^(.+)@\{(\d+)\}$/.exec(selector);
    if (!match || !isObjectId(commit)) continue;
    const [, ref = '', time = ''] = match;
    const entries = reflogs.get(ref);
    const entry = { commit, time: Number(time), subject };
    if (entries) entries.push(entry);
    else reflogs.set(ref, [entry]);
  }
  return reflogs;
}
