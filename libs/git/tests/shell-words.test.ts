import { execFileSync } from 'node:child_process';
import { commandLine, shellWord } from '../src';

describe('shellWord', () => {
  test('plain names stay bare; anything a shell reads otherwise is quoted', () => {
    expect(shellWord('parallel-cc/merge/main-b')).toBe('parallel-cc/merge/main-b');
    expect(shellWord('a b')).toBe("'a b'");
    expect(shellWord('q$(touch${IFS}/tmp/x)')).toBe("'q$(touch${IFS}/tmp/x)'");
    expect(shellWord("it's")).toBe("'it'\\''s'");
    expect(shellWord('')).toBe("''");
    expect(shellWord('~/x')).toBe("'~/x'");
    expect(shellWord('=cmd')).toBe("'=cmd'");
  });

  test('sh hands every argument back unchanged', () => {
    const args = ['plain', 'a b', 'q$(echo pwned)', "it's", '`id`', 'x;y&&z|w', '*', 'tab\there', 'new\nline', '"dq"', '\\', '!event', ''];
    const out = execFileSync('sh', ['-c', `printf '%s\\0' ${commandLine(args)}`]).toString('utf8');
    expect(out.split('\0').slice(0, -1)).toEqual(args);
  });
});
