import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Replaces `file` with `bytes` in one step: a temp file in the same folder (same file system),
 * flushed, given `mode`, then renamed over it. Readers see the old file or the new one, never half.
 * `mode` null: a new file with the process's default permissions.
 */
export function writeFileAtomically(file: string, bytes: Buffer, mode: number | null): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(temp, 'wx', mode ?? 0o666);
    try {
      fs.writeFileSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // open's mode passes through the umask; the old file's bits are kept exactly.
    if (mode !== null) fs.chmodSync(temp, mode);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
