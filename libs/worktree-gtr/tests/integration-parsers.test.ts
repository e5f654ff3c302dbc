import { commitFiles, git, removeTempDirs } from '@parallel-cc/test-utils';
import { descendantsOf, newestCommits, walkGraph } from '../src/commit-graph';
import { parseParentLines } from '../src/parsers/parent-lines';
import { parseReflogStarts } from '../src/parsers/reflog-starts';
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

// Captured from `git log -g --stdin --format='%H %gD'`: entries of two refs interleaved by date.
const REFLOG = `928974d47015b935c4f9663213a828b1309020a4 refs/heads/b3@{0}
a6955d05a3c1ea5048510900e4f8a76951d46bbf refs/heads/b3@{1}
cdc0a6a1c0df155ed74301ff84022089a46e96ac refs/heads/topic@{0}
61110fdaef577a4e88857d6b6eb7879a80e77182 refs/heads/topic@{1}
1d50424148112965e1518af4976da423e9ba40e5 refs/heads/topic@{2}
`;

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

  test('parseReflogStarts keeps the oldest entry of each ref', () => {
    expect(parseReflogStarts(REFLOG)).toEqual(
      new Map([
        ['refs/heads/b3', 'a6955d05a3c1ea5048510900e4f8a76951d46bbf'],
        ['refs/heads/topic', '1d50424148112965e1518af4976da423e9ba40e5'],
      ]),
    );
    expect(parseReflogStarts('garbage\n')).toEqual(new Map());
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

