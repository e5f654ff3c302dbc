import * as fs from 'node:fs';
import * as path from 'node:path';

/** The folder a fix's backups go to by default: inside the git dir, so they never show as untracked. */
export function defaultBackupDir(gitDir: string, suggestionId: string, now: Date): string {
  const stamp = now.toISOString().replace(/:/g, '');
  return path.join(gitDir, 'parallel-cc', 'backups', `${suggestionId}-${stamp}`);
}

/** Copies `file` to `<dir>/<relPath>` (permissions kept) and returns the copy's path. */
export function backUpFile(file: string, dir: string, relPath: string): string {
  const copy = path.join(path.resolve(dir), ...relPath.split('/'));
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  fs.copyFileSync(file, copy);
  return copy;
}
