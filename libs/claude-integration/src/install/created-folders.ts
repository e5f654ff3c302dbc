import * as fs from 'node:fs';
import * as path from 'node:path';

/** The folders from `dir` upwards that do not exist yet, deepest first: what writing into `dir` creates. */
export function missingFolders(dir: string): string[] {
  const missing: string[] = [];
  for (let d = dir; !fs.existsSync(d) && path.dirname(d) !== d; d = path.dirname(d)) missing.push(d);
  return missing;
}

/** Removes the given folders, deepest first, while they are empty: whatever else was put there stays. */
export function removeEmptyFolders(dirs: string[]): void {
  for (const dir of dirs) {
    try {
      fs.rmdirSync(dir);
    } catch {
      return; // not empty (or already gone): it, and every folder above it, stays
    }
  }
}
