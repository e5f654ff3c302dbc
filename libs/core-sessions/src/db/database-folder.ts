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
