import * as fs from 'node:fs';
import type { Coordinator } from '@parallel-cc/core-sessions';
import { isRunAlive, listRuns } from '@parallel-cc/e2b-runner';
import type { LiveSandboxRun } from './live-state';

/** The home's sandbox runs (or `repoRoot`'s), oldest first, each with whether it still runs and its log's last `tailBytes`. */
export async function readSandboxRuns(coordinator: Coordinator, options: { repoRoot?: string; tailBytes: number }): Promise<LiveSandboxRun[]> {
  const runs = await listRuns(coordinator, options.repoRoot ? { repo: options.repoRoot } : {});
  return runs.map((run) => ({ ...run, alive: isRunAlive(run), logTail: logTail(run.logPath, options.tailBytes) }));
}

/** The last `bytes` of a log file, from a line start when it was cut; empty when the file is not there. */
export function logTail(file: string, bytes: number): string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    const text = buffer.toString('utf8');
    if (length === size) return text;
    const newline = text.indexOf('\n');
    return newline === -1 ? text : text.slice(newline + 1);
  } finally {
    fs.closeSync(fd);
  }
}
