import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gitIdentityEnv, makeTempDir } from './temp';

/** Runs git with an argument array in `dir` and returns its trimmed stdout. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    env: { ...process.env, ...gitIdentityEnv() },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** Writes `files` (path → content) under `dir`, making folders as needed. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
}

/** Options for {@link makeRepo}. */
export interface MakeRepoOptions {
  /** The folder name inside a fresh temp dir (may hold spaces, quotes, `$(…)`). */
  name?: string;
  /** An existing parent folder instead of a fresh temp dir. */
  parent?: string;
}

/** A throwaway repository on branch `main` (identity set, no signing) with one commit of `files`. */
export function makeRepo(files: Record<string, string> = { 'README.md': '# test\n' }, options: MakeRepoOptions = {}): string {
  const dir = path.join(options.parent ?? makeTempDir('pcc-repo-'), options.name ?? 'repo');
  fs.mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'commit.gpgSign', 'false');
  writeFiles(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial commit');
  return dir;
}

/** Writes `files` in `dir` and commits them; returns the new commit's hash. */
export function commitFiles(dir: string, files: Record<string, string>, message = 'change'): string {
  writeFiles(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}
