import { describeLineRanges, diffLineRanges, formatLineRanges, guardValue, parseLineRanges } from '../src';

// `git diff -U0` of one file, as git 2.39 prints it.
const DIFF = [
  'diff --git a/src/app.ts b/src/app.ts',
  'index 1b2c3d4..5e6f7a8 100644',
  '--- a/src/app.ts',
  '+++ b/src/app.ts',
  '@@ -2 +2 @@ one',
  '-two',
  '+TWO',
  '@@ -5,0 +6,3 @@ four',
  '+six',
  '+seven',
  '+eight',
  '@@ -12,2 +14,0 @@ eleven',
  '-twelve',
  '-thirteen',
  '@@ -15 +15 @@',
  '-x',
  '+y',
  '',
].join('\n');

describe('changed line ranges', () => {
  it('reads the new side of each hunk, placing a deletion at the line it follows, and merges touching ranges', () => {
    expect(diffLineRanges(DIFF)).toEqual([
      [2, 2],
      [6, 8],
      [14, 15],
    ]);
    expect(diffLineRanges('@@ -1,3 +0,0 @@\n-a\n-b\n-c\n')).toEqual([[1, 1]]);
    expect(diffLineRanges('')).toEqual([]);
  });

  it('is stored as text and told to people', () => {
    const text = formatLineRanges(diffLineRanges(DIFF));
    expect(text).toBe('2,6-8,14-15');
    expect(parseLineRanges(text)).toEqual(diffLineRanges(DIFF));
    expect(parseLineRanges('3,x,5-')).toEqual([[3, 3]]);
    expect(describeLineRanges(text)).toBe('lines 2, 6-8, 14-15');
    expect(describeLineRanges('7')).toBe('line 7');
    expect(describeLineRanges('')).toBe('lines not known');
    expect(describeLineRanges('1,3,5,7', 2)).toBe('lines 1, 3 and 2 more');
  });
});

describe('git config parallel-cc.guard, read from the file', () => {
  it('finds the last value of the section, in any case, quoted or not, with comments', () => {
    expect(guardValue('[core]\n\tbare = false\n[parallel-cc]\n\tguard = warn\n')).toBe('warn');
    expect(guardValue('[Parallel-CC]\n  Guard = "DENY" # team rule\n[parallel-cc]\nguard=off ; later wins\n')).toBe('off');
    expect(guardValue('[other]\n\tguard = deny\n[remote "origin"]\n\turl = x\n')).toBeNull();
    expect(guardValue('')).toBeNull();
  });
});
