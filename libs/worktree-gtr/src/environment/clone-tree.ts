import * as fs from 'node:fs';
import * as path from 'node:path';

/** How a folder was cloned: copy-on-write clones of each file, or hard links to them. */
export type CloneMethod = 'reflink' | 'hardlink';

/** What {@link cloneTree} made. */
export interface ClonedTree {
  method: CloneMethod;
  files: number;
  links: number;
}

/**
 * Makes `target` a fresh folder tree with `source`'s files: copy-on-write clones where the file
 * system has them (FICLONE, APFS clonefile), else hard links. Never a link to `source` itself,
 * and symbolic links are recreated as they read, never followed. Hard links share the file: a
 * tool that writes a file in place would change both trees. npm (and pnpm, yarn) extract packages
 * as new files, which leaves the other tree alone, but rewrite their bookkeeping at the top of the
 * folder in place (npm's `node_modules/.package-lock.json`, pnpm's `.modules.yaml`): files directly
 * in `source` are therefore copied, never linked. On any failure (ENOSPC, say) the half-made tree
 * is removed and the error thrown.
 */
export function cloneTree(source: string, target: string, prefer: CloneMethod = 'reflink'): ClonedTree {
  const made: Progress = { method: prefer, files: 0, links: 0, decided: prefer === 'hardlink' };
  try {
    fs.mkdirSync(target);
    walk(source, target, made, true);
  } catch (error) {
    fs.rmSync(target, { recursive: true, force: true });
    throw error;
  }
  return { method: made.method, files: made.files, links: made.links };
}

// Whether a clone was tried yet: the first one tells whether this file system clones at all.
type Progress = ClonedTree & { decided: boolean };

function walk(from: string, to: string, made: Progress, top: boolean): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(dst);
      walk(src, dst, made, false);
    } else if (entry.isSymbolicLink()) {
      fs.symlinkSync(fs.readlinkSync(src), dst);
      made.links++;
    } else if (entry.isFile()) {
      // A clone where the file system makes one, else a copy; either way not a shared file.
      if (top) fs.copyFileSync(src, dst, fs.constants.COPYFILE_FICLONE);
      else cloneFile(src, dst, made);
      made.files++;
    }
    // Sockets, FIFOs and devices are no dependencies: left out.
  }
}

function cloneFile(src: string, dst: string, made: Progress): void {
  if (made.method === 'reflink') {
    try {
      fs.copyFileSync(src, dst, fs.constants.COPYFILE_FICLONE_FORCE);
      made.decided = true;
      return;
    } catch (error) {
      // The first clone tells whether this file system clones at all; from then on, hard links.
      const code = (error as NodeJS.ErrnoException).code;
      if (made.decided || !['ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EINVAL', 'ENOSYS', 'ENOTTY'].includes(code ?? '')) throw error;
      made.method = 'hardlink';
      made.decided = true;
    }
  }
  fs.linkSync(src, dst);
}
