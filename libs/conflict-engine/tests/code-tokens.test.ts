import { parseCode } from '../src/classify/parse-code';
import { normalizedCode, wholeCode } from '../src/classify/normalize';
import { extractDeclarations } from '../src/classify/extract-declarations';

function parsed(file: string, text: string) {
  const outcome = parseCode(file, text);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.program;
}

const values = (file: string, text: string) => parsed(file, text).tokens.map((t) => t.value);

describe('the tokens of parsed code', () => {
  it('takes literals, regular expressions and template parts whole, and scans what lies between', () => {
    expect(values('a.ts', 'const re = /a\\/b*/g; // c / d\nlet t = `x ${a / b} y`;')).toEqual([
      'const', 're', '=', '/a\\/b*/g', ';', 'let', 't', '=', '`x ${', 'a', '/', 'b', '} y`', ';',
    ]);
    expect(values('a.ts', "x ??= a?.b === 'q' ? 1.5e3 : 0x1F;")).toEqual(['x', '??=', 'a', '?.', 'b', '===', "'q'", '?', '1.5e3', ':', '0x1F', ';']);
  });

  it('marks strings, keeps comments apart, and skips a #! line', () => {
    const program = parsed('a.ts', '#!/usr/bin/env node\n/* one */ call("s", 1); // two\n');
    expect(program.tokens.filter((t) => t.type === 'String').map((t) => t.value)).toEqual(['"s"']);
    expect(program.tokens.map((t) => t.value)).toEqual(['call', '(', '"s"', ',', '1', ')', ';']);
    expect(program.comments.map((c) => [c.type, c.value])).toEqual([
      ['Block', ' one '],
      ['Line', ' two'],
    ]);
  });

  it('reads JSX in .tsx and .js files, its text as one token', () => {
    expect(values('a.tsx', 'const x = <div className="a">hi there</div>;')).toContain('hi there');
    expect(values('a.js', 'const x = <b>{y}</b>;')).toEqual(['const', 'x', '=', '<', 'b', '>', '{', 'y', '}', '<', '/', 'b', '>', ';']);
  });

  it('gives the same formatting-blind code to two layouts of one statement, and another to a real change', () => {
    const a = parsed('a.ts', 'function g() {\n  if (x) {\n    return f(a, b,);\n  }\n}\n');
    const b = parsed('a.ts', "function g() { if (x) return f(a, b) }");
    const c = parsed('a.ts', 'function g() { if (x) return f(a / b) }');
    expect(normalizedCode(a)).toBe(normalizedCode(b));
    expect(normalizedCode(c)).not.toBe(normalizedCode(b));
  });

  it('answers a syntax error with the parser message and where it is', () => {
    const outcome = parseCode('a.ts', 'const a = 1;\nfunction (');
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.message).toMatch(/\(line 2, column \d+\)$/);
  });
});

describe('wholeCode', () => {
  it('joins the statements\' code and the gaps between them into what one pass over the file gives', () => {
    const text = [
      '#!/usr/bin/env node',
      '// a file comment, apart',
      '',
      "import { a, b, } from './x'; // after the import",
      '/** Above f. */',
      'export function f(x: number,) { if (x) { return [a, b,]; } }',
      ';',
      'const o = { p: 1, q: "two", };',
      '/* a trailing block */',
      '',
    ].join('\n');
    const program = parsed('a.ts', text);
    const declarations = extractDeclarations(program, text);
    const fromParts = wholeCode(program, declarations);
    expect(fromParts.code).toBe(normalizedCode(program));
    expect(fromParts.rest).toBe(normalizedCode(program, 0, Infinity, declarations.map((d) => [d.start, d.end])));
    // Comments above a statement are its own: only the one after the last is outside.
    expect(fromParts.rest).toBe('/*a trailing block*/');
  });
});
