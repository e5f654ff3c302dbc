import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { localRepo } from '../local-repo';
import type { Sandbox } from '../sandbox/sandbox';
import { replayOnto } from './replay-result';
import { runOrThrow } from './sandbox-command';
import { SANDBOX_REFS, snapshotInSandbox } from './sandbox-repo';

/** Where a run's result and its base are kept in the user's repository. */
export function runRefs(runId: string): { result: string; base: string; uploadHead: string; applied: string; standIn: string } {
  return {
    result: `refs/parallel-cc/runs/${runId}`,
    base: `refs/parallel-cc/run-bases/${runId}`,
    uploadHead: `refs/parallel-cc/run-upload-heads/${runId}`,
    applied: `refs/parallel-cc/run-applied/${runId}`,
    /** The history-free upload's head (see `makeStandInHead`), when the run was uploaded so. */
    standIn: `refs/parallel-cc/run-stand-ins/${runId}`,
  };
}

/** A result fetched into the user's repository: commits by id. */
export interface FetchedResult {
  result: string;
  base: string;
  /** The worktree's HEAD commit at upload. */
  uploadHead: string;
  changed: boolean;
}

/**
 * Snapshots the sandbox's work tree (the agent's commits kept, anything uncommitted committed on
 * top), bundles what is new since the upload, reads it back and fetches it into `worktree`'s
 * repository under {@link runRefs}; a run uploaded without its history has its commits replayed
 * onto the real upload head first ({@link replayOnto}). Nothing in the user's work tree changes.
 * `worktree` may be any checkout of the repository.
 */
export async function fetchResult(sandbox: Sandbox, worktree: string, runId: string, env: NodeJS.ProcessEnv, message: string): Promise<FetchedResult> {
  const snapshot = await snapshotInSandbox(sandbox, message);
  const run = (argv: string[]) => runOrThrow(sandbox, argv);
  const [uploadHead, base] = (await run(['git', 'rev-parse', SANDBOX_REFS.uploadHead, SANDBOX_REFS.base])).split('\n');
  if (!uploadHead || !base) throw new Error('the sandbox repository lost its upload refs');
  if (snapshot === base) return { result: base, base, uploadHead, changed: false };
  const tag = randomUUID();
  const ref = `refs/parallel-cc/out/${tag}`;
  const bundle = path.posix.join(sandbox.scratchDir, `result-${tag}.bundle`);
  const names = runRefs(runId);
  await run(['git', 'update-ref', ref, snapshot]);
  try {
    const refs = base === uploadHead ? [ref] : [ref, SANDBOX_REFS.base];
    await run(['git', 'bundle', 'create', '-q', bundle, ...refs, `^${uploadHead}`]);
    const bytes = await sandbox.readFile(bundle);
    const local = fs.mkdtempSync(path.join(os.tmpdir(), 'pcc-result-'));
    try {
      const file = path.join(local, 'result.bundle');
      fs.writeFileSync(file, bytes, { mode: 0o600 });
      const specs = [`+${ref}:${names.result}`];
      if (base !== uploadHead) specs.push(`+${SANDBOX_REFS.base}:${names.base}`);
      await localRepo(worktree, env).out(['fetch', '-q', '--no-write-fetch-head', file, ...specs]);
    } finally {
      fs.rmSync(local, { recursive: true, force: true });
    }
  } finally {
    await sandbox.run(['rm', '-f', bundle]).catch(() => undefined);
    await sandbox.run(['git', 'update-ref', '-d', ref]).catch(() => undefined);
  }
  const ours = await onLocalHistory(worktree, runId, { result: snapshot, base, uploadHead }, env);
  const repo = localRepo(worktree, env);
  await repo.out(['update-ref', names.result, ours.result]);
  await repo.out(['update-ref', names.base, ours.base]);
  await repo.out(['update-ref', names.uploadHead, ours.uploadHead]);
  return { ...ours, changed: true };
}

/** The fetched commits as they belong on the user's history: as they are, or replayed off the stand-in head. */
async function onLocalHistory(worktree: string, runId: string, fetched: Omit<FetchedResult, 'changed'>, env: NodeJS.ProcessEnv): Promise<Omit<FetchedResult, 'changed'>> {
  const names = runRefs(runId);
  const repo = localRepo(worktree, env);
  const standIn = (await repo.run(['rev-parse', '-q', '--verify', `${names.standIn}^{commit}`])).stdout.trim();
  if (standIn !== fetched.uploadHead) return fetched;
  const onto = await repo.out(['rev-parse', '--verify', `${names.uploadHead}^{commit}`]);
  const replayed = await replayOnto(worktree, { standIn, onto, tips: [fetched.result, fetched.base] }, env);
  const mapped = (commit: string) => replayed.get(commit) ?? commit;
  return { result: mapped(fetched.result), base: mapped(fetched.base), uploadHead: onto };
}
