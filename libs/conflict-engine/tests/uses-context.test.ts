import * as git from '@parallel-cc/git';
import { removeTempDirs } from '@parallel-cc/test-utils';
import { detectWithContext } from '../src/detect-conflicts';
import { mergeCommits } from '../src/semantic/side-files';
import { branchWith, twoSides } from './support';

// The sides' changed files are listed by @parallel-cc/git's changedBlobs: counted here, run for real.
jest.mock('@parallel-cc/git', () => {
  const actual = jest.requireActual<typeof git>('@parallel-cc/git');
  return { ...actual, changedBlobs: jest.fn(actual.changedBlobs) };
});
const changedBlobs = git.changedBlobs as jest.MockedFunction<typeof git.changedBlobs>;

afterAll(() => removeTempDirs());

const GREET = `export function greet(name: string): string {
  return 'hello ' + name;
}
`;

test('without the semantic check, a side met again from the same merge base is not read again', async () => {
  const app = "import { greet } from './greet';\nexport const a = 1;\n";
  const caller = (name: string) => ({
    write: { 'src/greet.ts': GREET.replace("'hello '", `'hello from ${name}, '`), 'src/app.ts': `${app}export const ${name} = greet('${name}');\n` },
  });
  const repo = twoSides({ 'src/greet.ts': GREET, 'src/app.ts': app }, { write: { 'src/greet.ts': GREET.replace('(name: string)', '(name: string, loud = false)') } }, caller('b'));
  branchWith(repo, 'other', caller('c'));
  const pair = async (theirs: string) => {
    const [commits] = await mergeCommits(repo, [['ours', theirs]]);
    changedBlobs.mockClear();
    const { report, context } = await detectWithContext({ repo, ours: 'ours', theirs, semantic: false }, commits);
    return { report, context, sidesListed: changedBlobs.mock.calls.map(([, from, to]) => [from, to]), commits: commits! };
  };
  const first = await pair('theirs');
  const second = await pair('other');
  for (const { report, context } of [first, second]) {
    expect(report.conflicts[0]?.classification).toMatchObject({ class: 'SEMANTIC', reason: expect.stringMatching(/ours changes the signature of greet while/) });
    expect(context.theirsChanges?.map((f) => f.path)).toEqual(['src/app.ts']);
  }
  // Each side once: ours's changed files, then only the other branch's.
  const { base } = first.commits;
  expect(first.sidesListed).toEqual([
    [base, first.commits.ours],
    [base, first.commits.theirs],
  ]);
  expect(second.sidesListed).toEqual([[base, second.commits.theirs]]);
  // The same pair again: nothing of the sides is read.
  const again = await pair('other');
  expect(again.sidesListed).toEqual([]);
  expect(again.report).toEqual(second.report);
});

test('a file naming the changed declaration only inside longer words, or a binary one, is not taken for a user', async () => {
  const app = "import { greet } from './greet';\nexport const a = 1;\n";
  const repo = twoSides(
    { 'src/greet.ts': GREET, 'src/app.ts': app },
    { write: { 'src/greet.ts': GREET.replace('(name: string)', '(name: string, loud: boolean)') } },
    {
      write: {
        'src/greet.ts': GREET.replace("'hello '", "'hello, '"),
        'src/app.ts': `${app}export const b = greet('b');\n`,
        'src/greeting.ts': "export const greeting = 'greetings';\nexport const regreet = 1;\n",
        'src/blob.ts': "import { greet } from './greet';\u0000\nexport const c = greet('c');\n",
      },
    },
  );
  const { report, context } = await detectWithContext({ repo, ours: 'ours', theirs: 'theirs', semantic: false });
  expect(report.conflicts[0]?.classification?.reason).toMatch(/theirs adds uses of it \(src\/app\.ts\)$/);
  expect(context.theirsChanges?.map((f) => f.path)).toEqual(['src/app.ts']);
});
