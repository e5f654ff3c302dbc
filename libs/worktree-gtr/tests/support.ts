// Helpers shared by this lib's tests (not a test file itself: jest only runs *.test.ts).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gitIdentityEnv, makeRepo, makeTempDir } from '@parallel-cc/test-utils';
import type { MakeRepoOptions } from '@parallel-cc/test-utils';
import { WorktreeError } from '../src';

/** The current environment minus every PARALLEL_CC_* variable and any directory holding a real gtr. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('PARALLEL_CC_')) env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => dir && !['gtr', 'git-gtr'].some((exe) => fs.existsSync(path.join(dir, exe))))
    .join(path.delimiter);
  return { ...env, ...extra };
}

/** {@link cleanEnv} with the plain-git backend forced. */
export function nativeEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return cleanEnv({ PARALLEL_CC_WORKTREE_BACKEND: 'native', ...extra });
}

/** {@link cleanEnv} with `binDirs` first on PATH (fake gtr installs). */
export function envWithPath(binDirs: string[], extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = cleanEnv(extra);
  return { ...env, PATH: [...binDirs, env.PATH].join(path.delimiter) };
}

const templates = new Map<string, string>();

/**
 * Like test-utils' `makeRepo`, but each distinct file set is built by `makeRepo` once per test file
 * and copied after that: the same repository and commits for a fraction of the git processes.
 */
export function quickRepo(files?: Record<string, string>, options: MakeRepoOptions = {}): string {
  const key = JSON.stringify(files ?? null);
  let template = templates.get(key);
  if (!template || !fs.existsSync(template)) {
    template = makeRepo(files);
    templates.set(key, template);
  }
  const dir = path.join(options.parent ?? makeTempDir('pcc-repo-'), options.name ?? 'repo');
  fs.cpSync(template, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

/** Runs git and returns its stdout untouched (test-utils' `git` trims, which eats porcelain's leading spaces). */
export function gitRaw(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    env: { ...process.env, ...gitIdentityEnv() },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Whether `git show-ref` finds the local branch `branch`. */
export function hasBranch(repo: string, branch: string): boolean {
  try {
    execFileSync('git', ['show-ref', '--verify', '--quiet', `refs/heads/${branch}`], { cwd: repo, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The worktree paths `git worktree list --porcelain` shows (prunable ones included). */
export function listedWorktrees(repo: string): string[] {
  return gitRaw(repo, 'worktree', 'list', '--porcelain', '-z')
    .split('\0')
    .filter((line) => line.startsWith('worktree '))
    .map((line) => line.slice('worktree '.length));
}

/** Every file or folder named `name` under `root`, at any depth. */
export function findNamed(root: string, name: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.name === name) found.push(full);
      if (entry.isDirectory() && !entry.isSymbolicLink()) walk(full);
    }
  };
  walk(root);
  return found;
}

/** Writes an executable shell script `name` into `dir`. */
export function writeScript(dir: string, name: string, body: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

/** The error `promise` rejects with; fails the test when it resolves or rejects with something else. */
export async function rejectionOf(promise: Promise<unknown>): Promise<WorktreeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorktreeError);
  return error as WorktreeError;
}
