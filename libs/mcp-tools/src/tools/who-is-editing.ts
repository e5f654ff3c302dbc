import * as v from 'valibot';
import { repositoryScope } from '../session/repository-scope';
import { defineTool } from './define-tool';
import { filePathField, repoPathField } from './fields';
import { claimModeOutput } from './outputs';
import { listed, shortId } from './summary-text';

const Input = v.object({
  file_path: filePathField('The file: relative to the top of the repository (or of your worktree), or absolute inside it.'),
  repo_path: v.optional(repoPathField("Any folder of the repository; default: the calling session's repository, else the one holding the server's folder.")),
});

const Holder = v.object({
  sessionId: v.string(),
  branch: v.nullable(v.string()),
  you: v.pipe(v.boolean(), v.description('True for your own session.')),
  state: v.pipe(v.picklist(['live', 'kept']), v.description('kept: the session ended and its worktree, holding this change, waits to be merged.')),
  claim: v.nullable(v.object({ mode: claimModeOutput, claimedAt: v.string() })),
  change: v.nullable(
    v.object({
      lines: v.pipe(v.string(), v.description('Changed lines of its version, e.g. "12-18,40".')),
      uncommitted: v.pipe(v.boolean(), v.description('True when some of the change is not committed yet; else it is committed on its branch.')),
      changedAt: v.string(),
    }),
  ),
});

const Output = v.object({ repo: v.string(), filePath: v.string(), sessions: v.array(Holder) });

/** `who_is_editing`: every session holding or changing one file. */
export const whoIsEditing = defineTool({
  name: 'who_is_editing',
  title: 'Who is editing a file',
  description:
    'Tells who works on one file of the repository now: each session that claimed it (EXCLUSIVE, SHARED, INTENT: every edit ' +
    'claims INTENT on its own) or changed it by any means (edits, Bash, git), committed on its branch or uncommitted in its worktree, with the changed lines, ' +
    'and kept worktrees whose work on it waits to be merged. Use it before changing a file other sessions may touch; keep ' +
    'clear of their lines, or claim the file (claim_file) and tell the user.',
  input: Input,
  output: Output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    const core = await import('@parallel-cc/core-sessions');
    const { root, session } = await repositoryScope(context, input.repo_path);
    const worktreePath = session?.repo_path === root ? session.worktree_path : root;
    const filePath = core.normaliseClaimPath({ repoRoot: root, worktreePath, filePath: input.file_path });
    const coordinator = await context.coordinator();
    // Changes made by any means (Bash, git, the user), not only those the edit hooks recorded.
    await core.syncAllSessionChanges(coordinator, { repoPath: root, env: context.env });
    const holders = core.fileHolders(coordinator.raw, { repoPath: root, filePath, now: context.now() });
    return {
      repo: root,
      filePath,
      sessions: holders.map((h) => ({
        sessionId: h.sessionId,
        branch: h.branch,
        you: h.sessionId === session?.id,
        state: h.state,
        claim: h.claim ? { mode: h.claim.mode as 'EXCLUSIVE' | 'SHARED' | 'INTENT', claimedAt: h.claim.claimedAt } : null,
        change: h.change ? { lines: h.change.ranges, uncommitted: h.change.uncommitted, changedAt: h.change.changedAt } : null,
      })),
    };
  },
  summary({ filePath, sessions }) {
    if (sessions.length === 0) return `Nobody else claims or has changed ${filePath}.`;
    const lines = sessions.map((s) => {
      const what = [
        s.change ? `changed lines ${s.change.lines} (${s.change.uncommitted ? 'uncommitted' : 'committed'})` : null,
        s.claim ? `claims it ${s.claim.mode}` : null,
        s.state === 'kept' ? 'kept worktree, waiting to be merged' : null,
      ].filter((x) => x !== null);
      return `${s.you ? 'you' : shortId(s.sessionId)} on ${s.branch ?? 'a detached HEAD'}: ${what.join(', ')}`;
    });
    return `${filePath}: ${listed(lines)}.`;
  },
});
