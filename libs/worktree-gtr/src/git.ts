import { simpleGit } from 'simple-git';
import type { SimpleGit } from 'simple-git';
import { WorktreeError } from './errors';

/** A simple-git client rooted at `dir`; every call passes arguments as an array. */
export function gitAt(dir: string): SimpleGit {
  return simpleGit({ baseDir: dir, trimmed: false, maxConcurrentProcesses: 4 });
}

/** Runs `git <args>` in `dir` and returns stdout; failures become `GIT_FAILED` errors. */
export async function runGit(dir: string, args: string[]): Promise<string> {
  try {
    return await gitAt(dir).raw(args);
  } catch (error) {
    throw new WorktreeError('GIT_FAILED', `git ${args[0]} failed in ${dir}: ${firstLine(error)}`, {
      args,
      dir,
    });
  }
}

/** Runs `git <args>` in `dir`; resolves to null instead of throwing when git exits non-zero. */
export async function tryGit(dir: string, args: string[]): Promise<string | null> {
  try {
    return await gitAt(dir).raw(args);
  } catch {
    return null;
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n')[0] ?? text;
}
