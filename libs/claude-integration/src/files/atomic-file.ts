import * as fs from 'node:fs';
import * as path from 'node:path';
import { IntegrationError } from '../errors';

/** A file's text as read, or null when it does not exist. */
export function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Rewrites `file` from what it holds now: `next(current)` returns the new text, or null to delete
 * the file. The new text goes to a temp file beside it (with the old file's mode) and is renamed
 * over it, so readers never see half a file. Programs such as Claude Code rewrite their files
 * at any time: if the file changed while we computed, we read it again and start over.
 * Returns the text before and after.
 */
export function updateFileAtomically(
  file: string,
  next: (current: string | null) => string | null,
  options: { attempts?: number; mode?: number; beforeCommit?: () => void } = {},
): { before: string | null; after: string | null } {
  const attempts = options.attempts ?? 5;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const before = readText(file);
    const after = next(before);
    if (after === before) return { before, after };
    options.beforeCommit?.();
    if (readText(file) !== before) continue;
    if (after === null) {
      fs.rmSync(file, { force: true });
      return { before, after };
    }
    const mode = before === null ? (options.mode ?? 0o644) : fs.statSync(file).mode & 0o7777;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
    const fd = fs.openSync(temp, 'w', mode);
    try {
      fs.writeFileSync(fd, after);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(temp, mode);
    if (readText(file) !== before) {
      fs.rmSync(temp, { force: true });
      continue;
    }
    fs.renameSync(temp, file);
    return { before, after };
  }
  throw new IntegrationError(
    'CONCURRENT_CHANGE',
    `${file} kept changing while parallel-cc tried to update it; try again when the program writing it is idle.`,
    { file },
  );
}
