import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { batchObjects, BatchAnswerReader } from '../src/objects/batch-answer';
import { readGitObjects } from '../src';
import * as runGit from '../src/run-git';
import { commitFiles, git, removeMade, tempDir } from './support';

let dir: string;

beforeAll(() => {
  dir = tempDir();
  git(dir, 'init', '-q', '-b', 'main');
  commitFiles(dir, { 'a.txt': 'alpha\n', 'sub/b.txt': 'beta\n' });
});

afterAll(removeMade);

const text = (objects: Map<string, Buffer | null>, name: string) => objects.get(name)?.toString('utf8') ?? null;
const writeBlob = (content: string | Buffer) => execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, input: content, encoding: 'utf8' }).trim();
// Handles that keep this process alive (unref'd ones are not listed).
const liveProcesses = () => process.getActiveResourcesInfo().filter((kind) => kind === 'ProcessWrap').length;

test('objects by id and by rev:path; what git cannot find, and a name with a newline, are null', async () => {
  const blob = git(dir, 'rev-parse', 'HEAD:a.txt').trim();
  const objects = await readGitObjects(dir, [blob, 'HEAD:sub/b.txt', 'HEAD:no-such-file', `HEAD:a.txt\nHEAD:sub/b.txt`, blob]);
  expect(objects.size).toBe(4);
  expect(text(objects, blob)).toBe('alpha\n');
  expect(text(objects, 'HEAD:sub/b.txt')).toBe('beta\n');
  expect(objects.get('HEAD:no-such-file')).toBeNull();
  expect(objects.get(`HEAD:a.txt\nHEAD:sub/b.txt`)).toBeNull();
  expect(await readGitObjects(dir, [])).toEqual(new Map());
});

test('with mayBeMissing, what the kept git cannot find is null without asking a new git', async () => {
  const fresh = jest.spyOn(runGit, 'runGitBytes');
  try {
    const objects = await readGitObjects(dir, ['HEAD:no-such-file', 'HEAD:a.txt'], { mayBeMissing: true });
    expect(objects.get('HEAD:no-such-file')).toBeNull();
    expect(text(objects, 'HEAD:a.txt')).toBe('alpha\n');
    expect(fresh).not.toHaveBeenCalled();
    // Without it, a new git confirms the miss.
    expect((await readGitObjects(dir, ['HEAD:no-such-file'])).get('HEAD:no-such-file')).toBeNull();
    expect(fresh).toHaveBeenCalledTimes(1);
  } finally {
    fresh.mockRestore();
  }
});

test('objects written after the kept git started are read, large ones whole', async () => {
  await readGitObjects(dir, ['HEAD:a.txt']);
  const big = Buffer.alloc(3_000_000);
  for (let i = 0; i < big.length; i++) big[i] = (i * 7919) % 256;
  const [small, large] = [writeBlob('written later\n'), writeBlob(big)];
  const objects = await readGitObjects(dir, [small, large]);
  expect(text(objects, small)).toBe('written later\n');
  expect(objects.get(large)?.equals(big)).toBe(true);
});

test('reads at once each get their own answers', async () => {
  const blobs = Array.from({ length: 20 }, (_, i) => writeBlob(`blob ${i}\n`));
  const answers = await Promise.all(blobs.map((blob, i) => readGitObjects(dir, i % 2 === 0 ? [blob] : [blob, 'HEAD:a.txt'])));
  answers.forEach((objects, i) => {
    expect(text(objects, blobs[i]!)).toBe(`blob ${i}\n`);
    if (i % 2 === 1) expect(text(objects, 'HEAD:a.txt')).toBe('alpha\n');
  });
});

test('a repository removed and made again in the same folder is read, not the old one', async () => {
  const place = tempDir();
  git(place, 'init', '-q', '-b', 'main');
  commitFiles(place, { 'f.txt': 'first repository\n' });
  expect(text(await readGitObjects(place, ['HEAD:f.txt']), 'HEAD:f.txt')).toBe('first repository\n');
  fs.rmSync(place, { recursive: true, force: true });
  fs.mkdirSync(place);
  git(place, 'init', '-q', '-b', 'main');
  commitFiles(place, { 'f.txt': 'second repository\n' });
  expect(text(await readGitObjects(place, ['HEAD:f.txt']), 'HEAD:f.txt')).toBe('second repository\n');
  expect(text(await readGitObjects(place, ['HEAD:f.txt']), 'HEAD:f.txt')).toBe('second repository\n');
});

test('a folder that is no repository fails as GIT_FAILED, quoting git', async () => {
  const plain = tempDir();
  await expect(readGitObjects(plain, ['HEAD:a.txt'])).rejects.toMatchObject({ code: 'GIT_FAILED', message: expect.stringContaining('not a git repository') });
});

test('a kept git holds this process open only while a read waits', async () => {
  await readGitObjects(dir, ['HEAD:a.txt']);
  const reading = readGitObjects(dir, ['HEAD:a.txt']);
  const whileReading = liveProcesses();
  await reading;
  expect(liveProcesses()).toBeLessThan(whileReading);
});

test('an answer split anywhere reads the same as whole', () => {
  const blobs = ['one\n', '', 'three three\n'].map(writeBlob);
  const whole = execFileSync('git', ['cat-file', '--batch'], { cwd: dir, input: `${blobs[0]}\nmissing-name\n${blobs[1]}\n${blobs[2]}\n` }) as Buffer;
  const expected = ['one\n', null, '', 'three three\n'];
  expect(batchObjects(whole).map((o) => o?.toString('utf8') ?? null)).toEqual(expected);
  for (let size = 1; size <= 7; size++) {
    const got: Array<string | null> = [];
    const reader = new BatchAnswerReader((o) => got.push(o?.toString('utf8') ?? null));
    for (let at = 0; at < whole.length; at += size) reader.push(whole.subarray(at, at + size));
    expect(got).toEqual(expected);
  }
});
