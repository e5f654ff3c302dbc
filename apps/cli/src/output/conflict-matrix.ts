import type { PreviewedSession, SessionConflictPreview } from '@parallel-cc/merge-detector';
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
  sessions.forEach((s, i) => out.push(`  [${i + 1}] ${s.sessionId.slice(0, 8)}  ${s.branch}${s.isMainRepo ? ' (main checkout)' : ''}${workNote(s, colors, plural)}\n`));
  for (const s of preview.skipped) out.push(`  ${colors.dim(`skipped ${s.sessionId.slice(0, 8)}: ${s.reason}`)}\n`);

  // Cells are padded before they are coloured, so colour codes never upset the alignment.
  // Cells find their check by what was merged (a branch, or a work tree's snapshot), so that a main
  // checkout with uncommitted work and the committed base branch of the others stay apart.
  const cell = (ours: string, theirs: string): string => {
    if (ours === theirs) return pad('·');
    const check = checks.find((c) => (c.oursRef === ours && c.theirsRef === theirs) || (c.oursRef === theirs && c.theirsRef === ours));
    if (!check) return pad('—');
    if (check.status === 'failed') return colors.red(pad('failed'));
    const files = check.conflicts.length;
    return check.status === 'clean' ? colors.green(pad('ok')) : colors.red(pad(plural(files, 'file')));
  };
  out.push(`\n       ${sessions.map((_, i) => pad(`[${i + 1}]`)).join('')}base\n`);
  sessions.forEach((s, i) => {
    const row = sessions.map((other) => cell(s.ref, other.ref)).join('');
    out.push(`  ${`[${i + 1}]`.padEnd(5)}${row}${cell(s.ref, s.baseBranch).trimEnd()}\n`);
  });

  const troubled = checks.filter((c) => c.status !== 'clean');
  if (troubled.length === 0) {
    out.push(`\n${colors.green('No conflicts')}: every session's work merges cleanly with the others and with its base.\n`);
    return out.join('');
  }
  for (const c of troubled) {
    const against = (c.against === 'base' ? ' (its base)' : '') + (c.kept ? ' (kept worktree)' : '');
    out.push(`\n${c.ours} × ${c.theirs}${against}: ${c.status === 'failed' ? colors.red(`check failed: ${c.reason}`) : plural(c.conflicts.length, 'file')}\n`);
    out.push(conflictLines(c.conflicts, colors, '    '));
  }
  return out.join('');
}

/** What a session line adds about its work: kept worktree, uncommitted paths, or a work tree that could not be read. */
function workNote(s: PreviewedSession, colors: Colors, plural: Plural): string {
  const notes: string[] = [];
  if (s.state === 'kept') notes.push('kept worktree');
  if (s.uncommitted.length > 0) notes.push(`${plural(s.uncommitted.length, 'uncommitted path')} compared`);
  if (s.snapshotProblem !== null) notes.push(`work tree not read: ${s.snapshotProblem}`);
  return notes.length === 0 ? '' : colors.dim(`  (${notes.join('; ')})`);
}
