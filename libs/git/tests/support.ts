// Helpers shared by this lib's tests (not a test file itself: jest only runs *.test.ts). This lib
// depends on nothing of ours, test-utils included, so the few repositories its tests build are made here.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];
const IDENTITY = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };

/** What git printed, from `tests/fixtures/<name>`, byte for byte (see `capture.sh` there). */
export function captured(name: string): string {
  return fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
}

/** A fresh temp folder, removed by {@link removeMade}. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcc-git-'));
  made.push(dir);
  return dir;
}

/** Removes every folder {@link tempDir} made. */
export function removeMade(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Runs git in `dir` with a fixed identity; stdout untouched (porcelain's leading spaces matter). */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: { ...process.env, ...IDENTITY }, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Writes `files` (path → content) under `dir` and commits them all; returns the commit id. */
export function commitFiles(dir: string, files: Record<string, string>, message = 'change'): string {
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD').trim();
}

/** A repository on `main` (no signing) with one commit of `files`, at `<parent>/<name>`. */
export function repoWith(files: Record<string, string>, parent = tempDir(), name = 'repo'): string {
  const dir = path.join(parent, name);
  fs.mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'commit.gpgSign', 'false');
  commitFiles(dir, files, 'initial commit');
  return dir;
}
