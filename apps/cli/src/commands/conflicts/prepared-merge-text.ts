import type { PreparedMerge, StoredSuggestion } from '@parallel-cc/conflict-engine';

/** The git commands that use or take back a prepared merge (null when there is none). */
export interface MergeCommands {
  merge: string | null;
  undo: string | null;
}

const short = (id: string) => id.slice(0, 12);

/** What `conflicts apply` did, said exactly, with the commands to merge and to undo. */
export function describePreparedMerge(s: Pick<StoredSuggestion, 'id' | 'path' | 'strategy' | 'ours' | 'theirs'>, merge: PreparedMerge): { text: string[]; commands: MergeCommands } {
  const fix = `${s.strategy} fix ${s.id} for ${s.path}`;
  if (merge.status === 'merged') {
    return { text: [`${s.theirs} is already merged into ${s.ours}: nothing to prepare, nothing changed.`], commands: { merge: null, undo: null } };
  }
  if (merge.status === 'incomplete') {
    return {
      text: [
        `Recorded ${fix}; no commit yet: the merge of ${s.theirs} into ${s.ours} still conflicts in ${merge.missing.length} file${merge.missing.length === 1 ? '' : 's'} with no applied fix: ${merge.missing.join(', ')}.`,
        `Apply their fixes (\`parallel-cc conflicts suggest --branch ${s.theirs} --with ${s.ours}\` lists them) and the merge commit is prepared on ${merge.branch}; nothing in git changed.`,
      ],
      commands: { merge: null, undo: null },
    };
  }
  const commands: MergeCommands = {
    merge: `git checkout ${s.ours} && git merge --ff-only ${merge.branch}`,
    // The branch held nothing of ours before: deleting it takes everything back (the commit is only on it).
    undo: merge.previous === null || merge.status === 'unchanged' ? `git branch -D ${merge.branch}` : `git branch -f ${merge.branch} ${short(merge.previous)}`,
  };
  const head =
    merge.status === 'unchanged'
      ? `The merge of ${s.theirs} into ${s.ours} with ${fix} is already prepared: commit ${short(merge.commit)} on ${merge.branch}; nothing changed.`
      : `Prepared the merge of ${s.theirs} into ${s.ours} with ${fix}: commit ${short(merge.commit)} on branch ${merge.branch} (${merge.previous === null ? 'new' : `was ${short(merge.previous)}`}), parents ${s.ours} ${short(merge.parents.ours)} and ${s.theirs} ${short(merge.parents.theirs)}.`;
  return {
    text: [
      head,
      `Files resolved by fixes: ${merge.files.map((f) => `${f.path} (${f.fix})`).join(', ')}. No checkout, index or work tree file was touched.`,
      `To merge: ${commands.merge}   (or \`git merge ${merge.branch}\` if ${s.ours} has moved on)`,
      `To undo: ${commands.undo}`,
    ],
    commands,
  };
}
