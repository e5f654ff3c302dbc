import * as fs from 'node:fs';
import * as path from 'node:path';
import { SessionError } from '../errors';
import { parseInput } from '../sessions/inputs';
import { ClaimPathSchema } from './claim-inputs';

// More hops than this through symbolic links is a loop (Linux gives up at 40 too).
const MAX_LINK_HOPS = 40;

/**
 * The repository-relative, `/`-separated form of a path a session names: absolute inside its
 * worktree or the main checkout, or relative to its worktree. The file need not exist yet. Throws
 * `INVALID_INPUT` (empty, NUL, inside `.git`, a folder) or `PATH_OUTSIDE_REPOSITORY` (outside the
 * checkout, or leaving it through a symbolic link), naming the value.
 */
export function normaliseClaimPath(options: { repoRoot: string; worktreePath: string; filePath: string }): string {
  const filePath = parseInput(ClaimPathSchema, options.filePath, 'file path');
  const target = path.resolve(options.worktreePath, filePath);
  const shown = JSON.stringify(filePath);
  const realTarget = realLocation(target, filePath);
  // The innermost checkout containing the path (a worktree may sit inside the main checkout);
  // real paths count too, for a checkout reached through a linked folder.
  const base = [options.worktreePath, options.repoRoot]
    .filter((root) => isInside(target, root) || isInside(realTarget, realpathOr(root)))
    .sort((a, b) => b.length - a.length)[0];
  if (base === undefined) {
    throw new SessionError(
      'PATH_OUTSIDE_REPOSITORY',
      `The file path ${shown} is outside the repository: name a file inside ${options.worktreePath}, relative to it or absolute.`,
      { filePath, repoRoot: options.repoRoot, worktreePath: options.worktreePath },
    );
  }
  const realBase = realpathOr(base);
  if (!isInside(realTarget, realBase)) {
    throw new SessionError(
      'PATH_OUTSIDE_REPOSITORY',
      `The file path ${shown} leads outside the repository through a symbolic link (to ${realTarget}): claim files that live inside ${base}.`,
      { filePath, realPath: realTarget, worktreePath: base },
    );
  }
  const relative = isInside(target, base) ? path.relative(base, target) : path.relative(realBase, realTarget);
  const segments = relative.split(path.sep).filter(Boolean);
  const realSegments = path.relative(realBase, realTarget).split(path.sep).filter(Boolean);
  if ([...segments, ...realSegments].some((s) => s.toLowerCase() === '.git')) {
    throw new SessionError('INVALID_INPUT', `The file path ${shown} is inside .git, git's own data: claim working-tree files only.`, {
      filePath,
    });
  }
  if (segments.length === 0 || realSegments.length === 0 || isFolder(realTarget)) {
    throw new SessionError('INVALID_INPUT', `The file path ${shown} names a folder: claim the files in it one by one.`, { filePath });
  }
  return segments.join('/');
}

function isInside(candidate: string, root: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** Where `p` really is: the real path of its deepest existing ancestor (following links, dangling ones too) plus the rest. */
function realLocation(p: string, filePath: string, hops = 0): string {
  try {
    return fs.realpathSync(p);
  } catch {
    // Missing, or a dangling or looping link: resolved piece by piece below.
  }
  if (isSymlink(p)) {
    if (hops >= MAX_LINK_HOPS) {
      const shown = JSON.stringify(filePath);
      throw new SessionError('INVALID_INPUT', `The file path ${shown} goes round a loop of symbolic links.`, { filePath });
    }
    return realLocation(path.resolve(path.dirname(p), fs.readlinkSync(p)), filePath, hops + 1);
  }
  const parent = path.dirname(p);
  return parent === p ? p : path.join(realLocation(parent, filePath, hops), path.basename(p));
}

function isSymlink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function realpathOr(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
