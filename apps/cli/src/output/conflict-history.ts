import type { ConflictHistoryEntry } from '@parallel-cc/conflict-engine';

/** core-sessions' `plural` (passed in: the lib is loaded lazily, never by a static import). */
type Plural = (count: number, noun: string) => string;

/**
 * Recorded conflicts on a terminal, newest first as given: one heading per check (when, which two
 * branches, in which repository when several are listed), then each file's class, path and how it
 * was resolved, in aligned columns.
 */
export function renderConflictHistory(entries: readonly ConflictHistoryEntry[], plural: Plural): string {
  const severalRepos = new Set(entries.map((e) => e.repo)).size > 1;
  const checks: ConflictHistoryEntry[][] = [];
  for (const e of entries) {
    const last = checks[checks.length - 1]?.[0];
    if (last && last.repo === e.repo && last.ours === e.ours && last.theirs === e.theirs && last.detectedAt === e.detectedAt) checks[checks.length - 1]!.push(e);
    else checks.push([e]);
  }
  const classWidth = Math.max(...entries.map((e) => e.class.length));
  const pathWidth = Math.max(...entries.map((e) => e.path.length));
  return checks
    .map((files) => {
      const { detectedAt, ours, theirs, repo } = files[0]!;
      const heading = `${detectedAt}  ${ours} × ${theirs}${severalRepos ? `  (${repo})` : ''}: ${plural(files.length, 'file')}\n`;
      return heading + files.map((e) => `    ${e.class.padEnd(classWidth)}  ${e.path.padEnd(pathWidth)}  ${resolutionOf(e)}\n`).join('');
    })
    .join('\n');
}

function resolutionOf(e: ConflictHistoryEntry): string {
  if (!e.resolution) return 'unresolved';
  return `${e.resolution}${e.strategy ? ` (${e.strategy})` : ''} at ${e.resolvedAt}`;
}
