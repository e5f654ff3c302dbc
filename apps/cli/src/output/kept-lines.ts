import type { KeptLeftover } from '@parallel-cc/core-sessions';

/** The lines `status` adds for what cleanup kept on purpose that no session owns; empty when nothing is. */
export function keptLeftoverLines(kept: KeptLeftover[]): string {
  if (kept.length === 0) return '';
  const lines = kept.map((k) => {
    const what = k.kind === 'branch' ? `branch ${k.branch}` : `${k.kind} ${k.path}${k.branch ? ` (${k.branch})` : ''}`;
    const why = k.reasons.length > 0 ? `: ${k.reasons.join('; ')}` : '';
    return `  ${what} in ${k.repoPath}${why}`;
  });
  return `\nKept for their work, owned by no session (merge or delete them when you are done with them):\n${lines.join('\n')}\n`;
}
