import type { TidyReport } from '@parallel-cc/core-sessions';
import { describeLeftover } from './leftover-lines';
import { describeRetirement } from './retire-lines';

/**
 * What `cleanup` prints: a line per session and leftover it acted on now, then how many things
 * kept by an earlier run are still kept (not listed again: `status` lists them).
 */
export function cleanupLines(report: TidyReport): string {
  const earlier = report.keptEarlier.sessions.length + report.keptEarlier.leftovers.length;
  const lines = [...report.results.map(describeRetirement), ...report.leftovers.map(describeLeftover)];
  const stillKept = `${earlier} kept earlier, still holding work (see parallel-cc status)`;
  if (lines.length === 0) return earlier === 0 ? 'Nothing to clean up.\n' : `Nothing new to clean up; ${stillKept}.\n`;
  return `${[...lines, ...(earlier > 0 ? [`${stillKept}.`] : [])].join('\n')}\n`;
}
