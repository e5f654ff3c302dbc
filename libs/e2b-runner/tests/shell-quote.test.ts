import { execFileSync } from 'node:child_process';
import { quoteShellArg, shellCommand } from '../src/sandbox/shell-quote';
import { NASTY_PROMPT, thrownBy } from './support';

// What a real POSIX shell hands the program for `command`: printf prints each argument NUL-ended.
function argvSeenBy(shell: string, args: string[]): string[] {
  const out = execFileSync(shell, ['-c', shellCommand(['printf', '%s\\0', ...args])], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

const ascii = Array.from({ length: 127 }, (_, i) => String.fromCharCode(i + 1));

// A small deterministic generator, so that a failure can be replayed.
function* randomStrings(count: number, seed = 42): Generator<string> {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
  const alphabet = [...ascii, "'", "'", '"', '\\', '$', '`', '\n', 'é', '🚀'];
  for (let i = 0; i < count; i++) {
    const length = next() % 24;
    yield Array.from({ length }, () => alphabet[next() % alphabet.length]).join('');
  }
}

describe('quoteShellArg and shellCommand', () => {
  test('wrap in single quotes and write a quote as close, escaped quote, reopen', () => {
    expect(quoteShellArg('plain')).toBe("'plain'");
    expect(quoteShellArg('')).toBe("''");
    expect(quoteShellArg("it's")).toBe("'it'\\''s'");
    expect(quoteShellArg("''")).toBe("''\\'''\\'''");
    expect(quoteShellArg('$HOME `x` "y" \\n')).toBe("'$HOME `x` \"y\" \\n'");
    expect(shellCommand(['claude', '-p', "a b'c"])).toBe("'claude' '-p' 'a b'\\''c'");
  });

  test.each(['sh', 'bash'])('every ASCII character, alone and all together, reaches the program unchanged through %s', (shell) => {
    expect(argvSeenBy(shell, ascii)).toEqual(ascii);
    const all = ascii.join('');
    expect(argvSeenBy(shell, [all, all.split('').reverse().join('')])).toEqual([all, all.split('').reverse().join('')]);
    // Each character between others, where a shell would join or split words.
    const framed = ascii.map((c) => `a${c}b${c}${c}`);
    expect(argvSeenBy(shell, framed)).toEqual(framed);
  });

  test('random strings of quotes, backslashes, dollars, backticks, newlines and UTF-8 arrive unchanged', () => {
    const samples = [...randomStrings(300)];
    expect(argvSeenBy('sh', samples)).toEqual(samples);
    expect(argvSeenBy('sh', ['', NASTY_PROMPT, ''])).toEqual(['', NASTY_PROMPT, '']);
  });

  test('refuse a NUL byte and an empty command', () => {
    expect(thrownBy(() => quoteShellArg('a\0b')).message).toMatch(/NUL/);
    expect(thrownBy(() => shellCommand([])).message).toMatch(/at least the program/);
  });
});
