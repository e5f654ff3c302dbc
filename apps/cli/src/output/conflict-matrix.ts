import type { SessionConflictPreview } from '@parallel-cc/merge-detector';
import type { colorsFor } from './colors';
import { conflictLines } from './conflict-lines';

type Colors = ReturnType<typeof colorsFor>;

/** core-sessions' `plural` (passed in: the lib is loaded lazily, never by a static import). */
type Plural = (count: number, noun: string) => string;

const pad = (text: string) => text.padEnd(8);

/**
 * The cross-session preview on a terminal: the sessions numbered, a grid of who would conflict
 * with whom (and with their base branch), then each conflicting pair's files and classes.
 */
export function renderConflictMatrix(preview: SessionConflictPreview, colors: Colors, plural: Plural): string {
  const { sessions, checks } = preview;
  if (sessions.length === 0) return `No live sessions in ${preview.repo}: nothing to compare.\n`;
  const out: string[] = [`${colors.bold(preview.repo)}: ${plural(sessions.length, 'live session')}, ${plural(checks.length, 'check')}\n`];
  sessions.forEach((s, i) => out.push(`  [${i + 1}] ${s.sessionId.slice(0, 8)}  ${s.branch}${s.isMainRepo ? ' (main checkout)' : ''}\n`));
  for (const s of preview.skipped) out.push(`  ${colors.dim(`skipped ${s.sessionId.slice(0, 8)}: ${s.reason}`)}\n`);

  // Cells are padded before they are coloured, so colour codes never upset the alignment.
  const cell = (ours: string, theirs: string): string => {
    if (ours === theirs) return pad('·');
    const check = checks.find((c) => (c.ours === ours && c.theirs === theirs) || (c.ours === theirs && c.theirs === ours));
    if (!check) return pad('—');
    if (check.status === 'failed') return colors.red(pad('failed'));
    const files = check.conflicts.length;
    return check.status === 'clean' ? colors.green(pad('ok')) : colors.red(pad(plural(files, 'file')));
  };
  out.push(`\n       ${sessions.map((_, i) => pad(`[${i + 1}]`)).join('')}base\n`);
  sessions.forEach((s, i) => {
    const row = sessions.map((other) => cell(s.branch, other.branch)).join('');
    out.push(`  ${`[${i + 1}]`.padEnd(5)}${row}${cell(s.branch, s.baseBranch).trimEnd()}\n`);
  });

  const troubled = checks.filter((c) => c.status !== 'clean');
  if (troubled.length === 0) {
    out.push(`\n${colors.green('No conflicts')}: every session's branch merges cleanly with the others and with its base.\n`);
    return out.join('');
  }
  for (const c of troubled) {
    const against = c.against === 'base' ? ' (its base)' : '';
    out.push(`\n${c.ours} × ${c.theirs}${against}: ${c.status === 'failed' ? colors.red(`check failed: ${c.reason}`) : plural(c.conflicts.length, 'file')}\n`);
    out.push(conflictLines(c.conflicts, colors, '    '));
  }
  return out.join('');
}
