import { commandLine } from '@parallel-cc/git';
import type { StoredSuggestion } from '../history/stored-suggestion';
import type { PreparedMerge } from './prepare-merge';

/** The git commands that use or take back a prepared merge (null when there is none), ready to paste into a shell. */
export interface MergeCommands {
  merge: string | null;
  undo: string | null;
}

const short = (id: string) => id.slice(0, 12);

/**
 * What applying a fix as a prepared merge did, said exactly, with the commands to merge and to
 * undo: every name in them quoted for the shell where it needs to be. The merge is a fast-forward
 * of `ours` run in `oursCheckout`, the folder where it is checked out, else after checking it out.
 */
export function describePreparedMerge(
  s: Pick<StoredSuggestion, 'id' | 'path' | 'strategy' | 'ours' | 'theirs'>,
  merge: PreparedMerge,
  oursCheckout: string | null,
): { text: string[]; commands: MergeCommands } {
  const fix = `${s.strategy} fix ${s.id} for ${s.path}`;
  if (merge.status === 'merged') {
    return { text: [`${s.theirs} is already merged into ${s.ours}: nothing to prepare, nothing changed.`], commands: { merge: null, undo: null } };
  }
  if (merge.status === 'incomplete') {
    return {
      text: [
        `Recorded ${fix}; no commit yet: the merge of ${s.theirs} into ${s.ours} still conflicts in ${merge.missing.length} file${merge.missing.length === 1 ? '' : 's'} with no applied fix: ${merge.missing.join(', ')}.`,
        `Applying a fix for each of them prepares the merge commit on ${merge.branch} (\`${commandLine(['parallel-cc', 'conflicts', 'suggest', '--branch', s.theirs, '--with', s.ours])}\` lists the fixes); a file it offers no fix for is resolved in a real merge instead (git merge). Nothing in git changed.`,
      ],
      commands: { merge: null, undo: null },
    };
  }
  const fastForward = ['merge', '--ff-only', merge.branch];
  const commands: MergeCommands = {
    merge: oursCheckout === null ? `${commandLine(['git', 'checkout', s.ours])} && ${commandLine(['git', ...fastForward])}` : commandLine(['git', '-C', oursCheckout, ...fastForward]),
    // The branch held nothing of ours before: deleting it takes everything back (the commit is only on it).
    undo:
      merge.previous === null || merge.status === 'unchanged'
        ? commandLine(['git', 'branch', '-D', merge.branch])
        : commandLine(['git', 'branch', '-f', merge.branch, short(merge.previous)]),
  };
  const head =
    merge.status === 'unchanged'
      ? `The merge of ${s.theirs} into ${s.ours} with ${fix} is already prepared: commit ${short(merge.commit)} on ${merge.branch}; nothing changed.`
      : `Prepared the merge of ${s.theirs} into ${s.ours} with ${fix}: commit ${short(merge.commit)} on branch ${merge.branch} (${merge.previous === null ? 'new' : `was ${short(merge.previous)}`}), parents ${s.ours} ${short(merge.parents.ours)} and ${s.theirs} ${short(merge.parents.theirs)}.`;
  return {
    text: [
      head,
      `Files resolved by fixes: ${merge.files.map((f) => `${f.path} (${f.fix})`).join(', ')}. No checkout, index or work tree file was touched.`,
      `To merge: ${commands.merge}   (or \`${commandLine(['git', 'merge', merge.branch])}\` there if ${s.ours} has moved on)`,
      `To undo: ${commands.undo}`,
    ],
    commands,
  };
}
