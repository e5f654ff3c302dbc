import { currentBranch } from '@parallel-cc/worktree-gtr';
import { localRepo } from '../local-repo';
import { excludedInHistory, historyWithheldNote } from '../upload/history-exclusions';
import { packUpload } from '../upload/pack-upload';
import type { PackedUpload, PackProgress } from '../upload/pack-upload';
import type { ExcludedFile } from '../upload/select-upload';
import { selectUpload } from '../upload/select-upload';
import { runRefs } from './fetch-result';
import { makeStandInHead } from './stand-in-head';

/** An upload packed on the user's machine, and what the sandbox's repository is made from. */
export interface PreparedUpload {
  packed: PackedUpload;
  excluded: ExcludedFile[];
  /** The commit the sandbox's HEAD starts at: the worktree's HEAD, or its stand-in without history. */
  uploadHead: string;
  /** The worktree's branch, or null when detached. */
  branch: string | null;
  /** Tracked files left out of the upload (the sandbox keeps them out of its work tree and commits). */
  withheld: string[];
  /** The one ref the bundle carries when the history stays here; null: every ref and all history. */
  onlyRef: string | null;
  /** Why the history stays here, or null when it is uploaded. */
  historyNote: string | null;
}

/**
 * Chooses the files of the run's `worktree` to upload and packs them with the history in
 * `scratch`. When any file the upload leaves out was ever committed, the history stays on this
 * machine: the bundle carries only a stand-in head (the worktree's HEAD files minus the left-out
 * ones, without parents), kept with the real head under the run's refs so that the result can
 * be replayed onto the real history.
 */
export async function prepareUpload(worktree: string, runId: string, scratch: string, env: NodeJS.ProcessEnv, onProgress: PackProgress): Promise<PreparedUpload> {
  const { files, excluded } = await selectUpload(worktree);
  const inHistory = await excludedInHistory(worktree);
  const repo = localRepo(worktree, env);
  // Not trimmed: a path may start with a space.
  const tracked = new Set((await repo.run(['ls-files', '-z'])).stdout.split('\0').filter(Boolean));
  const withheld = excluded.map((e) => e.path).filter((p) => tracked.has(p));
  const head = await repo.out(['rev-parse', 'HEAD']);
  const branch = await currentBranch(worktree);
  if (inHistory.length === 0) {
    const packed = await packUpload(worktree, files, scratch, { onProgress });
    return { packed, excluded, uploadHead: head, branch, withheld, onlyRef: null, historyNote: null };
  }
  const refs = runRefs(runId);
  const standIn = await makeStandInHead(worktree, head, withheld, env);
  await repo.out(['update-ref', refs.standIn, standIn]);
  await repo.out(['update-ref', refs.uploadHead, head]);
  const packed = await packUpload(worktree, files, scratch, { onProgress, historyOf: refs.standIn });
  return { packed, excluded, uploadHead: standIn, branch, withheld: [], onlyRef: refs.standIn, historyNote: historyWithheldNote(inHistory) };
}
