import * as v from 'valibot';
import { optionalRepositoryScope } from '../session/repository-scope';
import { defineTool } from './define-tool';
import { limitField, repoPathField } from './fields';
import { mergeEventOutput } from './outputs';
import { listed, plural } from './summary-text';

const Output = v.object({ events: v.array(mergeEventOutput), total: v.number() });

const Input = v.object({
  repo_path: v.optional(
    repoPathField("Any folder of the repository; default: the calling session's repository, else the one holding the server's folder."),
  ),
  limit: v.optional(limitField(1000, 'At most this many events, newest first (1 to 1000; default 50).')),
});

/** `get_merge_events`: the merges parallel-cc has recorded in a repository. */
export const getMergeEvents = defineTool({
  name: 'get_merge_events',
  title: 'Recorded merges',
  description:
    'Lists the merges parallel-cc has recorded in a repository, newest first: which branch tip reached which target, how ' +
    '(ancestor: merge commit or fast-forward; squash; rebase) and when. Use it to see what has landed recently, e.g. before ' +
    'rebasing (rebase_assist). Merges are recorded by the parallel-cc watcher; a merge it has not polled yet is not listed, ' +
    'but check_merge_status sees it.',
  input: Input,
  output: Output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    const { listMergeEvents } = await import('@parallel-cc/merge-detector');
    const { root } = await optionalRepositoryScope(context, input.repo_path);
    const coordinator = await context.coordinator();
    const events = await listMergeEvents(coordinator, { repo: root, limit: input.limit ?? 50 });
    return { events, total: events.length };
  },
  summary({ events }) {
    if (events.length === 0) return 'No merges are recorded.';
    const lines = events.map((e) => `${e.branch} into ${e.targetBranch} (${e.how}, ${e.mergedAt ?? e.detectedAt})`);
    return `${plural(events.length, 'merge')} recorded, newest first: ${listed(lines, 10)}.`;
  },
});
