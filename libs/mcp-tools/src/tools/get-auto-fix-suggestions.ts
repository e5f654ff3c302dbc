import * as v from 'valibot';
import { branchPair } from '../session/branch-pair';
import { historyDatabase } from '../session/databases';
import { ToolFailure } from '../tool-failure';
import { defineTool } from './define-tool';
import { refField } from './fields';
import { conflictClassOutput } from './outputs';
import { listed } from './summary-text';

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

const Output = v.object({
  ours: v.pipe(v.string(), v.description('The target branch, where a fix is written.')),
  theirs: v.pipe(v.string(), v.description('The branch merged into it.')),
  suggestions: v.array(
    v.object({
      id: v.pipe(v.string(), v.description('Give it to apply_auto_fix.')),
      path: v.string(),
      class: conflictClassOutput,
      strategy: v.picklist(['whitespace', 'import-order', 'take-ours', 'take-theirs', 'union', 'model']),
      description: v.string(),
      confidence: v.pipe(v.number(), v.description('0 to 1.')),
      content: v.pipe(v.string(), v.description('The whole resolved file.')),
    }),
  ),
  unresolved: v.array(
    v.object({ path: v.string(), class: conflictClassOutput, reason: v.string(), ours: v.nullable(v.string()), theirs: v.nullable(v.string()) }),
  ),
  message: v.string(),
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
  output: Output,
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
    const history = historyDatabase(await context.coordinator());
    const fixes = await engine.suggestAndRecord({ repo: root, ours: target, theirs: branch, history, now: context.now(), ...(model ? { model } : {}) });
    const suggestions = fixes.suggestions.map((s) => ({
      id: s.id,
      path: s.path,
      class: s.class,
      strategy: s.strategy,
      description: s.description,
      confidence: s.confidence.score,
      content: s.content,
    }));
    const message = fixes.report.clean
      ? `${branch} merges cleanly into ${target}: there is nothing to fix.`
      : `${plural(suggestions.length, 'suggestion')} and ${plural(fixes.unresolved.length, 'conflict')} left to resolve by hand. ` +
        `apply_auto_fix with a suggestion's id writes it into the checkout of ${target}.`;
    return { ours: target, theirs: branch, suggestions, unresolved: fixes.unresolved, message };
  },
  summary({ suggestions, unresolved, message }) {
    const lines = [message];
    if (suggestions.length > 0) {
      const each = suggestions.map((s) => `${s.id}: ${s.path} (${s.class}, ${s.strategy}, confidence ${s.confidence.toFixed(2)}): ${s.description}`);
      lines.push(`Suggestions (the files' content is in structuredContent): ${listed(each)}.`);
    }
    if (unresolved.length > 0) lines.push(`To resolve by hand: ${listed(unresolved.map((u) => `${u.path} (${u.class}): ${u.reason}`))}.`);
    return lines.join('\n');
  },
});
