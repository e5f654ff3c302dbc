import { execFileSync } from 'node:child_process';
import { git, gitIdentityEnv, removeTempDirs } from '@parallel-cc/test-utils';
import { integratedBranches } from '../src';
import { spawnGit } from '../src/git';
import type { GitRunner, IntegrationStatus } from '../src';
import { quickRepo } from './support';

afterAll(() => removeTempDirs());

// Seven ways a branch can stand against main, dealt out round-robin.
const OUTCOMES: IntegrationStatus[] = [
  { integrated: true, how: 'ancestor', ownCommits: 0 }, // merged with a merge commit
  { integrated: true, how: 'squash', ownCommits: 2 }, // squash-merged
  { integrated: true, how: 'rebase', ownCommits: 2 }, // both commits copied onto main
  { integrated: false, how: null, ownCommits: 2 }, // unmerged
  { integrated: false, how: null, ownCommits: 0 }, // never got a commit
  { integrated: false, how: null, ownCommits: 2 }, // only the first commit copied
  { integrated: false, how: null, ownCommits: 1 }, // merged, then a new commit
];

function gitWithInput(dir: string, args: string[], input: string): void {
  execFileSync('git', args, { cwd: dir, input, env: { ...process.env, ...gitIdentityEnv() }, stdio: ['pipe', 'ignore', 'pipe'] });
}

const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
// Commit times grow with the marks, as they would when the commits were made one after another.
const now = Math.floor(Date.now() / 1000);
const commit = (ref: string, mark: number, from: string, message: string): string =>
  `commit ${ref}\nmark :${mark}\ncommitter Test <test@example.com> ${now + mark} +0000\n${data(message)}from ${from}\n`;
const addFile = (file: string): string => `M 100644 inline ${file}\n${data(`${file}\n`)}`;

/**
 * A repository with `count` branches forked from four points of main, each created first (so
 * its reflog starts at the fork) and then given its commits, and main carrying the merges,
 * squashes and copies of OUTCOMES. Three git processes build it all, whatever `count` is.
 */
function repoWithBranches(count: number): { repo: string; names: string[]; expected: Map<string, IntegrationStatus> } {
  const repo = quickRepo({ 'README.md': '# bulk\n' });
  const root = git(repo, 'rev-parse', 'main');
  gitWithInput(repo, ['fast-import', '--quiet'], [1, 2, 3, 4].map((n) => commit('refs/heads/main', n, n === 1 ? root : `:${n - 1}`, `m${n}`) + addFile(`m${n}.txt`)).join(''));
  const forks = git(repo, 'rev-list', '--reverse', `${root}..main`).split('\n');
  const names = Array.from({ length: count }, (_, i) => `bulk/b${String(i).padStart(4, '0')}`);
  gitWithInput(repo, ['update-ref', '--stdin'], names.map((name, i) => `create refs/heads/${name} ${forks[i % 4]}\n`).join(''));

  let mark = 100;
  let main = forks[3] ?? '';
  const stream: string[] = [];
  const onMain = (message: string, files: string[], merge?: string): void => {
    stream.push(commit('refs/heads/main', ++mark, main, message) + (merge ? `merge ${merge}\n` : '') + files.map(addFile).join(''));
    main = `:${mark}`;
  };
  names.forEach((name, i) => {
    const kind = i % OUTCOMES.length;
    if (kind === 4) return;
    const [one, two] = [`${name}/1.txt`, `${name}/2.txt`];
    stream.push(commit(`refs/heads/${name}`, ++mark, forks[i % 4] ?? '', `${name} one`) + addFile(one));
    const first = `:${mark}`;
    stream.push(commit(`refs/heads/${name}`, ++mark, first, `${name} two`) + addFile(two));
    const second = `:${mark}`;
    if (kind === 0) onMain(`merge ${name}`, [one, two], second);
    if (kind === 1) onMain(`squash ${name}`, [one, two]);
    if (kind === 2) [one, two].forEach((file) => onMain(`copy ${file}`, [file]));
    if (kind === 5) onMain(`copy ${one}`, [one]);
    if (kind === 6) onMain(`merge ${name} early`, [one], first);
  });
  gitWithInput(repo, ['fast-import', '--quiet'], stream.join(''));
  const expected = new Map(names.map((name, i) => [name, OUTCOMES[i % OUTCOMES.length] as IntegrationStatus]));
  return { repo, names, expected };
}

function countingRunner(): { runner: GitRunner; calls: string[][] } {
  const calls: string[][] = [];
  const runner: GitRunner = (dir, args, input) => {
    calls.push(args);
    return spawnGit(dir, args, input);
  };
  return { runner, calls };
}

describe('integratedBranches over many branches', () => {
  let bulk: ReturnType<typeof repoWithBranches>;

  beforeAll(() => {
    bulk = repoWithBranches(500);
  });

  test('the repository is what the test thinks it is', () => {
    expect(git(bulk.repo, 'for-each-ref', '--count=1000', '--format=x', 'refs/heads/bulk/').split('\n')).toHaveLength(500);
    expect(git(bulk.repo, 'rev-list', '--count', '--merges', 'main')).toBe(String(72 + 71));
    expect(git(bulk.repo, 'log', '-g', '--format=%H', 'refs/heads/bulk/b0004').split('\n')).toHaveLength(1);
  });

  // How fast: `npm run bench` (merge poll over 500 branches); a timed assertion here would only flake on a busy machine.
  test('500 branches are judged right', async () => {
    expect(await integratedBranches(bulk.repo, bulk.names, 'main')).toEqual(bulk.expected);
  });

  test('the number of git processes does not grow with the number of branches', async () => {
    const few = repoWithBranches(OUTCOMES.length);
    const small = countingRunner();
    const large = countingRunner();

    expect(await integratedBranches(few.repo, few.names, 'main', { git: small.runner })).toEqual(few.expected);
    await integratedBranches(bulk.repo, bulk.names, 'main', { git: large.runner });

    expect(large.calls.map((args) => args[0]).sort()).toEqual(small.calls.map((args) => args[0]).sort());
    expect(large.calls.length).toBeLessThanOrEqual(10);
    expect(large.calls.map((args) => args[0])).not.toContain('merge-base');
  });
});
