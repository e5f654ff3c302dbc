import { commitFiles, git, removeTempDirs } from '@parallel-cc/test-utils';
import { descendantsOf, newestCommits, walkGraph } from '../src/commit-graph';
import { parseParentLines } from '../src/parsers/parent-lines';
import { parseReflogs } from '../src/parsers/reflogs';
import { parseTimedRevList } from '../src/parsers/timed-rev-list';
import { gitRaw, quickRepo } from './support';

afterAll(() => removeTempDirs());

// Captured from git 2.39.5: branches b1, b2 and topic against main.
const TIMED_REV_LIST = `1795489624 cbba3c76a693912dc272a3fdb21cd95a51e33b42 a6955d05a3c1ea5048510900e4f8a76951d46bbf
1795489624 90eec4daaa9ba97e320a0402aecfcf0f34f94ada a6955d05a3c1ea5048510900e4f8a76951d46bbf
1795489614 cdc0a6a1c0df155ed74301ff84022089a46e96ac 61110fdaef577a4e88857d6b6eb7879a80e77182
1795489614 61110fdaef577a4e88857d6b6eb7879a80e77182 1d50424148112965e1518af4976da423e9ba40e5
1795489614 -1d50424148112965e1518af4976da423e9ba40e5
1795489620 -a6955d05a3c1ea5048510900e4f8a76951d46bbf 207b2a3cee84d078fad37620f776f5f7caf5e9fa
`;

// Captured from `git log -g --stdin --date=unix --format=%H%x00%gD%x00%gs`: two refs interleaved by date.
const REFLOG = [
  '745c0ed390aee7e4287f11a8016a7d67047618ad\0refs/heads/topic@{1796438935}\0commit: c',
  '89003253ab1f117506c8e4b5baa4aa72cb1c4e00\0refs/heads/topic@{1796438935}\0merge main: Fast-forward',
  '89003253ab1f117506c8e4b5baa4aa72cb1c4e00\0main@{1796438934}\0commit: b',
  '9eaf538e326ee5e941bc7cfb7b34b93729689f98\0refs/heads/topic@{1796438933}\0branch: Created from main',
  '9eaf538e326ee5e941bc7cfb7b34b93729689f98\0main@{1796438933}\0commit (initial): a',
  '',
].join('\n');

// The parsers of output that only the integration check reads; @parallel-cc/git tests the shared ones.
describe('parsers of the integration check', () => {
  test('parseTimedRevList separates listed commits from boundary commits', () => {
    const { graph, boundaryTimes } = parseTimedRevList(TIMED_REV_LIST);
    expect([...graph.keys()]).toEqual([
      'cbba3c76a693912dc272a3fdb21cd95a51e33b42',
      '90eec4daaa9ba97e320a0402aecfcf0f34f94ada',
      'cdc0a6a1c0df155ed74301ff84022089a46e96ac',
      '61110fdaef577a4e88857d6b6eb7879a80e77182',
    ]);
    expect(graph.get('61110fdaef577a4e88857d6b6eb7879a80e77182')).toEqual(['1d50424148112965e1518af4976da423e9ba40e5']);
    expect(boundaryTimes).toEqual(
      new Map([
        ['1d50424148112965e1518af4976da423e9ba40e5', 1795489614],
        ['a6955d05a3c1ea5048510900e4f8a76951d46bbf', 1795489620],
      ]),
    );
  });

  test('parseTimedRevList reads what git prints now', () => {
    const repo = quickRepo({ 'a.txt': 'a\n' });
    const root = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'checkout', '-q', '-b', 'topic');
    const one = commitFiles(repo, { 'b.txt': 'b\n' });
    const { graph, boundaryTimes } = parseTimedRevList(gitRaw(repo, 'rev-list', '--parents', '--boundary', '--timestamp', 'topic', '^main~0'));
    expect(graph).toEqual(new Map([[one, [root]]]));
    expect([...boundaryTimes.keys()]).toEqual([root]);
    expect(boundaryTimes.get(root)).toBe(Number(git(repo, 'log', '-1', '--format=%ct', root)));
  });

  test('parseParentLines reads merges and roots', () => {
    const repo = quickRepo({ 'a.txt': 'a\n' });
    const root = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'checkout', '-q', '-b', 'side');
    const side = commitFiles(repo, { 's.txt': 's\n' });
    git(repo, 'checkout', '-q', 'main');
    const main = commitFiles(repo, { 'm.txt': 'm\n' });
    git(repo, 'merge', '-q', '--no-edit', 'side');
    const merge = git(repo, 'rev-parse', 'HEAD');
    expect(parseParentLines(gitRaw(repo, 'rev-list', '--parents', 'main'))).toEqual(
      new Map([
        [merge, [main, side]],
        [side, [root]],
        [main, [root]],
        [root, []],
      ]),
    );
  });

  test("parseReflogs keeps each ref's entries newest first, under the name it was asked for", () => {
    const reflogs = parseReflogs(REFLOG);
    expect([...reflogs.keys()]).toEqual(['refs/heads/topic', 'main']);
    expect(reflogs.get('refs/heads/topic')).toEqual([
      { commit: '745c0ed390aee7e4287f11a8016a7d67047618ad', time: 1796438935, subject: 'commit: c' },
      { commit: '89003253ab1f117506c8e4b5baa4aa72cb1c4e00', time: 1796438935, subject: 'merge main: Fast-forward' },
      { commit: '9eaf538e326ee5e941bc7cfb7b34b93729689f98', time: 1796438933, subject: 'branch: Created from main' },
    ]);
    expect(reflogs.get('main')?.map((e) => e.subject)).toEqual(['commit: b', 'commit (initial): a']);
    expect(parseReflogs('garbage\n')).toEqual(new Map());
  });
});

describe('commit graph helpers', () => {
  // a ← b ← c ← m (merge of c and d), a ← d; x is outside the graph, below a.
  const graph = new Map([
    ['a', ['x']],
    ['b', ['a']],
    ['c', ['b']],
    ['d', ['a']],
    ['m', ['c', 'd']],
  ]);

  test('walkGraph stays inside and reports where it stopped', () => {
    expect(walkGraph(graph, ['c'])).toEqual({ inside: new Set(['c', 'b', 'a']), edge: new Set(['x']) });
    expect(walkGraph(graph, ['y'])).toEqual({ inside: new Set(), edge: new Set(['y']) });
  });

  test('newestCommits drops candidates another one reaches', () => {
    expect(newestCommits(graph, ['a', 'c', 'd'])).toEqual(['c', 'd']);
    expect(newestCommits(graph, ['b', 'x'])).toEqual(['b']);
    expect(newestCommits(graph, ['x', 'y'])).toEqual(['x', 'y']);
  });

  test('descendantsOf finds every commit above one', () => {
    expect(descendantsOf(graph, 'b')).toEqual(new Set(['c', 'm']));
    expect(descendantsOf(graph, 'x')).toEqual(new Set(['a', 'b', 'c', 'd', 'm']));
    expect(descendantsOf(graph, 'm')).toEqual(new Set());
  });
});

