import * as fs from 'node:fs';
import * as path from 'node:path';
import { databaseUnavailable, describeFsCause } from './database-failure';

/**
 * Creates the folder that holds `file` (private to the user) on first use; a folder that cannot
 * be made (it lies under a regular file, or its parent is not writable) is `DATABASE_UNAVAILABLE`.
 */
export function ensureDatabaseFolder(file: string): void {
  const dir = path.dirname(file);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const { cause, code } = describeFsCause(error);
    throw databaseUnavailable(`the folder ${dir}`, cause, code);
  }
  if (!fs.statSync(dir).isDirectory()) throw databaseUnavailable(`the folder ${dir}`, 'it is a file, not a folder');
}

/**
 * Why the folder of `file` could not be made or written, found without creating anything (for
 * `doctor`): the nearest existing ancestor is a file, or the user cannot write it. Null if it can.
 */
export function databaseFolderProblem(file: string): string | null {
  let dir = path.dirname(path.resolve(file));
  while (!fs.existsSync(dir)) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (!fs.statSync(dir).isDirectory()) return `${dir} is a file, not a folder`;
  try {
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
    return null;
  } catch {
    return `${dir} is not writable by this user`;
  }
}
