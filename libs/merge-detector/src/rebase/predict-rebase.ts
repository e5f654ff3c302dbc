import { detectConflicts } from '@parallel-cc/conflict-engine';
import { plural } from '@parallel-cc/core-sessions';
import type { RebaseResult } from './rebase-result';

/**
 * Predicts a rebase of the worktree's HEAD onto `onto` by merging the two in thought
 * (conflict-engine's `git merge-tree`): nothing is written to the worktree, its index or its refs.
 * A rebase replays commit by commit, so it can still stop on an intermediate commit where the
 * merge of the tips is clean; the prediction is of the end result. Only the files git would stop
 * on are `conflictingFiles`; semantic breaks (a declaration one side removed or re-signed that the
 * other still uses) do not stop a rebase, and are named in the message.
 */
export async function predictRebase(worktree: string, onto: string): Promise<RebaseResult> {
  const report = await detectConflicts({ repo: worktree, ours: 'HEAD', theirs: onto });
  const output = report.messages.map((m) => m.text).join('\n');
  const files = [...new Set(report.conflicts.filter((c) => c.kind !== 'semantic').map((c) => c.path))];
  const breaks = report.conflicts.flatMap((c) => (c.semantic ? [`${c.path} (${c.semantic.declaration.name})`] : []));
  const breaking = breaks.length === 0 ? '' : ` Afterwards, code would break where one side still uses what the other removed or re-signed: ${breaks.join(', ')}.`;
  if (files.length === 0) {
    const message = `Rebasing onto ${onto} should go through without conflicts.${breaking}`;
    return { success: true, status: 'would-rebase', conflictingFiles: [], changedFiles: [], output, message };
  }
  return {
    success: false,
    status: 'would-conflict',
    conflictingFiles: files,
    changedFiles: [],
    output,
    message: `Rebasing onto ${onto} would conflict in ${plural(files.length, 'file')}. Nothing was changed.${breaking}`,
  };
}
