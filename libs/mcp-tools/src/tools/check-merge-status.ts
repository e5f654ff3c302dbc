import * as v from 'valibot';
import { repositoryScope } from '../session/repository-scope';
import { defineTool } from './define-tool';
import { refField } from './fields';
import { mergeEventOutput } from './outputs';

const Input = v.object({
  branch: refField('The branch to check, e.g. a session branch such as "parallel-cc/1a2b3c4d".'),
  target_branch: v.optional(
    refField('The branch it should have been merged into; default: the base branch of the session working on it, else the main checkout\'s branch.'),
  ),
});

const Output = v.object({
  isMerged: v.boolean(),
  how: v.pipe(v.nullable(v.string()), v.description('ancestor (merge commit or fast-forward), squash or rebase; null when not merged.')),
  targetBranch: v.string(),
  mergeEvent: v.nullable(mergeEventOutput),
  message: v.string(),
});

const HOW: Record<string, string> = {
  ancestor: 'by a merge commit or a fast-forward',
  squash: 'by a squash merge',
  rebase: 'by a rebase (or cherry-picks)',
};

/** `check_merge_status`: whether a branch is merged into its target, now. */
export const checkMergeStatus = defineTool({
  name: 'check_merge_status',
  title: 'Is a branch merged?',
  description:
    'Checks whether a branch of the calling session\'s repository (else the one holding the server\'s folder) is already merged ' +
    'into a target branch: merge commits, fast-forwards, squash merges and rebase merges all count. Use it before building ' +
    'on another session\'s work, or to learn whether your own branch has landed. When it is merged, rebase onto the target ' +
    '(rebase_assist) or finish; when not, notify_when_merged tells you once it is.',
  input: Input,
  output: Output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    const md = await import('@parallel-cc/merge-detector');
    const { root } = await repositoryScope(context, undefined, false);
    const coordinator = await context.coordinator();
    const status = await md.checkMergeStatus(coordinator, { repo: root, branch: input.branch, target: input.target_branch });
    const message = status.merged
      ? `${input.branch} is merged into ${status.targetBranch}${status.how ? ` ${HOW[status.how] ?? `(${status.how})`}` : ''}.`
      : `${input.branch} is not merged into ${status.targetBranch} yet; notify_when_merged tells you when it is.`;
    return { isMerged: status.merged, how: status.how, targetBranch: status.targetBranch, mergeEvent: status.event ?? null, message };
  },
  summary: ({ message }) => message,
});
