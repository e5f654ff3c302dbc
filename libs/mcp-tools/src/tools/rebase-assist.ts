import * as v from 'valibot';
import { requireCallingSession } from '../session/calling-session';
import { defineTool } from './define-tool';
import { refField } from './fields';
import { listed } from './summary-text';

const Input = v.object({
  target_branch: v.optional(refField('The branch to rebase onto; default: your session\'s base branch.')),
  check_only: v.optional(
    v.pipe(v.boolean('must be true or false'), v.description('Only predict whether the rebase would conflict; nothing changes. Default false.')),
  ),
});

const Output = v.object({
  success: v.boolean(),
  status: v.picklist(['rebased', 'up-to-date', 'conflicts', 'dirty', 'would-conflict', 'would-rebase']),
  conflictingFiles: v.array(v.string()),
  changedFiles: v.array(v.string()),
  output: v.pipe(v.string(), v.description('What git printed.')),
  message: v.string(),
});

/** `rebase_assist`: rebases the calling session's branch onto its base (or predicts it). */
export const rebaseAssist = defineTool({
  name: 'rebase_assist',
  title: 'Rebase my branch',
  description:
    'Rebases your session\'s branch, in your worktree, onto target_branch (default: your base branch), so that your work sits on ' +
    'top of what others merged. With check_only it only predicts (status would-rebase, would-conflict, up-to-date, or dirty when uncommitted changes would refuse it) and changes ' +
    'nothing: do that first. A real rebase refuses uncommitted changes (status dirty: commit first); on conflicts it stops with the ' +
    'conflicting files listed (status conflicts): resolve them, git add them and run git rebase --continue, or git rebase --abort.',
  input: Input,
  output: Output,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  async run(input, context) {
    const md = await import('@parallel-cc/merge-detector');
    const session = await requireCallingSession(context, 'rebase_assist');
    const result = await md.rebaseAssist({
      worktree: session.worktree_path,
      onto: input.target_branch ?? session.base_branch,
      checkOnly: input.check_only ?? false,
      onConflict: 'stop',
      env: context.env,
    });
    return { ...result };
  },
  summary({ message, conflictingFiles }) {
    return conflictingFiles.length === 0 ? message : `${message}\nConflicting files: ${listed(conflictingFiles, 50)}.`;
  },
});
