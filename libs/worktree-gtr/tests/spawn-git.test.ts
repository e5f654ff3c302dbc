import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { WorktreeError } from '../src';
import { spawnGit } from '../src/git';
import { quickRepo, rejectionOf } from './support';

afterAll(() => removeTempDirs());

describe('spawnGit', () => {
  test('feeds stdin and returns stdout as bytes', async () => {
    const repo = quickRepo({ 'a.txt': 'a\n' });
    const out = await spawnGit(repo, ['hash-object', '--stdin'], 'hello\n');
    expect(out).toBeInstanceOf(Buffer);
    expect(out.toString('utf8')).toBe('ce013625030ba8dba906f756967f9e9ca394464a\n');
  });

  test('passes arguments untouched, with no shell in between', async () => {
    const repo = quickRepo({ 'a.txt': 'a\n' });
    const name = 'refs/heads/x$(touch${IFS}pwned)`touch${IFS}pwned2`';
    const out = await spawnGit(repo, ['check-ref-format', '--normalize', name]);
    expect(out.toString('utf8')).toBe(`${name}\n`);
    expect(fs.readdirSync(repo).filter((f) => f.startsWith('pwned'))).toEqual([]);
  });

  test('resolves when git exits without reading a large input', async () => {
    const repo = quickRepo({ 'a.txt': 'a\n' });
    const out = await spawnGit(repo, ['rev-parse', '--is-inside-work-tree'], 'x'.repeat(4 * 1024 * 1024));
    expect(out.toString('utf8')).toBe('true\n');
  });

  test('a non-zero exit is GIT_FAILED with the exit code and the first line of stderr', async () => {
    const repo = quickRepo({ 'a.txt': 'a\n' });
    const error = await rejectionOf(spawnGit(repo, ['rev-parse', '--verify', 'no-such-ref']));
    expect(error.code).toBe('GIT_FAILED');
    expect(error.message).toBe(`git rev-parse failed in ${repo}: fatal: Needed a single revision`);
    expect(error.data).toEqual({ args: ['rev-parse', '--verify', 'no-such-ref'], dir: repo, exitCode: 128 });
  });

  test('a quiet non-zero exit still fails, naming the code', async () => {
    const repo = quickRepo({ 'a.txt': 'a\n' });
    const error = await rejectionOf(spawnGit(repo, ['rev-parse', '--verify', '-q', 'no-such-ref']));
    expect(error.message).toBe(`git rev-parse failed in ${repo}: exit code 1`);
  });

  test('a folder that does not exist is GIT_FAILED before git runs', async () => {
    const missing = path.join(makeTempDir(), 'gone');
    const error = await spawnGit(missing, ['version']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorktreeError);
    expect((error as WorktreeError).message).toMatch(/^git could not be started in .*gone: spawn git ENOENT/);
  });
});
