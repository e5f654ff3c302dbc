import * as v from 'valibot';

// Output schemas shared by the tools: the JSON the libs return, as the tools' outputSchema
// declares it. Only valibot is imported here, so that listing the tools loads nothing else.

const text = v.string();
const time = v.string();
const count = v.number();

/** A session as core-sessions' `SessionInfo` shows it. */
export const sessionOutput = v.object({
  sessionId: text,
  pid: count,
  agentPid: v.nullable(count),
  repoPath: text,
  worktreePath: text,
  worktreeName: v.nullable(text),
  branch: v.nullable(text),
  baseBranch: text,
  isMainRepo: v.boolean(),
  state: v.picklist(['live', 'idle', 'stale', 'kept']),
  keptReason: v.nullable(text),
  problem: v.nullable(v.picklist(['repository-gone', 'worktree-missing', 'worktree-unlinked', 'branch-missing'])),
  claudeSessionId: v.nullable(text),
  origin: v.pipe(
    v.picklist(['wrapper', 'claude-worktree', 'subagent', 'adopted', 'sandbox']),
    v.description('How the session started: wrapper (claude-parallel or run), claude-worktree (claude -w), subagent, adopted (a Claude session registered where it was) or sandbox.'),
  ),
  parentSessionId: v.pipe(v.nullable(text), v.description('The session that started this one (a subagent\'s parent), or null.')),
  sharesPlaceWith: v.pipe(
    v.nullable(text),
    v.description('For a session started where another one already worked (a plain claude in a busy checkout): that session, whose place it shares and does not own. Null otherwise.'),
  ),
  ports: v.pipe(v.nullable(v.object({ first: count, last: count })), v.description('The session\'s block of ports (its PORT is the first), or null.')),
  createdAt: time,
  lastHeartbeat: time,
});

/** The files a session has changed (its work in progress), as core-sessions' `changedFilesOf` gives them. */
export const filesInProgressOutput = {
  filesInProgress: v.pipe(count, v.description('How many files the session has changed since its branch left its base, committed or not: as its edits recorded them, and as the watcher (each round) or who_is_editing last read its place.')),
  changedFiles: v.pipe(
    v.array(v.object({ filePath: text, lines: text, uncommitted: v.boolean(), updatedAt: time })),
    v.description('Those files, most recently edited first (at most 20), with the changed lines of its version, e.g. "12-18,40".'),
  ),
};

/** A claim mode. */
export const claimModeOutput = v.picklist(['EXCLUSIVE', 'SHARED', 'INTENT']);

/** A file claim as core-sessions' `FileClaim` shows it. */
export const fileClaimOutput = v.object({
  claimId: text,
  sessionId: text,
  repoPath: text,
  filePath: text,
  mode: claimModeOutput,
  ttlSeconds: count,
  claimedAt: time,
  expiresAt: time,
});

/** A recorded merge as merge-detector's `MergeEvent` shows it. */
export const mergeEventOutput = v.object({
  id: text,
  repoPath: text,
  branch: text,
  sourceCommit: text,
  targetBranch: text,
  targetCommit: text,
  how: v.picklist(['ancestor', 'squash', 'rebase']),
  detectedAt: time,
  mergedAt: v.nullable(time),
});

/** A conflict class, from mildest to hardest. */
export const conflictClassOutput = v.picklist(['TRIVIAL', 'STRUCTURAL', 'CONCURRENT', 'SEMANTIC']);

/** A conflict's severity. */
export const severityOutput = v.picklist(['low', 'medium', 'high', 'critical']);

/** How git names a conflict. */
export const conflictKindOutput = v.picklist(['content', 'add/add', 'modify/delete', 'rename', 'other', 'semantic']);

/** conflict-engine's classification of one conflicted file. */
export const classificationOutput = v.object({
  class: conflictClassOutput,
  severity: severityOutput,
  declarations: v.array(text),
  reason: text,
  analysis: v.picklist(['ast', 'text']),
  parseFailure: v.optional(v.object({ side: v.picklist(['base', 'ours', 'theirs']), message: text })),
});

/** One conflicted file in brief (see conflict-views' `ConflictBrief`). */
export const conflictBriefEntries = {
  path: text,
  kind: conflictKindOutput,
  class: v.nullable(conflictClassOutput),
  severity: v.nullable(severityOutput),
  declarations: v.array(text),
  reason: text,
};

/** Where a conflict comes from, as the conflict previews give it. */
export const conflictSourceEntries = {
  source: v.pipe(
    v.picklist(['committed', 'uncommitted']),
    v.description('committed: the branches as committed already conflict here; uncommitted: only work not committed yet (in a work tree) makes them conflict.'),
  ),
  uncommittedIn: v.pipe(v.array(v.picklist(['ours', 'theirs'])), v.description('The sides whose work tree holds uncommitted work on this path.')),
};
