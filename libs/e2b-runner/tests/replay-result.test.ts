import { execFileSync } from 'node:child_process';
import { git, makeRepo, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import { replayOnto } from '../src/run/replay-result';
import { makeStandInHead } from '../src/run/stand-in-head';

afterAll(() => removeTempDirs());

/** Commits `files` on `parent` (HEAD detached there) as `who`, at fixed times; returns the commit. */
function commitOn(repo: string, parent: string, files: Record<string, string>, message: string, who = 'agent'): string {
  git(repo, 'checkout', '-q', '--detach', parent);
  writeFiles(repo, files);
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: who,
    GIT_AUTHOR_EMAIL: 'agent@example.com',
    GIT_AUTHOR_DATE: '@1700000000 +0130',
    GIT_COMMITTER_NAME: 'sandbox',
    GIT_COMMITTER_EMAIL: 'sandbox@example.com',
    GIT_COMMITTER_DATE: '@1700000100 -0500',
  };
  execFileSync('git', ['add', '-A'], { cwd: repo, env });
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: repo, env });
  return git(repo, 'rev-parse', 'HEAD');
}

describe('a history-free upload and its replay', () => {
  it('makes a parentless stand-in without the left-out files, and replays commits onto the real head, merges and all', async () => {
    const repo = makeRepo({ 'README.md': '# r\n', 'certs/a*.pem': 'key\n', 'certs/ab.pem': 'other key\n' });
    const head = git(repo, 'rev-parse', 'main');
    const env = process.env;

    const standIn = await makeStandInHead(repo, head, ['certs/a*.pem'], env);
    expect(git(repo, 'rev-list', '--parents', '-n1', standIn)).toBe(standIn);
    expect(git(repo, 'ls-tree', '-r', '--name-only', standIn).split('\n')).toEqual(['README.md', 'certs/ab.pem']);
    expect(git(repo, 'status', '--porcelain')).toBe('');

    const one = commitOn(repo, standIn, { 'a.txt': 'a\n' }, 'one');
    const two = commitOn(repo, standIn, { 'b.txt': 'b\n', 'certs/a*.pem': 'the agent’s own\n' }, 'two', 'other agent');
    git(repo, 'checkout', '-q', '--detach', one);
    git(repo, '-c', 'user.name=agent', '-c', 'user.email=agent@example.com', 'merge', '-q', '--no-edit', two);
    const merge = git(repo, 'rev-parse', 'HEAD');

    const replayed = await replayOnto(repo, { standIn, onto: head, tips: [merge] }, env);
    const newMerge = replayed.get(merge) ?? '';
    const newOne = replayed.get(one) ?? '';
    const newTwo = replayed.get(two) ?? '';
    expect(git(repo, 'rev-list', '--parents', '-n1', newMerge)).toBe(`${newMerge} ${newOne} ${newTwo}`);
    expect(git(repo, 'rev-list', '--parents', '-n1', newOne)).toBe(`${newOne} ${head}`);
    // The left-out file is back where the commit had none of its own; the agent's own file wins.
    expect(git(repo, 'show', `${newOne}:certs/a*.pem`)).toBe('key');
    expect(git(repo, 'show', `${newTwo}:certs/a*.pem`)).toBe('the agent’s own');
    expect(git(repo, 'log', '-1', '--format=%an|%ad|%cn|%cd|%s', '--date=raw', newTwo)).toBe('other agent|1700000000 +0130|sandbox|1700000100 -0500|two');
    // Replaying again gives the same commits.
    expect((await replayOnto(repo, { standIn, onto: head, tips: [merge] }, env)).get(merge)).toBe(newMerge);
  });
});
