import * as fs from 'node:fs';
import * as path from 'node:path';
import { SandboxError } from '../errors';
import { localRepo } from '../local-repo';
import { exclusionRules } from './exclusion-rules';
import { parseNulList, parseStagedList } from '@parallel-cc/git';

/** A file left out of an upload, and why. */
export interface ExcludedFile {
  path: string;
  reason: string;
}

/** What {@link selectUpload} chose: paths relative to the worktree, `/`-separated, sorted. */
export interface UploadSelection {
  files: string[];
  excluded: ExcludedFile[];
}

/**
 * The files of `worktree` (the top folder of a checkout) to upload: the ones git sees (tracked,
 * and untracked but not ignored; tracked files deleted from the disk left out) minus every file
 * that {@link exclusionRules} leaves out (credentials, `.e2bignore`).
 * Each exclusion says why. Submodules and nested repositories are excluded too: the sandbox gets
 * this repository's history only.
 */
export async function selectUpload(worktree: string): Promise<UploadSelection> {
  const top = await checkoutTop(worktree);
  const repo = localRepo(top);
  const [staged, others, deleted] = await Promise.all([
    repo.bytes(['ls-files', '-z', '--stage']).then(parseStagedList),
    repo.bytes(['ls-files', '-z', '--others', '--exclude-standard']).then(parseNulList),
    repo.bytes(['ls-files', '-z', '--deleted']).then((out) => new Set(parseNulList(out))),
  ]);
  const excludedBecause = exclusionRules(top);

  const files: string[] = [];
  const excluded: ExcludedFile[] = [];
  const consider = (file: string, fixedReason: string | null) => {
    const reason = fixedReason ?? excludedBecause(file);
    if (reason) excluded.push({ path: file, reason });
    else files.push(file);
  };
  for (const entry of staged) {
    if (deleted.has(entry.path)) continue;
    consider(entry.path, entry.mode === '160000' ? 'submodule: not uploaded (the sandbox gets this repository’s history only)' : null);
  }
  for (const file of others) {
    // git lists an untracked folder holding its own repository as `dir/`.
    if (file.endsWith('/')) consider(file, 'nested git repository: not uploaded (the sandbox gets this repository’s history only)');
    else consider(file, null);
  }
  files.sort(byCodeUnit);
  excluded.sort((a, b) => byCodeUnit(a.path, b.path));
  return { files, excluded };
}

/** `worktree` as its checkout's top folder (real path); it must be that top folder. */
async function checkoutTop(worktree: string): Promise<string> {
  const absolute = path.resolve(worktree);
  if (!fs.existsSync(absolute) || !fs.statSync(absolute).isDirectory()) {
    throw new SandboxError('NOT_A_REPOSITORY', `The folder ${absolute} does not exist.`, { path: absolute });
  }
  let top: string;
  try {
    top = (await localRepo(absolute).bytes(['rev-parse', '--show-toplevel'])).toString('utf8').trim();
  } catch {
    throw new SandboxError('NOT_A_REPOSITORY', `${absolute} is not inside a git checkout with a work tree.`, { path: absolute });
  }
  const real = fs.realpathSync(absolute);
  if (fs.realpathSync(top) !== real) {
    throw new SandboxError('INVALID_INPUT', `${absolute} is a folder inside the checkout ${top}: give the checkout's top folder.`, {
      path: absolute,
      top,
    });
  }
  return real;
}

/** Orders paths by UTF-16 code unit, as git sorts them (not by locale). */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
