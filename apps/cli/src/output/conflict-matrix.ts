import type { PreviewedSession, SessionConflictPreview } from '@parallel-cc/merge-detector';
import type { colorsFor } from './colors';
import { conflictLines } from './conflict-lines';

type Colors = ReturnType<typeof colorsFor>;

/** core-sessions' `plural` (passed in: the lib is loaded lazily, never by a static import). */
type Plural = (count: number, noun: string) => string;

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

  // Cells are padded before they are coloured, so colour codes never upset the alignment; a column
  // is as wide as its widest cell and two spaces (`12 files`, `120 files`).
  // Cells find their check by what was merged (a branch, or a work tree's snapshot), so that a main
  // checkout with uncommitted work and the committed base branch of the others stay apart.
  type Cell = { text: string; paint: (text: string) => string };
  const plain = (text: string) => text;
  const cell = (ours: string, theirs: string): Cell => {
    if (ours === theirs) return { text: '·', paint: plain };
    const check = checks.find((c) => (c.oursRef === ours && c.theirsRef === theirs) || (c.oursRef === theirs && c.theirsRef === ours));
    if (!check) return { text: '—', paint: plain };
    if (check.status === 'failed') return { text: 'failed', paint: colors.red };
    return check.status === 'clean' ? { text: 'ok', paint: colors.green } : { text: plural(check.conflicts.length, 'file'), paint: colors.red };
  };
  const rows = sessions.map((s) => [...sessions.map((other) => cell(s.ref, other.ref)), cell(s.ref, s.baseBranch)]);
  const width = Math.max(6, ...rows.flat().map((c) => c.text.length)) + 2;
  const pad = (text: string) => text.padEnd(width);
  out.push(`\n       ${sessions.map((_, i) => pad(`[${i + 1}]`)).join('')}base\n`);
  rows.forEach((cells, i) => {
    const shown = cells.map((c, k) => c.paint(k === cells.length - 1 ? c.text : pad(c.text))).join('');
    out.push(`  ${`[${i + 1}]`.padEnd(5)}${shown}\n`);
  });

  const troubled = checks.filter((c) => c.status !== 'clean');
  if (troubled.length === 0) {
    const unread = sessions.filter((s) => s.snapshotProblem !== null).length;
    const caveat = unread === 0 ? '' : ` (${plural(unread, 'work tree')} could not be read: compared by ${unread === 1 ? 'its branch' : 'their branches'} only, without uncommitted work)`;
    out.push(`\n${colors.green('No conflicts')}: every session's work merges cleanly with the others and with its base${caveat}.\n`);
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
