import { readFileSync } from 'node:fs';
import { GitHelper } from '../src/launch/git-helper';
import { gitOutput, gitOutputBytes, runGit, setGitLaunchMode } from '../src';
import { git, removeMade, tempDir } from './support';

let dir: string;

beforeAll(() => {
  dir = tempDir();
  git(dir, 'init', '-q', '-b', 'main');
  setGitLaunchMode('always');
});

afterAll(() => {
  setGitLaunchMode('auto');
  removeMade();
});

// The pid of the process that started git, as git's own shell alias sees it in /proc.
const parentOfGit = async (mode: 'always' | 'never') => {
  setGitLaunchMode(mode);
  try {
    const out = await gitOutput(dir, ['-c', "alias.parent=!awk '{ print $4 }' /proc/$PPID/stat", 'parent']);
    return Number(out.trim());
  } finally {
    setGitLaunchMode('always');
  }
};

test('in mode "always" git is started by the helper, in mode "never" by this process', async () => {
  expect(await parentOfGit('never')).toBe(process.pid);
  const viaHelper = await parentOfGit('always');
  expect(viaHelper).not.toBe(process.pid);
  expect(readFileSync(`/proc/${viaHelper}/cmdline`, 'utf8').split('\0')[0]).toBe(process.execPath);
});

test('through the helper: exit codes, stderr, stdin and stdout bytes are as git gave them', async () => {
  const missing = await runGit(dir, ['rev-parse', '--verify', 'no-such-ref']);
  expect(missing).toMatchObject({ exitCode: 128, stdout: '', stderr: 'fatal: Needed a single revision\n' });
  const blob = Buffer.alloc(3_000_000);
  for (let i = 0; i < blob.length; i++) blob[i] = (i * 7919) % 256;
  const oid = (await gitOutput(dir, ['hash-object', '-w', '--stdin'], { input: blob })).trim();
  const back = await gitOutputBytes(dir, ['cat-file', 'blob', oid]);
  expect(back.equals(blob)).toBe(true);
});

test('many gits at once each get their own answer', async () => {
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => gitOutput(dir, ['hash-object', '--stdin'], { input: `text ${i}\n` })));
  expect(new Set(answers).size).toBe(20);
  for (const [i, answer] of answers.entries()) expect(answer).toBe(await gitOutput(dir, ['hash-object', '--stdin'], { input: `text ${i}\n` }));
});

test('a helper that stops fails the gits it was running, and says no more to take', async () => {
  const helper = new GitHelper();
  const run = helper.run({ args: ['-c', 'alias.wait=!sleep 2', 'wait'], cwd: dir, env: process.env, input: '' });
  helper.close();
  expect(await run.done).toEqual({ startError: expect.stringContaining('git helper process stopped') });
  expect(helper.alive).toBe(false);
});
