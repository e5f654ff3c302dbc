import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConflictEngineError } from '../errors';

/** Where a fix will be written, found without following any link out of the work tree. */
export interface SafeTarget {
  /** The file's absolute path, its existing folders' symlinks resolved. */
  file: string;
  /** The file's permission bits, or null when it does not exist yet. */
  mode: number | null;
}

/**
 * Resolves `relPath` (already checked by `repoPathProblem`) under `base`, a folder of the
 * work tree whose top level is `top` (both symlink-free). Each existing folder on the way is
 * resolved with `realpath` and must stay inside `top`; a link at the file itself, or a dangling
 * one on the way, is refused (`PATH_OUTSIDE_WORKTREE`): a write through it could land anywhere.
 */
export function resolveSafeTarget(base: string, top: string, relPath: string): SafeTarget {
  const segments = relPath.split('/');
  const name = segments.pop() as string;
  let dir = base;
  let missing: string[] = [];
  for (const [i, segment] of segments.entries()) {
    const next = realpathOrNull(path.join(dir, segment), relPath);
    if (next === null) {
      missing = segments.slice(i);
      break;
    }
    if (!isInside(top, next)) throw outside(relPath, next, top);
    if (!fs.statSync(next).isDirectory()) {
      throw new ConflictEngineError('INVALID_INPUT', `The path ${relPath} goes through ${segment}, which is a file, not a folder.`, {
        path: relPath,
      });
    }
    dir = next;
  }
  const file = path.join(dir, ...missing, name);
  if (missing.length > 0) return { file, mode: null };
  const stat = lstatOrNull(file);
  if (stat === null) return { file, mode: null };
  if (stat.isSymbolicLink()) {
    throw new ConflictEngineError(
      'PATH_OUTSIDE_WORKTREE',
      `The path ${relPath} is a symbolic link: a fix is only written to a regular file, and a link may lead outside the work tree.`,
      { path: relPath, file },
    );
  }
  if (!stat.isFile()) {
    throw new ConflictEngineError('INVALID_INPUT', `The path ${relPath} is not a regular file: a fix replaces a whole file.`, { path: relPath, file });
  }
  return { file, mode: stat.mode & 0o7777 };
}

function isInside(top: string, candidate: string): boolean {
  const rel = path.relative(top, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

// A folder that is missing is created later; a link that leads nowhere would be followed by mkdir.
function realpathOrNull(candidate: string, relPath: string): string | null {
  try {
    return fs.realpathSync(candidate);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (lstatOrNull(candidate)?.isSymbolicLink()) throw outside(relPath, candidate, null);
    return null;
  }
}

function lstatOrNull(file: string): fs.Stats | null {
  try {
    return fs.lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function outside(relPath: string, resolved: string, top: string | null): ConflictEngineError {
  const where = top === null ? 'a symbolic link that leads nowhere' : `${resolved}, outside the work tree ${top}`;
  return new ConflictEngineError('PATH_OUTSIDE_WORKTREE', `The path ${relPath} leads through ${where}; nothing was written.`, {
    path: relPath,
    resolved,
  });
}
