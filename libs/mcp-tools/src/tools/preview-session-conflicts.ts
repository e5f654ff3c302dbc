import * as v from 'valibot';
import { repositoryScope } from '../session/repository-scope';
import { defineTool } from './define-tool';
import { repoPathField } from './fields';
import { classificationOutput, conflictKindOutput, conflictSourceEntries } from './outputs';
import { listed } from './summary-text';

const Input = v.object({
  repo_path: v.optional(
    repoPathField("Any folder of the repository; default: the calling session's repository, else the one holding the server's folder."),
  ),
});

const Output = v.object({
  repo: v.string(),
  sessions: v.array(
    v.object({
      sessionId: v.string(),
      branch: v.string(),
      baseBranch: v.string(),
      worktreePath: v.string(),
      isMainRepo: v.boolean(),
      state: v.pipe(v.picklist(['live', 'idle', 'kept']), v.description('kept: a dead session whose worktree was kept because it holds work.')),
      ref: v.pipe(v.string(), v.description('What was compared: the branch, or a snapshot commit of the work tree when it holds uncommitted work.')),
      head: v.nullable(v.string()),
      uncommitted: v.pipe(v.array(v.string()), v.description('Paths with uncommitted work in its work tree.')),
      snapshotProblem: v.pipe(v.nullable(v.string()), v.description('Why its work tree could not be read (its branch was compared instead), else null.')),
    }),
  ),
  checks: v.array(
    v.object({
      ours: v.string(),
      theirs: v.string(),
      against: v.pipe(v.picklist(['branch', 'base']), v.description("branch: two sessions' branches; base: a branch (ours) against its base (theirs).")),
      status: v.picklist(['clean', 'conflicts', 'failed']),
      conflicts: v.array(v.object({ path: v.string(), kind: conflictKindOutput, classification: v.nullable(classificationOutput), ...conflictSourceEntries })),
      reason: v.pipe(v.nullable(v.string()), v.description('Why the check failed, else null.')),
      oursRef: v.string(),
      theirsRef: v.string(),
      oursSessionId: v.nullable(v.string()),
      theirsSessionId: v.nullable(v.string()),
      kept: v.pipe(v.boolean(), v.description("Whether one side is the work a dead session left in a kept worktree.")),
    }),
  ),
  skipped: v.array(v.object({ sessionId: v.string(), reason: v.string() })),
  conflicting: v.number(),
  failed: v.number(),
  message: v.string(),
});

/** `preview_session_conflicts`: which live sessions' branches would conflict, before anyone merges. */
export const previewSessionConflicts = defineTool({
  name: 'preview_session_conflicts',
  title: 'Preview conflicts between sessions',
  description:
    'Checks, without touching any checkout, which live sessions of a repository would conflict with each other or with their base ' +
    'branch if their work were merged now: every pair of sessions, and each against its base. A session\'s work is its branch plus ' +
    'the uncommitted work in its work tree (kept worktrees of dead sessions count too); each conflict says whether it comes from ' +
    'committed or uncommitted work. Each conflicting ' +
    'check lists the files with their class (TRIVIAL, STRUCTURAL, CONCURRENT, SEMANTIC) and declarations. Use it early and often ' +
    'while sessions work in parallel: for a pair that conflicts, agree who changes what, claim the files (claim_file), and look ' +
    'closer with detect_advanced_conflicts.',
  input: Input,
  output: Output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    const md = await import('@parallel-cc/merge-detector');
    const { plural } = await import('@parallel-cc/core-sessions');
    const { root } = await repositoryScope(context, input.repo_path);
    const preview = await md.previewSessionConflicts(await context.coordinator(), { repoRoot: root, now: context.now() });
    const checks = preview.checks.map((check) => ({
      ...check,
      conflicts: check.conflicts.map((c) => ({ path: c.path, kind: c.kind, classification: c.classification, source: c.source, uncommittedIn: c.uncommittedIn })),
    }));
    const verdict =
      preview.conflicting === 0
        ? `No conflicts among ${plural(preview.sessions.length, 'live session')}: each merges cleanly with the others and with its base.`
        : `${preview.conflicting} of ${plural(checks.length, 'check')} would conflict: see the checks with status "conflicts".`;
    const failed = preview.failed === 0 ? '' : ` ${plural(preview.failed, 'check')} could not run: see their reason.`;
    const message = verdict + failed;
    return { ...preview, checks, message };
  },
  summary({ checks, message }) {
    const lines = [message];
    for (const check of checks) {
      const pair = (check.against === 'base' ? `${check.ours} against its base ${check.theirs}` : `${check.ours} and ${check.theirs}`) + (check.kept ? ' (kept worktree)' : '');
      if (check.status === 'conflicts') {
        const files = check.conflicts.map((c) => `${c.path} (${c.classification?.class ?? c.kind}${c.source === 'uncommitted' ? ', uncommitted work' : ''})`);
        lines.push(`- ${pair}: ${listed(files, 10)}`);
      } else if (check.status === 'failed') lines.push(`- ${pair}: could not run: ${check.reason ?? 'no reason given'}`);
    }
    return lines.join('\n');
  },
});
