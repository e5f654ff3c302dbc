import * as path from 'node:path';
import type { LiveSession, LiveState, TimelineEntry } from '@parallel-cc/live-state';
import type { colorsFor } from './colors';
import { ago } from './time';
import { watchMatrixLines } from './watch-matrix';

type Colors = ReturnType<typeof colorsFor>;

/** core-sessions' `plural` (passed in: the lib is loaded lazily, never by a static import). */
type Plural = (count: number, noun: string) => string;

/** What `status --watch` draws: each repository's sessions, numbered, and its collision grid; then the latest merges and notices. */
export function watchScreenLines(state: LiveState, colors: Colors, plural: Plural, now: Date = new Date()): string[] {
  if (state.repositories.length === 0) return ['No sessions are registered.'];
  const lines: string[] = [];
  for (const repo of state.repositories) {
    const conflicting = repo.matrix?.conflicting ?? 0;
    const summary = [plural(repo.sessions.length, 'session'), ...(conflicting > 0 ? [colors.red(plural(conflicting, 'colliding pair'))] : [])];
    lines.push(`${colors.bold(repo.repoPath)}  (${summary.join(', ')})`);
    const numbers = new Map(repo.sessions.map((s, i) => [s.sessionId, i + 1]));
    repo.sessions.forEach((s, i) => lines.push(sessionLine(s, i + 1, colors, plural, now)));
    if (repo.matrix) lines.push(...watchMatrixLines(repo.matrix, (id) => numbers.get(id) ?? 0, colors));
    lines.push('');
  }
  const recent = state.timeline.slice(0, 5);
  if (recent.length > 0) lines.push(colors.bold('Recent'), ...recent.map((e) => `  ${timelineLine(e, now)}`));
  return lines;
}

function sessionLine(s: LiveSession, n: number, colors: Colors, plural: Plural, now: Date): string {
  const where = s.isMainRepo ? 'main checkout' : path.basename(s.worktreePath);
  const state = s.state === 'live' ? colors.green(s.state) : s.state === 'idle' ? colors.yellow(s.state) : colors.red(s.state);
  const work = [
    ...(s.filesInProgressTotal > 0 ? [plural(s.filesInProgressTotal, 'file')] : []),
    ...(s.claims.length > 0 ? [plural(s.claims.length, 'claim')] : []),
    ...(s.sharesPlaceWith ? [`shares ${s.sharesPlaceWith.slice(0, 8)}`] : []),
  ];
  const base = s.branch === s.baseBranch ? '' : ` from ${s.baseBranch}`;
  return `  [${n}] ${s.sessionId.slice(0, 8)}  ${state}  ${s.branch ?? '(detached)'}${base}  ${where}  ${s.origin}  ${ago(s.lastHeartbeat, now)} ago${work.length > 0 ? `  ${work.join(', ')}` : ''}`;
}

function timelineLine(entry: TimelineEntry, now: Date): string {
  if (entry.type === 'merge') {
    const { branch, targetBranch, how } = entry.merge;
    return `${ago(entry.at, now)} ago  merged ${branch} into ${targetBranch} (${how})`;
  }
  const { sessionId, kind, text } = entry.notification;
  return `${ago(entry.at, now)} ago  ${kind} for ${sessionId.slice(0, 8)}: ${text.split('\n')[0]}`;
}
