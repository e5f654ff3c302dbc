import * as path from 'node:path';
import * as v from 'valibot';
import type * as ConflictEngine from '@parallel-cc/conflict-engine';
import { historyDatabase } from '../session/databases';
import { defineTool } from './define-tool';
import { repoPathField } from './fields';

const Output = v.object({
  applied: v.object({
    suggestionId: v.string(),
    path: v.string(),
    file: v.pipe(v.string(), v.description('The file written, as an absolute path.')),
    backup: v.pipe(v.nullable(v.string()), v.description('The copy of the previous content; null when the file did not exist.')),
    before: v.nullable(v.string()),
    after: v.string(),
    created: v.boolean(),
    alreadyApplied: v.pipe(v.boolean(), v.description('True when the file already held the fix: nothing was written.')),
  }),
  message: v.string(),
});

const Input = v.object({
  suggestion_id: v.pipe(
    v.string('must be a suggestion id (a string)'),
    v.regex(/^[0-9A-Za-z][0-9A-Za-z_-]{0,127}$/, 'must be a suggestion id such as 3f9a0c12be47, as get_auto_fix_suggestions returns it'),
    v.description('The id of a suggestion from get_auto_fix_suggestions.'),
  ),
  worktree_path: v.optional(
    repoPathField('The checkout to write in (absolute, or relative to the server\'s folder); default: where the suggestion\'s target branch is checked out.'),
  ),
});

/** `apply_auto_fix`: writes a recorded fix suggestion into a checkout. */
export const applyAutoFix = defineTool({
  name: 'apply_auto_fix',
  title: 'Apply a suggested fix',
  description:
    'Writes a suggestion from get_auto_fix_suggestions into the checkout where its target branch is checked out (or worktree_path), ' +
    'replacing the whole file. It writes only while the file still holds the version the suggestion was computed from (else ' +
    'FILE_CHANGED: get fresh suggestions), keeps a backup of the previous content in the git folder and records the fix as ' +
    'applied. The change is left uncommitted: review it (git diff), then commit.',
  input: Input,
  output: Output,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  async run(input, context) {
    const engine = await import('@parallel-cc/conflict-engine');
    const worktree = input.worktree_path === undefined ? undefined : path.resolve(context.cwd, input.worktree_path);
    const db = historyDatabase(await context.coordinator());
    try {
      const { applied, suggestion } = await engine.applyStoredSuggestion(db, { id: input.suggestion_id, worktree });
      if (applied.alreadyApplied) return { applied, message: `Already applied${suggestion.appliedAt ? ` at ${suggestion.appliedAt}` : ''}: ${applied.file} holds this fix; nothing was written.` };
      const message =
        `Wrote the ${suggestion.strategy} fix of ${applied.path} to ${applied.file}` +
        `${applied.backup ? `; the previous content is kept in ${applied.backup}` : ''}. Review it and commit it.`;
      return { applied, message };
    } catch (error) {
      throw forModel(engine, error, input.suggestion_id);
    }
  },
  summary: ({ message }) => message,
});

// The lib's messages for these two name the CLI's options; a model needs the tools' words.
function forModel(engine: typeof ConflictEngine, error: unknown, id: string): unknown {
  if (!(error instanceof engine.ConflictEngineError)) return error;
  if (error.code === 'SUGGESTION_NOT_FOUND') {
    return new engine.ConflictEngineError('SUGGESTION_NOT_FOUND', `No suggestion has the id ${id}: call get_auto_fix_suggestions for current ids.`, error.data);
  }
  if (error.code === 'NO_WORKTREE') {
    const { ours, repo } = error.data as { ours?: string; repo?: string };
    const message = `${ours} is not checked out in any worktree of ${repo}: check it out, or give worktree_path, the folder to write in.`;
    return new engine.ConflictEngineError('NO_WORKTREE', message, error.data);
  }
  return error;
}
