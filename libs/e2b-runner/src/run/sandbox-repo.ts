import * as path from 'node:path';
import type { Sandbox } from '../sandbox/sandbox';
import { runOrThrow } from './sandbox-command';

/** The refs the runner keeps in the sandbox's repository. */
export const SANDBOX_REFS = {
  /** The worktree's HEAD commit at upload (the user's machine has it). */
  uploadHead: 'refs/parallel-cc/upload-head',
  /** The uploaded state: the upload head, or a commit on it holding the worktree's uncommitted files. */
  base: 'refs/parallel-cc/base',
} as const;

/** The identity of the commits the runner makes. */
export const RUNNER_IDENTITY = {
  GIT_AUTHOR_NAME: 'parallel-cc',
  GIT_AUTHOR_EMAIL: 'noreply@parallel-cc',
  GIT_COMMITTER_NAME: 'parallel-cc',
  GIT_COMMITTER_EMAIL: 'noreply@parallel-cc',
};

/** What {@link setUpSandboxRepo} needs, all already written into the sandbox's scratch folder. */
export interface SandboxRepoInput {
  bundle: string;
  /** The one ref the bundle carries when it was made without the history; null: a bundle of every ref, cloned. */
  onlyRef: string | null;
  archive: string;
  headCommit: string;
  /** The worktree's branch (the agent works on it in the sandbox), or null when detached. */
  branch: string | null;
  /** Tracked files left out of the upload (credentials): kept out of the sandbox's work tree and its commits. */
  withheld: string[];
}

/**
 * In the sandbox, with argv only: clones the bundle into the workdir (or fetches its one ref into
 * a new repository there), points HEAD at the
 * worktree's commit with only its index filled, extracts the uploaded files (so the work tree
 * holds exactly the upload: uncommitted and untracked files included, credentials not), marks
 * withheld tracked files skip-worktree, and records the upload head and the base. Returns the base.
 */
export async function setUpSandboxRepo(sandbox: Sandbox, input: SandboxRepoInput): Promise<string> {
  const run = (argv: string[], stdin?: string) => runOrThrow(sandbox, argv, { stdin });
  if (input.onlyRef) {
    await runOrThrow(sandbox, ['git', 'init', '-q', sandbox.workdir], { cwd: sandbox.scratchDir });
    await run(['git', 'fetch', '-q', '--no-write-fetch-head', input.bundle, `${input.onlyRef}:${SANDBOX_REFS.uploadHead}`]);
  } else {
    await runOrThrow(sandbox, ['git', 'clone', '-q', '--no-checkout', input.bundle, sandbox.workdir], { cwd: sandbox.scratchDir });
  }
  if (input.branch) {
    await run(['git', 'update-ref', `refs/heads/${input.branch}`, input.headCommit]);
    await run(['git', 'symbolic-ref', 'HEAD', `refs/heads/${input.branch}`]);
  } else {
    await run(['git', 'update-ref', '--no-deref', 'HEAD', input.headCommit]);
  }
  await run(['git', 'read-tree', input.headCommit]);
  await run(['tar', '-xzf', input.archive]);
  if (input.withheld.length > 0) await run(['git', 'update-index', '-z', '--skip-worktree', '--stdin'], input.withheld.map((p) => `${p}\0`).join(''));
  await run(['git', 'update-ref', SANDBOX_REFS.uploadHead, input.headCommit]);
  const base = await snapshotInSandbox(sandbox, 'parallel-cc: the worktree as uploaded (uncommitted and untracked files)');
  await run(['git', 'update-ref', SANDBOX_REFS.base, base]);
  return base;
}

/**
 * The sandbox work tree's current state as a commit, without touching the agent's index or HEAD:
 * HEAD itself when nothing is uncommitted, else a commit on HEAD (the runner's identity) made
 * through a copy of the index (so skip-worktree marks hold).
 */
export async function snapshotInSandbox(sandbox: Sandbox, message: string): Promise<string> {
  const run = (argv: string[], envs?: Record<string, string>) => runOrThrow(sandbox, argv, { envs });
  const gitDir = path.posix.resolve(sandbox.workdir, await run(['git', 'rev-parse', '--git-dir']));
  const index = path.posix.join(sandbox.scratchDir, `snapshot-${process.pid}-${Date.now()}.index`);
  await run(['cp', path.posix.join(gitDir, 'index'), index]);
  try {
    await run(['git', 'add', '-A'], { GIT_INDEX_FILE: index });
    const tree = await run(['git', 'write-tree'], { GIT_INDEX_FILE: index });
    const head = await run(['git', 'rev-parse', 'HEAD']);
    if (tree === (await run(['git', 'rev-parse', 'HEAD^{tree}']))) return head;
    return await run(['git', 'commit-tree', tree, '-p', head, '-m', message], RUNNER_IDENTITY);
  } finally {
    await sandbox.run(['rm', '-f', index]).catch(() => undefined);
  }
}
