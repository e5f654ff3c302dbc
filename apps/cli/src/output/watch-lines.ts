import type { WatchLogEntry, WatchRoundSummary } from '@parallel-cc/watch-service';

type Merge = WatchLogEntry['events'][number];
type RoundError = WatchLogEntry['errors'][number];

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The line `watch-merges` starts with: what it watches, and how often. */
export function watchStartLine(repos: string[], intervalSeconds: number): string {
  const every = `every ${intervalSeconds}s`;
  if (repos.length === 0) return `Watching for merges ${every}; no repository has live sessions or subscriptions yet. Ctrl-C stops.`;
  return `Watching ${count(repos.length, 'repository', 'repositories')} for merges ${every}: ${repos.join(', ')}. Ctrl-C stops.`;
}

/** Whether a round found anything worth telling: a merge, a session or leftover tidied or kept, an error. */
export function roundFoundSomething(entry: WatchLogEntry): boolean {
  return entry.events.length + entry.cleaned + entry.kept + entry.leftoversRemoved + entry.errors.length > 0;
}

/** The one line of a round that found something, led by its local time and number. */
export function roundLine(entry: WatchLogEntry): string {
  const parts = [
    ...entry.events.map((e) => mergeText(e, entry.repos > 1)),
    ...tidyTexts(entry),
    ...entry.errors.map(errorText),
  ];
  return `${clock(new Date(entry.at))} round ${entry.round}: ${parts.join('; ')}`;
}

/** What `watch-merges --once` prints: a summary line, then a line per merge, per error and per warning (a failed fetch, a target that does not exist). */
export function onceLines(summary: WatchRoundSummary): string {
  const found = count(summary.events.length, 'new merge', 'new merges');
  const failed = summary.errors.length > 0 ? [count(summary.errors.length, 'error', 'errors')] : [];
  const head = `Polled ${count(summary.repos, 'repository', 'repositories')}: ${[found, ...tidyTexts(summary), ...failed].join(', ')}.`;
  const many = new Set(summary.events.map((e) => e.repoPath)).size > 1;
  const lines = [
    head,
    ...summary.events.map((e) => `  ${mergeText(e, many)}`),
    ...summary.errors.map((e) => `  ${errorText(e)}`),
    ...summary.warnings.map((w) => `  warning: ${w}`),
  ];
  return `${lines.join('\n')}\n`;
}

function mergeText(merge: Pick<Merge, 'repoPath' | 'branch' | 'targetBranch' | 'how'>, withRepo: boolean): string {
  return `merged ${merge.branch} \u2192 ${merge.targetBranch} (${merge.how})${withRepo ? ` in ${merge.repoPath}` : ''}`;
}

function tidyTexts(round: { cleaned: number; kept: number; leftoversRemoved: number }): string[] {
  return [
    ...(round.cleaned > 0 ? [`${count(round.cleaned, 'dead session', 'dead sessions')} cleaned up`] : []),
    ...(round.kept > 0 ? [`kept ${count(round.kept, 'dead session', 'dead sessions')} whose worktree holds work (see status)`] : []),
    ...(round.leftoversRemoved > 0 ? [`${count(round.leftoversRemoved, 'leftover', 'leftovers')} removed`] : []),
  ];
}

function errorText(error: RoundError): string {
  const where = error.repoPath ?? (error.sessionId ? `session ${error.sessionId.slice(0, 8)}` : undefined);
  return `error${where ? ` in ${where}` : ''}: ${error.message}`;
}

function clock(at: Date): string {
  return [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
