import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tar from 'tar';
import { SandboxError } from '../errors';
import { localRepo } from '../local-repo';

/** The names of what {@link packUpload} writes into its output folder. */
export const UPLOAD_ARCHIVE = 'files.tar.gz';
/** The git bundle's file name in the output folder. */
export const UPLOAD_BUNDLE = 'history.bundle';

/** Told the bytes of file content packed so far and in all (for a progress bar). */
export type PackProgress = (doneBytes: number, totalBytes: number) => void;

/** How {@link packUpload} packs; all optional. */
export interface PackOptions {
  onProgress?: PackProgress;
  /** The one ref whose history the bundle carries (default: every ref, `--all`). */
  historyOf?: string;
}

/** What {@link packUpload} wrote, with sizes in bytes. */
export interface PackedUpload {
  /** The gzipped tar of the files. */
  archive: string;
  archiveBytes: number;
  /** `git bundle create`: every ref (or {@link PackOptions.historyOf}) and the history behind it. */
  bundle: string;
  bundleBytes: number;
  fileCount: number;
  /** The files' own size before compression. */
  contentBytes: number;
}

/**
 * Packs `files` (paths relative to `worktree`, as {@link selectUpload} returns them) into a
 * gzipped tar in the folder `out` (made if needed), exactly those files with their modes and
 * symbolic links as links, and the repository's history into a git bundle beside it, so that the
 * sandbox has the real repository and what comes back shares its history. No shell is involved.
 * A repository without commits is refused (`EMPTY_REPOSITORY`): a bundle needs one.
 */
export async function packUpload(worktree: string, files: readonly string[], out: string, options: PackOptions = {}): Promise<PackedUpload> {
  const { onProgress } = options;
  await assertHasCommits(worktree);
  await fs.promises.mkdir(out, { recursive: true, mode: 0o700 });
  const archive = path.resolve(out, UPLOAD_ARCHIVE);
  const bundle = path.resolve(out, UPLOAD_BUNDLE);
  const contentBytes = await totalSize(worktree, files);

  let doneBytes = 0;
  onProgress?.(0, contentBytes);
  try {
    await tar.create(
      {
        gzip: true,
        file: archive,
        cwd: worktree,
        portable: true,
        noDirRecurse: true,
        strict: true,
        onWriteEntry: (entry) => {
          entry.on('end', () => {
            if (entry.type !== 'File') return;
            doneBytes += entry.stat?.size ?? 0;
            onProgress?.(doneBytes, contentBytes);
          });
        },
      },
      // node-tar reads a name starting with `@` as another archive to copy in.
      files.map((file) => (file.startsWith('@') ? `./${file}` : file)),
    );
    // Hard links are stored once: say 100% whatever the sum of sizes counted twice.
    onProgress?.(contentBytes, contentBytes);
  } catch (error) {
    throw new SandboxError('PACK_FAILED', `Could not pack the files of ${worktree}: ${(error as Error).message}`, { worktree, archive });
  }
  await localRepo(worktree).bytes(['bundle', 'create', '--quiet', bundle, options.historyOf ?? '--all']);
  return {
    archive,
    archiveBytes: (await fs.promises.stat(archive)).size,
    bundle,
    bundleBytes: (await fs.promises.stat(bundle)).size,
    fileCount: files.length,
    contentBytes,
  };
}

async function assertHasCommits(worktree: string): Promise<void> {
  const repo = localRepo(worktree);
  try {
    await repo.bytes(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  } catch (error) {
    const isRepository = fs.existsSync(worktree) && (await repo.bytes(['rev-parse', '--git-dir']).then(() => true, () => false));
    if (!isRepository) throw new SandboxError('NOT_A_REPOSITORY', `${worktree} is not a git checkout.`, { path: worktree });
    throw new SandboxError(
      'EMPTY_REPOSITORY',
      `The repository at ${worktree} has no commits yet: commit once before a sandbox run (the sandbox receives the history as a git bundle).`,
      { worktree, cause: (error as Error).message },
    );
  }
}

async function totalSize(worktree: string, files: readonly string[]): Promise<number> {
  let total = 0;
  for (const file of files) {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.lstat(path.join(worktree, file));
    } catch {
      throw new SandboxError('PACK_FAILED', `${file} is gone from ${worktree}: it changed after the upload was chosen; choose again.`, {
        worktree,
        path: file,
      });
    }
    if (stat.isFile()) total += stat.size;
  }
  return total;
}
