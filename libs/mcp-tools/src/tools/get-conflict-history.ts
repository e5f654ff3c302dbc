import * as v from 'valibot';
import { historyDatabase } from '../session/databases';
import { optionalRepositoryScope } from '../session/repository-scope';
import { defineTool } from './define-tool';
import { filePathField, limitField, repoPathField } from './fields';
import { conflictClassOutput, severityOutput } from './outputs';
import { listed, plural } from './summary-text';

const Output = v.object({
  entries: v.array(
    v.object({
      id: v.string(),
      repo: v.string(),
      ours: v.string(),
      theirs: v.string(),
      path: v.string(),
      class: conflictClassOutput,
      severity: severityOutput,
      reason: v.string(),
      detectedAt: v.string(),
      resolution: v.nullable(v.picklist(['auto-fix', 'manual'])),
      strategy: v.nullable(v.string()),
      suggestionId: v.nullable(v.string()),
      resolvedAt: v.nullable(v.string()),
    }),
  ),
  total: v.number(),
});

const Input = v.object({
  repo_path: v.optional(
    repoPathField("Any folder of the repository; default: the calling session's repository, else the one holding the server's folder."),
  ),
  file_path: v.optional(filePathField('Only conflicts of this file, relative to the top of the repository (e.g. src/app.ts).')),
  limit: v.optional(limitField(1000, 'At most this many entries, newest first (1 to 1000; default 50).')),
});

/** `get_conflict_history`: recorded conflicts and how they were resolved. */
export const getConflictHistory = defineTool({
  name: 'get_conflict_history',
  title: 'Conflict history',
  description:
    'Lists the conflicts parallel-cc has recorded (by get_auto_fix_suggestions and `parallel-cc conflicts suggest`), newest ' +
    'first: which file, between which refs, its class and reason, and how it was resolved (an applied fix and its strategy) or ' +
    'null while unresolved. Use it to see which files keep conflicting between sessions, and claim those (claim_file) early.',
  input: Input,
  output: Output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    const { conflictHistory } = await import('@parallel-cc/conflict-engine');
    const { root } = await optionalRepositoryScope(context, input.repo_path);
    const db = historyDatabase(await context.coordinator());
    const entries = await conflictHistory(db, { repo: root, path: input.file_path, limit: input.limit ?? 50 });
    return { entries, total: entries.length };
  },
  summary({ entries }) {
    if (entries.length === 0) return 'No conflicts are recorded.';
    const lines = entries.map((e) => {
      const how = e.resolution === null ? 'unresolved' : `resolved (${e.resolution}${e.strategy ? `, ${e.strategy}` : ''})`;
      return `${e.path} merging ${e.theirs} into ${e.ours} (${e.class}, ${how})`;
    });
    return `${plural(entries.length, 'recorded conflict')}, newest first: ${listed(lines, 10)}.`;
  },
});
