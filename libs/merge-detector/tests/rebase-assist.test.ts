import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeRepo, makeTempDir, makeTempHome, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import { MergeDetectorError, rebaseAssist } from '../src';
import { rejectionOf } from './support';

const { env } = makeTempHome();

afterAll(() => removeTempDirs());

/** A repository and a worktree on `topic`, which changes `shared.txt` one way; main may change it another. */
function scene(options: { conflict: boolean }) {
  const repo = makeRepo({ 'a.txt': 'a\n', 'shared.txt': 'base\n' });
  const worktree = path.join(makeTempDir(), 'topic');
  git(repo, 'worktree', 'add', '-q', '-b', 'topic', worktree);
  commitFiles(worktree, { 'shared.txt': 'topic\n', 'b.txt': 'b\n' }, 'topic work');
  commitFiles(repo, options.conflict ? { 'shared.txt': 'main\n' } : { 'm.txt': 'm\n' }, 'main work');
  return { repo, worktree, head: git(worktree, 'rev-parse', 'HEAD') };
}

const inProgress = (worktree: string) => fs.existsSync(path.resolve(worktree, git(worktree, 'rev-parse', '--git-path', 'rebase-merge')));

describe('rebaseAssist', () => {
  test('rebases a clean worktree (untracked files do not stop it)', async () => {
    const { repo, worktree } = scene({ conflict: false });
    writeFiles(worktree, { 'notes.txt': 'mine\n' });
    const result = await rebaseAssist({ worktree, onto: 'main', env });
    expect(result).toMatchObject({ success: true, status: 'rebased', conflictingFiles: [], changedFiles: [], message: 'Rebased onto main.' });
    expect(git(worktree, 'rev-parse', 'HEAD~1')).toBe(git(repo, 'rev-parse', 'main'));
    expect(fs.readFileSync(path.join(worktree, 'm.txt'), 'utf8')).toBe('m\n');
    expect(fs.readFileSync(path.join(worktree, 'notes.txt'), 'utf8')).toBe('mine\n');
  });

  test('reports up-to-date when the target is already in HEAD, and changes nothing', async () => {
    const { worktree, head } = scene({ conflict: false });
    await rebaseAssist({ worktree, onto: 'main', env });
    const rebased = git(worktree, 'rev-parse', 'HEAD');
    expect(await rebaseAssist({ worktree, onto: 'main', env })).toMatchObject({ success: true, status: 'up-to-date' });
    expect(await rebaseAssist({ worktree, onto: 'main', checkOnly: true, env })).toMatchObject({ success: true, status: 'up-to-date' });
    expect(git(worktree, 'rev-parse', 'HEAD')).toBe(rebased);
    expect(rebased).not.toBe(head);
  });

  test('on conflict, lists the files and leaves the rebase stopped', async () => {
    const { worktree } = scene({ conflict: true });
    const result = await rebaseAssist({ worktree: path.join(worktree, '.'), onto: 'main', env });
    expect(result).toMatchObject({ success: false, status: 'conflicts', conflictingFiles: ['shared.txt'] });
    expect(result.message).toContain('git rebase --continue');
    expect(result.output).toContain('CONFLICT');
    expect(inProgress(worktree)).toBe(true);

    const again = await rejectionOf(rebaseAssist({ worktree, onto: 'main', env }));
    expect(again).toBeInstanceOf(MergeDetectorError);
    expect(again).toMatchObject({ code: 'REBASE_IN_PROGRESS', data: { conflictingFiles: ['shared.txt'] } });
  });

  test('on conflict with onConflict abort, puts the worktree back where it was', async () => {
    const { worktree, head } = scene({ conflict: true });
    const result = await rebaseAssist({ worktree, onto: 'main', onConflict: 'abort', env });
    expect(result).toMatchObject({ success: false, status: 'conflicts', conflictingFiles: ['shared.txt'] });
    expect(result.message).toContain('aborted');
    expect(inProgress(worktree)).toBe(false);
    expect(git(worktree, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(worktree, 'symbolic-ref', '--short', 'HEAD')).toBe('topic');
    expect(git(worktree, 'status', '--porcelain')).toBe('');
  });

  test('refuses a worktree with uncommitted changes as dirty, not as a conflict, and touches nothing', async () => {
    const { worktree, head } = scene({ conflict: false });
    writeFiles(worktree, { 'a.txt': 'edited\n' });
    const result = await rebaseAssist({ worktree, onto: 'main', env });
    expect(result).toMatchObject({ success: false, status: 'dirty', conflictingFiles: [], changedFiles: [' M a.txt'] });
    expect(result.message).toMatch(/uncommitted changes.*commit or stash them first: {2}M a\.txt\.$/);
    expect(git(worktree, 'rev-parse', 'HEAD')).toBe(head);
    expect(fs.readFileSync(path.join(worktree, 'a.txt'), 'utf8')).toBe('edited\n');
  });

  test('check-only predicts a clean rebase or a conflict and changes nothing', async () => {
    const clean = scene({ conflict: false });
    expect(await rebaseAssist({ worktree: clean.worktree, onto: 'main', checkOnly: true, env })).toMatchObject({
      success: true,
      status: 'would-rebase',
      conflictingFiles: [],
    });
    const conflicting = scene({ conflict: true });
    writeFiles(conflicting.worktree, { 'a.txt': 'dirty is fine for a prediction\n' });
    const predicted = await rebaseAssist({ worktree: conflicting.worktree, onto: 'main', checkOnly: true, env });
    expect(predicted).toMatchObject({ success: false, status: 'would-conflict', conflictingFiles: ['shared.txt'] });
    expect(predicted.output).toContain('CONFLICT (content)');
    for (const { worktree, head } of [clean, conflicting]) {
      expect(git(worktree, 'rev-parse', 'HEAD')).toBe(head);
      expect(inProgress(worktree)).toBe(false);
    }
    expect(git(conflicting.worktree, 'status', '--porcelain')).toBe('M a.txt');
  });

  test('check-only counts only what git would stop on as conflicting; a semantic break is named, not counted', async () => {
    const math = 'export function mul(a: number, b: number): number {\n  return a * b;\n}\n';
    const repo = makeRepo({ 'src/math.ts': math, 'shared.txt': 'base\n' });
    const worktree = path.join(makeTempDir(), 'topic');
    git(repo, 'worktree', 'add', '-q', '-b', 'topic', worktree);
    commitFiles(worktree, { 'src/area.ts': "import { mul } from './math';\n\nexport const area = mul(2, 3);\n" }, 'a caller of mul');
    commitFiles(repo, { 'src/math.ts': math.replace('function mul', 'function times') }, 'mul renamed');

    const clean = await rebaseAssist({ worktree, onto: 'main', checkOnly: true, env });
    expect(clean).toMatchObject({ success: true, status: 'would-rebase', conflictingFiles: [] });
    expect(clean.message).toBe('Rebasing onto main should go through without conflicts. Afterwards, code would break where one side still uses what the other removed or re-signed: src/area.ts (mul).');

    commitFiles(worktree, { 'shared.txt': 'topic\n' }, 'topic edits shared');
    commitFiles(repo, { 'shared.txt': 'main\n' }, 'main edits shared');
    const conflicting = await rebaseAssist({ worktree, onto: 'main', checkOnly: true, env });
    expect(conflicting).toMatchObject({ success: false, status: 'would-conflict', conflictingFiles: ['shared.txt'] });
    expect(conflicting.message).toMatch(/^Rebasing onto main would conflict in 1 file\. Nothing was changed\. Afterwards, .*: src\/area\.ts \(mul\)\.$/);
  });

  test('check-only replays the commits: a change a later commit undoes still stops the rebase where it conflicts', async () => {
    const repo = makeRepo({ 'a.txt': 'one\n' });
    const worktree = path.join(makeTempDir(), 'topic');
    git(repo, 'worktree', 'add', '-q', '-b', 'topic', worktree);
    const first = commitFiles(worktree, { 'a.txt': 'FOO\n' }, 'try foo');
    commitFiles(worktree, { 'a.txt': 'one\n' }, 'undo foo');
    commitFiles(worktree, { 'b.txt': 'b\n' }, 'more');
    commitFiles(repo, { 'a.txt': 'BAR\n' }, 'main changes a');
    const head = git(worktree, 'rev-parse', 'HEAD');

    const predicted = await rebaseAssist({ worktree, onto: 'main', checkOnly: true, env });
    expect(predicted).toMatchObject({ success: false, status: 'would-conflict', conflictingFiles: ['a.txt'] });
    expect(predicted.message).toContain(`would stop at commit ${first.slice(0, 12)} (try foo) with conflicts in 1 file: a.txt`);
    expect(git(worktree, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(worktree, 'status', '--porcelain')).toBe('');
    // What the real rebase does.
    expect(await rebaseAssist({ worktree, onto: 'main', onConflict: 'abort', env })).toMatchObject({ status: 'conflicts', conflictingFiles: ['a.txt'] });
  });

  test('check-only on a worktree with uncommitted changes says the rebase would be refused, then predicts', async () => {
    const { worktree } = scene({ conflict: false });
    writeFiles(worktree, { 'shared.txt': 'edited, not committed\n' });
    const predicted = await rebaseAssist({ worktree, onto: 'main', checkOnly: true, env });
    expect(predicted).toMatchObject({ success: false, status: 'dirty', changedFiles: [' M shared.txt'] });
    expect(predicted.message).toMatch(/^The worktree has uncommitted changes, so a rebase would be refused; .* Then: Rebasing onto main should go through without conflicts\.$/);
  });

  test('two rebases of one worktree at once: one runs, the other is REBASE_IN_PROGRESS, never a raw git error', async () => {
    const { worktree } = scene({ conflict: true });
    const outcomes = await Promise.allSettled([rebaseAssist({ worktree, onto: 'main', env }), rebaseAssist({ worktree, onto: 'main', env })]);
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as MergeDetectorError).code] : []));
    const results = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.status] : []));
    expect({ results, failures }).toEqual({ results: ['conflicts'], failures: ['REBASE_IN_PROGRESS'] });
    git(worktree, 'rebase', '--abort');
  });

  test('checks its input before running anything', async () => {
    const { worktree, head } = scene({ conflict: false });
    for (const onto of ['--exec=touch x', '-x', 'main~1', '']) {
      await expect(rebaseAssist({ worktree, onto, env })).rejects.toMatchObject({ code: 'INVALID_REF' });
    }
    await expect(rebaseAssist({ worktree, onto: 'no-such-branch', env })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rebaseAssist({ worktree: makeTempDir(), onto: 'main', env })).rejects.toMatchObject({ code: 'NOT_A_REPOSITORY' });
    await expect(rebaseAssist({ worktree: path.join(worktree, 'missing'), onto: 'main', env })).rejects.toMatchObject({ code: 'NOT_A_REPOSITORY' });
    expect(git(worktree, 'rev-parse', 'HEAD')).toBe(head);
  });

  test('a rebase git refuses for another reason is an error, with nothing left half done', async () => {
    const { repo, worktree, head } = scene({ conflict: false });
    commitFiles(repo, { 'u.txt': 'from main\n' }, 'main adds u');
    writeFiles(worktree, { 'u.txt': 'untracked here\n' });
    const error = await rejectionOf(rebaseAssist({ worktree, onto: 'main', env }));
    expect(error).toMatchObject({ code: 'GIT_FAILED' });
    expect(error.message).toMatch(/^git rebase onto main failed in /);
    expect(git(worktree, 'rev-parse', 'HEAD')).toBe(head);
    expect(inProgress(worktree)).toBe(false);
  });
});
