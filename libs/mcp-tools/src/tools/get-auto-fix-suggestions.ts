import * as v from 'valibot';
import { branchPair } from '../session/branch-pair';
import { historyDatabase } from '../session/databases';
import { ToolFailure } from '../tool-failure';
import { defineTool } from './define-tool';
import { refField } from './fields';

const Input = v.object({
  branch: v.optional(refField("The branch to merge; default: your session's branch.")),
  target_branch: v.optional(refField("The branch it would be merged into; default: your session's base branch.")),
  use_model: v.optional(
    v.pipe(
      v.boolean('must be true or false'),
      v.description('Also ask a language model (Anthropic, needs ANTHROPIC_API_KEY in the server\'s environment) to resolve CONCURRENT conflicts. Default false.'),
    ),
  ),
});

/** `get_auto_fix_suggestions`: checked whole-file fixes for a merge's conflicts, recorded for apply_auto_fix. */
export const getAutoFixSuggestions = defineTool({
  name: 'get_auto_fix_suggestions',
  title: 'Suggest fixes for conflicts',
  description:
    'Computes whole-file fixes for the conflicts of merging branch (default: your session\'s branch) into target_branch (default: ' +
    'your base branch): TRIVIAL and STRUCTURAL conflicts get rule-based fixes, each checked (code must parse and keep both sides\' ' +
    'declarations) and scored; with use_model, a language model also proposes fixes for CONCURRENT ones. Conflicts with no safe ' +
    'fix come back in unresolved with both versions. Suggestions and conflicts are recorded: apply one with apply_auto_fix and its id; ' +
    'it is written into the checkout of target_branch.',
  input: Input,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async run(input, context) {
    const engine = await import('@parallel-cc/conflict-engine');
    const { plural } = await import('@parallel-cc/core-sessions');
    const model = input.use_model ? engine.anthropicModel({ env: context.env }) : undefined;
    if (model === null) {
      throw new ToolFailure(
        'INVALID_INPUT',
        'use_model needs ANTHROPIC_API_KEY in the MCP server\'s environment, and it is not set; call again without use_model for the rule-based fixes.',
      );
    }
    const { root, branch, target } = await branchPair(context, input, 'get_auto_fix_suggestions');
    const merge = { repo: root, ours: target, theirs: branch };
    const report = await engine.detectConflicts(merge);
    const fixes = await engine.suggestFixes({ ...merge, ...(model ? { model } : {}) });
    const db = historyDatabase(await context.coordinator());
    const now = context.now();
    const conflicts = report.conflicts.flatMap((c) => (c.classification ? [{ path: c.path, classification: c.classification }] : []));
    await engine.recordConflicts(db, { ...merge, conflicts, now });
    await engine.recordSuggestions(db, { ...merge, suggestions: fixes.suggestions, now });
    const suggestions = fixes.suggestions.map((s) => ({
      id: s.id,
      path: s.path,
      class: s.class,
      strategy: s.strategy,
      description: s.description,
      confidence: s.confidence.score,
      content: s.content,
    }));
    const message = report.clean
      ? `${branch} merges cleanly into ${target}: there is nothing to fix.`
      : `${plural(suggestions.length, 'suggestion')} and ${plural(fixes.unresolved.length, 'conflict')} left to resolve by hand. ` +
        `apply_auto_fix with a suggestion's id writes it into the checkout of ${target}.`;
    return { ours: target, theirs: branch, suggestions, unresolved: fixes.unresolved, message };
  },
});
