import { classify } from '../src';
import type { ConflictFile } from '../src';

const version = (text: string | null) => (text === null ? null : { oid: 'x'.repeat(40), text });
const file = (path: string, base: string | null, ours: string | null, theirs: string | null): ConflictFile => ({
  path,
  base: version(base),
  ours: version(ours),
  theirs: version(theirs),
  merged: null,
});

const BASE = `import { a } from './a';

export function greet(name: string): string {
  return 'hello ' + name;
}

export class User {
  save(): void {}
}
`;

describe('classify, syntax trees', () => {
  it('calls formatting-only differences TRIVIAL', () => {
    const ours = BASE.replace("return 'hello ' + name;", 'return "hi " + name');
    const theirs = BASE.replace("return 'hello ' + name;", "return 'hi ' +   name;");
    const c = classify(file('src/g.ts', BASE, ours, theirs));
    expect(c).toMatchObject({ class: 'TRIVIAL', severity: 'low', analysis: 'ast' });
    expect(c.reason).toMatch(/formatting/);
  });

  it('calls a different import order TRIVIAL', () => {
    const ours = `import { b } from './b';\n${BASE}`;
    const theirs = BASE.replace("import { a } from './a';", "import { a } from './a';\nimport { b } from './b';");
    expect(classify(file('src/g.ts', BASE, ours, theirs))).toMatchObject({ class: 'TRIVIAL', reason: expect.stringMatching(/order of their imports/) });
  });

  it('calls independent additions STRUCTURAL and names them', () => {
    const ours = `${BASE}\nexport function one(): number {\n  return 1;\n}\n`;
    const theirs = `${BASE}\nexport function two(): number {\n  return 2;\n}\n`;
    const c = classify(file('src/g.ts', BASE, ours, theirs));
    expect(c).toMatchObject({ class: 'STRUCTURAL', severity: 'medium', declarations: ['one', 'two'] });
  });

  it('calls methods added to one class on both sides STRUCTURAL', () => {
    const ours = BASE.replace('save(): void {}', 'save(): void {}\n  load(): void {}');
    const theirs = BASE.replace('save(): void {}', 'save(): void {}\n  drop(): void {}');
    expect(classify(file('src/g.ts', BASE, ours, theirs))).toMatchObject({ class: 'STRUCTURAL', declarations: ['User.load', 'User.drop'] });
  });

  it('calls edits of one body CONCURRENT', () => {
    const ours = BASE.replace("'hello '", "'hi '");
    const theirs = BASE.replace("'hello '", "'hey '");
    expect(classify(file('src/g.ts', BASE, ours, theirs))).toMatchObject({ class: 'CONCURRENT', severity: 'high', declarations: ['greet'] });
  });

  it('calls a signature change SEMANTIC when the other side adds a call', () => {
    const ours = BASE.replace('greet(name: string)', 'greet(name: string, polite: boolean)');
    const theirs = `${BASE}\nexport const welcome = greet('you');\n`;
    const c = classify(file('src/g.ts', BASE, ours, theirs));
    expect(c).toMatchObject({ class: 'SEMANTIC', severity: 'critical', declarations: ['greet'] });
    expect(c.reason).toMatch(/ours changes the signature of greet while theirs adds uses of it/);
  });

  it('calls a rename SEMANTIC when a file changed on the other side uses the old name', () => {
    const ours = BASE.replace('export class User {', '// users\nexport class User {').replace('greet(name', 'salute(name');
    const theirs = `${BASE}\nexport const x = 1;\n`;
    const context = { theirsChanges: [{ path: 'src/app.ts', text: "import { greet } from './g';\n\ngreet('a');\n", baseText: '' }] };
    const c = classify(file('src/g.ts', BASE, ours, theirs), context);
    expect(c.class).toBe('SEMANTIC');
    expect(c.reason).toMatch(/ours renames greet → salute while theirs adds uses of it \(src\/app\.ts\)/);
  });

  it('counts uses in another file only when that file imports the module, and only for what the module exports', () => {
    const ours = BASE.replace('greet(name', 'salute(name');
    const theirs = `${BASE}\nexport const x = 1;\n`;
    // The same word in a file that imports another module's greet, or none: not a use of this one.
    const elsewhere = { theirsChanges: [{ path: 'src/app.ts', text: "import { greet } from './other';\n\ngreet('a');\n", baseText: '' }] };
    expect(classify(file('src/g.ts', BASE, ours, theirs), elsewhere).class).not.toBe('SEMANTIC');
    // A private function: other files cannot call it, whatever they import.
    const privateBase = BASE.replace('export function greet', 'function greet');
    const importing = { theirsChanges: [{ path: 'src/app.ts', text: "import { x } from './g';\n\ngreet(x);\n", baseText: '' }] };
    const c = classify(file('src/g.ts', privateBase, privateBase.replace('greet(name', 'salute(name'), `${privateBase}\nexport const x = 1;\n`), importing);
    expect(c.class).not.toBe('SEMANTIC');
    // Exported by a list at the end: other files can.
    const listed = `${privateBase}\nexport { greet };\n`;
    const viaList = classify(file('src/g.ts', listed, listed.replace('greet(name', 'salute(name').replace('export { greet }', 'export { salute }'), `${listed}\nexport const x = 1;\n`), importing);
    expect(viaList).toMatchObject({ class: 'SEMANTIC', reason: expect.stringMatching(/^ours .* greet.* while theirs adds uses of it \(src\/app\.ts\)/) });
  });

  it('takes braces around the one simple statement of an if or loop for formatting, but not around a nested if', () => {
    const base = 'export function pick(x: number): string {\n  if (x > 1) return "many";\n  for (const y of [x]) console.log(y);\n  return "one";\n}\n';
    const braced = base.replace('if (x > 1) return "many";', 'if (x > 1) {\n    return "many";\n  }').replace('console.log(y);', '{\n    console.log(y);\n  }');
    const changed = base.replace('return "one"', 'return "few"');
    // TRIVIAL, but the brace style is a side's work: no side is taken over the other for it.
    expect(classify(file('src/p.ts', base, braced, changed))).toMatchObject({ class: 'TRIVIAL', reason: expect.stringMatching(/ours only reformatted.*braces around single statements aside; no side is taken/) });
    expect(classify(file('src/p.ts', base, base.replace('return "many";', 'return  "many" ;'), changed))).toMatchObject({ class: 'TRIVIAL', reason: expect.stringMatching(/ours only reformatted the file; theirs' changes apply as they are$/) });
    // `if (a) { if (b) f() } else g()` is not `if (a) if (b) f() else g()`: those braces stay.
    const nested = 'export function n(a: boolean, b: boolean): void {\n  if (a) {\n    if (b) f();\n  } else g();\n}\n';
    const unbraced = nested.replace('if (a) {\n    if (b) f();\n  } else g();', 'if (a) if (b) f(); else g();');
    expect(classify(file('src/n.ts', nested, unbraced, nested.replace('g()', 'h()'))).class).not.toBe('TRIVIAL');
  });

  it('is not SEMANTIC when both sides change a signature the same way, formatting aside', () => {
    const ours = BASE.replace('greet(name: string)', 'greet(name: string, loud: boolean)').replace("return 'hello ' + name;", "return 'hello ' + name + '!';");
    const theirs = BASE.replace('greet(name: string)', 'greet(name: string,   loud: boolean)').replace("return 'hello ' + name;", "return 'hey ' + name;");
    const context = { oursChanges: [{ path: 'src/app.ts', text: "import { greet } from './g';\n\ngreet('a', true);\n", baseText: '' }] };
    const c = classify(file('src/g.ts', BASE, ours, theirs), context);
    expect(c).toMatchObject({ class: 'CONCURRENT', declarations: ['greet'] });
  });

  it('falls back to text rules when a version does not parse, and says so', () => {
    const c = classify({ ...file('src/g.ts', BASE, `${BASE}\nfunction (`, BASE), merged: 'x\n<<<<<<< ours\na\n||||||| base\n=======\nb\n>>>>>>> theirs\n' });
    expect(c).toMatchObject({ class: 'STRUCTURAL', analysis: 'text', parseFailure: { side: 'ours' } });
    expect(c.reason).toMatch(/ours does not parse/);
  });

  it('calls modify/delete SEMANTIC', () => {
    expect(classify(file('a.ts', BASE, null, BASE + '\n'))).toMatchObject({ class: 'SEMANTIC', reason: expect.stringMatching(/ours deletes a.ts/) });
  });
});
