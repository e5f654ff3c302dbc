import { conflictRegions, parseMerged } from '../src/regions';

describe('parseMerged', () => {
  test('text and regions in order, each line kept with its line end (CRLF too), the last one without', () => {
    const merged = 'a\r\n<<<<<<< ours\r\nx\r\n||||||| base\r\nb\r\n=======\r\ny\r\n>>>>>>> theirs\r\nz';
    expect(parseMerged(merged)).toEqual(['a\r\n', { line: 2, ours: 'x\r\n', base: 'b\r\n', theirs: 'y\r\n' }, 'z']);
  });

  test('a region without base section, two in a row, and markers longer than seven', () => {
    const merged = '<<<<<<< ours\nx\n=======\ny\n>>>>>>> theirs\n<<<<<<<<< ours\n=========\nw\n>>>>>>>>> theirs\n';
    expect(parseMerged(merged)).toEqual([
      { line: 1, ours: 'x\n', base: null, theirs: 'y\n' },
      { line: 6, ours: '', base: null, theirs: 'w\n' },
    ]);
    expect(conflictRegions(merged).map((r) => r.line)).toEqual([1, 6]);
  });

  test('an unterminated region stays text; nothing comes of an empty file', () => {
    expect(parseMerged('a\n<<<<<<< ours\nx\n=======\n')).toEqual(['a\n<<<<<<< ours\nx\n=======\n']);
    expect(parseMerged('')).toEqual([]);
    expect(parseMerged('\n\n')).toEqual(['\n\n']);
  });
});
