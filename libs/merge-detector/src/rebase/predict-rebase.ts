import { detectConflicts } from '@parallel-cc/conflict-engine';
import { plural } from '@parallel-cc/core-sessions';
import type { RebaseResult } from './rebase-result';
import { MAX_REPLAYED, replayCommits } from './replay-commits';

/**
 * Predicts a rebase of the worktree's HEAD onto `onto` by merging the two in thought
 * (conflict-engine's `git merge-tree`): nothing is written to the worktree, its index or its refs.
 * A rebase replays commit by commit, so it can stop on an intermediate commit where the merge of
 * the tips is clean: when the tips merge cleanly, the commits are replayed too (see
 * {@link replayCommits}), and the first one that would stop is named. Only the files git would
 * stop on are `conflictingFiles`; semantic breaks (a declaration one side removed or re-signed
 * that the other still uses) do not stop a rebase, and are named in the message.
 */
export async function predictRebase(worktree: string, onto: string): Promise<RebaseResult> {
  const report = await detectConflicts({ repo: worktree, ours: 'HEAD', theirs: onto });
  const output = report.messages.map((m) => m.text).join('\n');
  const files = [...new Set(report.conflicts.filter((c) => c.kind !== 'semantic').map((c) => c.path))];
  const breaks = report.conflicts.flatMap((c) => (c.semantic ? [`${c.path} (${c.semantic.declaration.name})`] : []));
  const breaking = breaks.length === 0 ? '' : ` Afterwards, code would break where one side still uses what the other removed or re-signed: ${breaks.join(', ')}.`;
  if (files.length === 0) {
    const stop = await replayCommits(worktree, onto);
    if (stop !== null && stop !== 'skipped') {
      const at = `${stop.commit.slice(0, 12)} (${stop.subject})`;
      const message =
        `Rebasing onto ${onto} would stop at commit ${at} with conflicts in ${plural(stop.files.length, 'file')}: ${stop.files.join(', ')}, ` +
        `although the end result merges cleanly (a later commit of the branch undoes what conflicts). Nothing was changed.${breaking}`;
      return { success: false, status: 'would-conflict', conflictingFiles: stop.files, changedFiles: [], output, message };
    }
    const unsure = stop === 'skipped' ? ` (the end result; its commits, more than ${MAX_REPLAYED} or a root commit among them, were not replayed one by one)` : '';
    const message = `Rebasing onto ${onto} should go through without conflicts${unsure}.${breaking}`;
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
