import * as path from 'node:path';
import type { Database as Sqlite } from 'better-sqlite3';
import { normaliseClaimPath } from '../claims/claim-path';
import { describeLineRanges } from '../changes/line-ranges';
import { isSessionAlive } from '../liveness/session-state';
import { editNeighbours, guardSessionRows, notifyOnce, placeOfPath } from './edit-neighbours';
import type { GuardSessionRow, NeighbourRow } from './edit-neighbours';
import { readGuardMode } from './guard-mode';
import type { GuardMode } from './guard-mode';

/** What is about to be edited, as Claude Code's PreToolUse input (or an `mcp_tool` hook) names it. */
export interface EditAttempt {
  /** `tool_input.file_path` (or `notebook_path`): absolute, or relative to `cwd`. */
  filePath: string;
  cwd?: string;
  /** Claude Code's `session_id`. */
  claudeSessionId?: string;
  /** `PARALLEL_CC_SESSION_ID`, when the wrapper started the agent. */
  sessionId?: string;
}

/** Another session's hold on the file being edited. */
export interface EditNeighbour {
  sessionId: string;
  branch: string | null;
  /** `kept`: its session ended and its worktree, holding this change, waits to be merged. */
  state: 'live' | 'kept';
  claim: { mode: string; claimedAt: string } | null;
  change: { ranges: string; uncommitted: boolean; changedAt: string } | null;
}

/** The guard's answer: deny the edit, let it through with a warning, or say nothing. */
export interface EditVerdict {
  action: 'deny' | 'warn' | 'none';
  /** Repository-relative, when the file is in a known place. */
  filePath: string | null;
  /** Why the edit is denied (shown to the model), or what to know before editing. */
  text: string;
  neighbours: EditNeighbour[];
}

const NOTHING: EditVerdict = { action: 'none', filePath: null, text: '', neighbours: [] };

/**
 * Checks an edit against every other session of the repository: an EXCLUSIVE claim of another
 * live session denies it (and tells the holder); another session's change or INTENT/SHARED claim
 * warns (and tells that session); `git config parallel-cc.guard` may turn either into the other
 * or off. One indexed query on the raw database and no git process: it runs before every edit.
 * Throws on a bad path (outside the repository, through a symbolic link out of it, too long).
 */
export function checkEdit(raw: Sqlite, attempt: EditAttempt, options: { env?: NodeJS.ProcessEnv; now?: Date } = {}): EditVerdict {
  const now = options.now ?? new Date();
  const base = attempt.cwd ?? '/';
  if (!attempt.filePath || (!path.isAbsolute(attempt.filePath) && !attempt.cwd)) return NOTHING;
  const absolute = path.resolve(base, attempt.filePath);
  const rows = guardSessionRows(raw);
  const place = placeOfPath(rows, absolute);
  if (!place) return NOTHING;
  const filePath = normaliseClaimPath({ repoRoot: place.repo_path, worktreePath: place.worktree_path, filePath: absolute });
  const self = callingSession(rows, attempt);
  const found = editNeighbours(raw, { repoPath: place.repo_path, filePath, selfId: self?.id ?? null, now });
  const neighbours = found.flatMap((row) => toNeighbour(row));
  if (neighbours.length === 0) return { ...NOTHING, filePath };
  const mode = readGuardMode(place.repo_path, options.env);
  const verdict = decide(mode, filePath, neighbours, now);
  if (verdict.action !== 'none') tellNeighbours(raw, verdict, self, attempt, now);
  return verdict;
}

/**
 * Every session holding `filePath` of `repoPath` now (an unexpired claim of a live session, or a
 * change of a live or kept one), `excludeId` left out: what `who_is_editing` lists.
 */
export function fileHolders(raw: Sqlite, options: { repoPath: string; filePath: string; excludeId?: string | null; now?: Date }): EditNeighbour[] {
  const now = options.now ?? new Date();
  return editNeighbours(raw, { repoPath: options.repoPath, filePath: options.filePath, selfId: options.excludeId ?? null, now }).flatMap(toNeighbour);
}

/** The caller: the wrapper's session, else the one Claude's session id is attached to, else the live one whose place holds `cwd`. */
function callingSession(rows: GuardSessionRow[], attempt: EditAttempt): GuardSessionRow | undefined {
  const active = rows.filter((r) => r.status !== 'kept');
  const byId = attempt.sessionId ? active.find((r) => r.id === attempt.sessionId && isSessionAlive(r)) : undefined;
  if (byId) return byId;
  const byClaude = attempt.claudeSessionId ? active.find((r) => r.claude_session_id === attempt.claudeSessionId && isSessionAlive(r)) : undefined;
  if (byClaude) return byClaude;
  const here = attempt.cwd ? placeOfPath(active.filter(isSessionAlive), path.resolve(attempt.cwd)) : undefined;
  return here;
}

// A dead session's hold counts for nothing, unless its worktree was kept: that work still waits to be merged.
function toNeighbour(row: NeighbourRow): EditNeighbour[] {
  const kept = row.status === 'kept';
  if (!kept && !isSessionAlive(row)) return [];
  const claim = !kept && row.mode && row.claimed_at ? { mode: row.mode, claimedAt: row.claimed_at } : null;
  const change = row.ranges !== null && row.changed_at ? { ranges: row.ranges, uncommitted: row.uncommitted === 1, changedAt: row.changed_at } : null;
  if (!claim && !change) return [];
  return [{ sessionId: row.id, branch: row.branch, state: kept ? 'kept' : 'live', claim, change }];
}

function decide(mode: GuardMode, filePath: string, neighbours: EditNeighbour[], now: Date): EditVerdict {
  if (mode === 'off') return { action: 'none', filePath, text: '', neighbours };
  const exclusive = neighbours.filter((n) => n.claim?.mode === 'EXCLUSIVE');
  if (exclusive.length > 0 && mode !== 'warn') {
    const holders = exclusive.map((n) => `session ${label(n)}, claimed ${age(n.claim!.claimedAt, now)} ago`).join('; ');
    const text =
      `parallel-cc: ${filePath} is held EXCLUSIVE by ${holders}. Do not edit it now. That session has been told you want it; ` +
      'ask it to release the file (it runs release_file, or `parallel-cc claims release` in a shell), work on other files meanwhile, ' +
      `or ask the user. list_file_claims or who_is_editing shows who holds what.${others(neighbours, exclusive, now)}`;
    return { action: 'deny', filePath, text, neighbours };
  }
  const lines = neighbours.map((n) => `- session ${label(n)}: ${holding(n, now)}`);
  const what = mode === 'deny' ? 'deny' : 'warn';
  const head =
    what === 'deny'
      ? `parallel-cc: ${filePath} is being changed by another session (git config parallel-cc.guard is deny). Do not edit it now; ask the user, or work on other files:`
      : `parallel-cc: other sessions are working on ${filePath}; keep your change clear of their lines where you can, and tell the user if your work must overlap theirs (they have been told too):`;
  return { action: what, filePath, text: [head, ...lines].join('\n'), neighbours };
}

function others(all: EditNeighbour[], shown: EditNeighbour[], now: Date): string {
  const rest = all.filter((n) => !shown.includes(n));
  return rest.length === 0 ? '' : ` Also: ${rest.map((n) => `session ${label(n)} ${holding(n, now)}`).join('; ')}.`;
}

function holding(n: EditNeighbour, now: Date): string {
  const parts: string[] = [];
  if (n.change) parts.push(`changed ${describeLineRanges(n.change.ranges)} (${n.change.uncommitted ? 'uncommitted' : 'committed on its branch'})`);
  if (n.claim) parts.push(`holds it ${n.claim.mode} since ${age(n.claim.claimedAt, now)} ago`);
  if (n.state === 'kept') parts.push('its session ended and its worktree was kept, so this work still waits to be merged');
  return parts.join('; ');
}

function label(n: Pick<EditNeighbour, 'sessionId' | 'branch'>): string {
  return `${n.sessionId.slice(0, 8)} (${n.branch ?? 'detached HEAD'})`;
}

/** `3 minutes`, `2 hours`, `less than a minute`. */
function age(since: string, now: Date): string {
  const minutes = Math.floor((now.getTime() - Date.parse(since)) / 60_000);
  if (!(minutes >= 1)) return 'less than a minute';
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} hours` : `${Math.floor(hours / 24)} days`;
}

// Each live neighbour hears of it at its next hook call; a pending identical notice is not repeated.
function tellNeighbours(raw: Sqlite, verdict: EditVerdict, self: GuardSessionRow | undefined, attempt: EditAttempt, now: Date): void {
  const who = self ? `Session ${self.id.slice(0, 8)} (${self.branch ?? 'detached HEAD'})` : `A Claude Code session in ${attempt.cwd ?? 'another folder'} (not registered)`;
  const file = verdict.filePath ?? attempt.filePath;
  for (const n of verdict.neighbours) {
    if (n.state !== 'live') continue;
    const exclusive = n.claim?.mode === 'EXCLUSIVE';
    const text = exclusive
      ? `${who} wants to edit ${file}, which you hold EXCLUSIVE${verdict.action === 'deny' ? ', and was stopped' : ''}; when you are done with it, release it with release_file or \`parallel-cc claims release ${file}\`.`
      : `${who} is editing ${file}, which you ${n.change ? `changed (${describeLineRanges(n.change.ranges)})` : `hold ${n.claim?.mode ?? ''}`}; your changes may collide at merge time: keep to your lines, and check with check_conflicts before merging.`;
    notifyOnce(raw, { sessionId: n.sessionId, kind: exclusive ? 'claim-conflict' : 'edit-collision', text, now });
  }
}
