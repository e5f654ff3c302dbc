import { parseCode } from '../src/classify/parse-code';
import { suggestFileFixes } from '../src/suggest/suggest-file';
import type { ConflictFile } from '../src';

const version = (text: string | null, oid = 'a'.repeat(40)) => (text === null ? null : { oid, text });
const file = (path: string, base: string, ours: string, theirs: string, merged: string | null = null): ConflictFile => ({
  path,
  base: version(base, 'b'.repeat(40)),
  ours: version(ours, 'c'.repeat(40)),
  theirs: version(theirs, 'd'.repeat(40)),
  merged,
});

const BASE = `import { a } from './a';

export function greet(name: string): string {
  return 'hello ' + name;
}

export const config = {
  port: 1,
};

export class User {
  save(): void {}
}
`;

describe('suggestFileFixes', () => {
  it('unites independent additions: imports merged, functions, members and properties kept in a stable order', async () => {
    const ours = BASE.replace("import { a } from './a';", "import { a, b } from './a';\nimport { x } from './x';")
      .replace('  port: 1,\n', '  port: 1,\n  host: "h",\n')
      .replace('save(): void {}', 'save(): void {}\n  load(): void {}')
      .concat('\nexport function one(): number {\n  return 1;\n}\n');
    const theirs = BASE.replace("import { a } from './a';", "import { a, c } from './a';\nimport { y } from './y';")
      .replace('  port: 1,\n', '  port: 1,\n  debug: true\n')
      .replace('save(): void {}', 'save(): void {}\n  drop(): void {}')
      .concat('\nexport function two(): number {\n  return 2;\n}\n');
    const result = await suggestFileFixes(file('src/g.ts', BASE, ours, theirs));
    expect(result.classification).toMatchObject({ class: "STRUCTURAL" });
    expect(result.unresolved).toBeNull();
    const [s] = result.suggestions;
    expect(s).toMatchObject({ strategy: 'union', path: 'src/g.ts', from: { ours: 'c'.repeat(40), theirs: 'd'.repeat(40) } });
    const content = s!.content;
    expect(content).toContain("import { a, b, c } from './a';");
    expect(content).toMatch(/import \{ x \} from '\.\/x';\nimport \{ y \} from '\.\/y';/);
    expect(content).toMatch(/save\(\): void \{\}\n {2}load\(\): void \{\}\n {2}drop\(\): void \{\}/);
    expect(content).toContain('host: "h",\n  debug: true');
    expect(content.indexOf('function one')).toBeLessThan(content.indexOf('function two'));
    expect(parseCode('g.ts', content).ok).toBe(true);
    // A union matched people's resolution less than half the time on the corpus: rated below 0.8.
    expect(s!.confidence.score).toBeGreaterThan(0.3);
    expect(s!.confidence.score).toBeLessThan(0.8);
    expect(s!.confidence.factors.map((f) => f.name)).toEqual(['kind', 'parse', 'size', 'overlap', 'source']);
    expect(s!.id).toMatch(/^[0-9a-f]{12}$/);
  });

  it("carries theirs' edit of a declaration ours left alone into the union", async () => {
    const ours = `${BASE}\nexport const one = 1;\n`;
    const theirs = BASE.replace("'hello '", "'hi '").concat('\nexport const two = 2;\n');
    const [s] = (await suggestFileFixes(file('g.ts', BASE, ours, theirs))).suggestions;
    expect(s!.content).toContain("'hi '");
    expect(s!.content).toMatch(/one = 1;\n\nexport const two = 2;/);
  });

  it('takes the side with the real change when the other only reformatted', async () => {
    const ours = BASE.replace(/'/g, '"');
    const theirs = BASE.replace("'hello '", "'hi '");
    const result = await suggestFileFixes(file('g.ts', BASE, ours, theirs));
    expect(result.suggestions[0]).toMatchObject({ strategy: 'take-theirs', content: theirs, class: 'TRIVIAL' });
  });

  it('offers nothing for a concurrent edit, and returns both versions of the declaration', async () => {
    const ours = BASE.replace("'hello '", "'hi '");
    const theirs = BASE.replace("'hello '", "'hey '");
    const result = await suggestFileFixes(file('g.ts', BASE, ours, theirs));
    expect(result.suggestions).toEqual([]);
    expect(result.unresolved).toMatchObject({ class: 'CONCURRENT', reason: expect.stringMatching(/both sides edit greet.*choose between/) });
    expect(result.unresolved!.ours).toContain("'hi '");
    expect(result.unresolved!.theirs).toContain("'hey '");
  });

  it('asks a model for a concurrent edit only when given one, checks its answer and scores it lower', async () => {
    const ours = BASE.replace("'hello '", "'hi '");
    const theirs = BASE.replace("'hello '", "'hey '");
    const asked: string[] = [];
    const model = {
      name: 'stand-in',
      resolve: async (request: { path: string }) => {
        asked.push(request.path);
        return BASE.replace("'hello '", "'hi, hey '");
      },
    };
    const result = await suggestFileFixes(file('g.ts', BASE, ours, theirs), { model });
    expect(asked).toEqual(['g.ts']);
    expect(result.suggestions[0]).toMatchObject({ strategy: 'model', description: expect.stringMatching(/stand-in/) });
    expect(result.suggestions[0]!.confidence.score).toBeLessThan(0.5);
    const broken = { name: 'broken', resolve: async () => 'function (' };
    expect((await suggestFileFixes(file('g.ts', BASE, ours, theirs), { model: broken })).suggestions).toEqual([]);
  });

  it('resolves text files region by region', async () => {
    const merged = 'top\n<<<<<<< ours\none\n||||||| base\n=======\ntwo\n>>>>>>> theirs\nmid\n<<<<<<< ours\nx  y\n||||||| base\nold\n=======\nx y\n>>>>>>> theirs\n';
    const result = await suggestFileFixes(file('notes.md', 'top\nmid\nold\n', 'top\none\nmid\nx  y\n', 'top\ntwo\nmid\nx y\n', merged));
    expect(result.suggestions[0]).toMatchObject({ strategy: 'union', content: 'top\none\ntwo\nmid\nx  y\n' });
    expect(result.suggestions[0]!.confidence.factors[1]).toMatchObject({ name: 'parse', value: 0.5 });
  });
});
