import * as path from 'node:path';
import * as v from 'valibot';
import type * as ConflictEngine from '@parallel-cc/conflict-engine';
import { findCallingSession } from '../session/calling-session';
import { historyDatabase } from '../session/databases';
import type { ToolContext } from '../tool-context';
import { ToolFailure } from '../tool-failure';
import { defineTool } from './define-tool';
import { repoPathField } from './fields';

const PreparedOutput = v.object({
  mode: v.literal('prepared'),
  merge: v.object({
    status: v.pipe(
      v.picklist(['prepared', 'unchanged', 'merged', 'incomplete']),
      v.description('prepared: a new merge commit; unchanged: already prepared; merged: nothing left to merge; incomplete: recorded, the commit waits for fixes of the files in missing.'),
    ),
    branch: v.pipe(v.string(), v.description('The branch the merge commit is kept on.')),
    commit: v.pipe(v.nullable(v.string()), v.description('The merge commit; null while incomplete or merged.')),
    previous: v.pipe(v.nullable(v.string()), v.description('What the branch held before; null when it was created.')),
    files: v.array(v.object({ path: v.string(), fix: v.string() })),
    missing: v.array(v.string()),
  }),
  commands: v.object({
    merge: v.pipe(v.nullable(v.string()), v.description('The shell command that fast-forwards the target branch to the merge commit.')),
    undo: v.pipe(v.nullable(v.string()), v.description('The shell command that takes the merge commit back.')),
  }),
  message: v.string(),
});

const WrittenOutput = v.object({
  mode: v.literal('written'),
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
    repoPathField(
      'Write the fixed file into this checkout instead of preparing a merge commit (absolute, or relative to the server\'s folder): ' +
        'your own worktree, or one no other live session works in.',
    ),
  ),
});

/** `apply_auto_fix`: applies a recorded fix suggestion as a prepared merge commit, or writes it into a checkout. */
export const applyAutoFix = defineTool({
  name: 'apply_auto_fix',
  title: 'Apply a suggested fix',
  description:
    'Applies a suggestion from get_auto_fix_suggestions where git uses it: the merge of its two branches is made as a commit ' +
    'whose files are git\'s merge with the fixed file in place, kept on a branch of its own (parallel-cc/merge/…); no checkout, ' +
    'index or work tree file is touched. commands.merge fast-forwards the target branch to it, commands.undo takes it back. ' +
    'While other files of that merge have no applied fix, the fix is recorded and the commit waits (status incomplete). ' +
    'A fix computed from uncommitted work (no branch holds it) is refused: commit and suggest again, or use worktree_path. ' +
    'With worktree_path, the fixed file is written there instead (only while it still holds the version the fix was computed ' +
    'from, with a backup in the git folder; never where another live session works, nor over another session\'s EXCLUSIVE claim), ' +
    'left uncommitted for you to review and commit.',
  input: Input,
  output: v.variant('mode', [PreparedOutput, WrittenOutput]),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  async run(input, context) {
    const engine = await import('@parallel-cc/conflict-engine');
    const db = historyDatabase(await context.coordinator());
    try {
      if (input.worktree_path === undefined) {
        const { suggestion, merge, oursCheckout } = await engine.prepareStoredMerge(db, { id: input.suggestion_id });
        const { text, commands } = engine.describePreparedMerge(suggestion, merge, oursCheckout);
        return { mode: 'prepared' as const, merge: flatMerge(merge), commands, message: text.join('\n') };
      }
      const worktree = path.resolve(context.cwd, input.worktree_path);
      const suggestion = await engine.findSuggestion(db, input.suggestion_id);
      if (suggestion) await assertYoursToWrite(context, worktree, suggestion.path);
      const { applied, suggestion: stored } = await engine.applyStoredSuggestion(db, { id: input.suggestion_id, worktree });
      if (applied.alreadyApplied) {
        return { mode: 'written' as const, applied, message: `Already applied${stored.appliedAt ? ` at ${stored.appliedAt}` : ''}: ${applied.file} holds this fix; nothing was written.` };
      }
      const message =
        `Wrote the ${stored.strategy} fix of ${applied.path} to ${applied.file}` +
        `${applied.backup ? `; the previous content is kept in ${applied.backup}` : ''}. Review it and commit it.`;
      return { mode: 'written' as const, applied, message };
    } catch (error) {
      throw forModel(engine, error, input.suggestion_id);
    }
  },
  summary: ({ message }) => message,
});

function flatMerge(merge: ConflictEngine.PreparedMerge): v.InferOutput<typeof PreparedOutput>['merge'] {
  const written = merge.status === 'prepared' || merge.status === 'unchanged';
  return {
    status: merge.status,
    branch: merge.branch,
    commit: written ? merge.commit : null,
    previous: written ? merge.previous : null,
    files: merge.status === 'merged' ? [] : merge.files,
    missing: merge.status === 'incomplete' ? merge.missing : [],
  };
}

/**
 * Refuses to write into a checkout where another live session works, or over a file another live
 * session holds EXCLUSIVE: a fix is one file of a merge, and that session's work is not the
 * caller's to change.
 */
async function assertYoursToWrite(context: ToolContext, worktree: string, file: string): Promise<void> {
  const core = await import('@parallel-cc/core-sessions');
  const { db, raw } = await context.coordinator();
  const [caller, owner] = await Promise.all([findCallingSession(context), core.findSessionForPath(db, worktree)]);
  if (owner === undefined) return;
  if (owner.id !== caller?.id) {
    throw new ToolFailure(
      'INVALID_INPUT',
      `${worktree} is where session ${owner.id} works (on ${owner.branch ?? 'a detached HEAD'}): a fix is not written into another session's checkout. ` +
        'Leave out worktree_path to prepare a merge commit instead, or ask that session to apply it.',
    );
  }
  const holders = core.fileHolders(raw, { repoPath: owner.repo_path, filePath: file, excludeId: owner.id, now: context.now() });
  const exclusive = holders.filter((h) => h.state === 'live' && h.claim?.mode === 'EXCLUSIVE');
  if (exclusive.length > 0) {
    throw new ToolFailure(
      'INVALID_INPUT',
      `${file} is claimed EXCLUSIVE by session ${exclusive.map((h) => h.sessionId).join(', ')}: nothing was written. ` +
        'Leave out worktree_path to prepare a merge commit instead, or wait until the claim is released.',
    );
  }
}

// The lib's messages for these name the CLI's options; a model needs the tools' words.
function forModel(engine: typeof ConflictEngine, error: unknown, id: string): unknown {
  if (!(error instanceof engine.ConflictEngineError)) return error;
  if (error.code === 'SUGGESTION_NOT_FOUND') {
    return new engine.ConflictEngineError('SUGGESTION_NOT_FOUND', `No suggestion has the id ${id}: call get_auto_fix_suggestions for current ids.`, error.data);
  }
  if (error.code === 'UNCOMMITTED_WORK') {
    return new engine.ConflictEngineError('UNCOMMITTED_WORK', error.message.replace('--worktree', 'worktree_path'), error.data);
  }
  return error;
}
