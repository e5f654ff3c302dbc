import { commitFiles, makeRepo, makeTempHome, removeTempDirs, startLiveProcess } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { pcc, pccJson } from './support';

let home: TempHome;
const live: LiveProcess[] = [];
const register = (repo: string) => {
  const p = startLiveProcess();
  live.push(p);
  return pccJson<{ sessionId: string; worktreePath: string; branch: string }>(['register', '--repo', repo, '--pid', String(p.pid)], { env: home.env });
};

beforeEach(() => {
  home = makeTempHome();
});
afterEach(async () => {
  await Promise.all(live.splice(0).map((p) => p.kill()));
});
afterAll(() => removeTempDirs());

const MATH = 'export function mul(a: number, b: number): number {\n  return a * b;\n}\n';

interface Conflict {
  path: string;
  kind: string;
  classification: { class: string; declarations: string[]; reason: string };
  semantic: { change: string; declaration: { side: string; ref: string; path: string; line: number; name: string; newName: string | null }; uses: Array<{ side: string; ref: string; path: string; line: number }> };
}

describe('parallel-cc conflicts: semantic conflicts between branches git merges cleanly', () => {
  it('one session renames mul to times, another adds a caller of mul in a new file: SEMANTIC in the matrix and for the pair', () => {
    const repo = makeRepo({ 'src/math.ts': MATH, 'README.md': '# r\n' });
    register(repo);
    const a = register(repo);
    const b = register(repo);
    const c = register(repo);
    commitFiles(a.worktreePath, { 'src/math.ts': MATH.replace('mul', 'times') }, 'rename mul');
    commitFiles(b.worktreePath, { 'src/area.ts': "import { mul } from './math';\n\nexport const area = mul(2, 3);\n" }, 'a caller of mul');
    commitFiles(c.worktreePath, { 'docs.md': 'docs\n' }, 'docs');

    const result = pcc(['conflicts', '--repo', repo, '--json'], { env: home.env });
    expect(result.code).toBe(1);
    const preview = JSON.parse(result.stdout) as { checks: Array<{ ours: string; theirs: string; status: string; conflicts: Conflict[] }>; conflicting: number };
    expect(preview.checks.filter((x) => x.status === 'conflicts').map((x) => [x.ours, x.theirs])).toEqual([[a.branch, b.branch]]);
    const [conflict] = preview.checks.find((x) => x.status === 'conflicts')!.conflicts;
    expect(conflict).toMatchObject({
      path: 'src/area.ts',
      kind: 'semantic',
      classification: { class: 'SEMANTIC', declarations: ['mul', 'times'] },
      semantic: {
        change: 'renamed',
        declaration: { side: 'ours', ref: a.branch, path: 'src/math.ts', line: 1, name: 'mul', newName: 'times' },
        uses: [
          { side: 'theirs', ref: b.branch, path: 'src/area.ts', line: 1 },
          { side: 'theirs', ref: b.branch, path: 'src/area.ts', line: 3 },
        ],
      },
    });

    const pair = pcc(['conflicts', '--branch', b.branch, '--with', a.branch, '--repo', repo, '--json'], { env: home.env });
    expect(pair.code).toBe(1);
    const report = JSON.parse(pair.stdout) as { clean: boolean; conflicts: Conflict[] };
    expect(report.clean).toBe(false);
    expect(report.conflicts.map((x) => `${x.kind} ${x.path} ${x.classification.reason}`)).toEqual([
      `semantic src/area.ts ours (${a.branch}) renames mul to times (src/math.ts:1), but theirs (${b.branch}) still imports it in src/area.ts:1, 3, in lines it added or changed`,
    ]);

    const table = pcc(['conflicts', '--branch', b.branch, '--with', a.branch, '--repo', repo], { env: home.env });
    expect(table.stdout).toMatch(/SEMANTIC +src\/area\.ts \(mul, times\)/);
  });

  it('one session removes an export another session starts importing: SEMANTIC for branches git merges cleanly', () => {
    const LIB = "export function mul(a: number, b: number): number {\n  return a * b;\n}\n\nexport const one = 1;\n";
    const repo = makeRepo({ 'src/lib.ts': LIB });
    const a = register(repo);
    const b = register(repo);
    commitFiles(a.worktreePath, { 'src/lib.ts': 'export const one = 1;\n' }, 'drop mul');
    commitFiles(b.worktreePath, { 'src/use.ts': "import { mul, one } from './lib';\n\nexport const two = mul(one, 2);\n" }, 'use mul');

    const pair = pcc(['conflicts', '--branch', b.branch, '--with', a.branch, '--repo', repo, '--json'], { env: home.env });
    expect(pair.code).toBe(1);
    const report = JSON.parse(pair.stdout) as { clean: boolean; conflicts: Conflict[] };
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]).toMatchObject({
      path: 'src/use.ts',
      kind: 'semantic',
      classification: { class: 'SEMANTIC', declarations: ['mul'] },
      semantic: { change: 'removed', declaration: { side: 'ours', ref: a.branch, path: 'src/lib.ts', name: 'mul' }, uses: expect.arrayContaining([expect.objectContaining({ side: 'theirs', ref: b.branch, path: 'src/use.ts', line: 1, name: 'mul' })]) },
    });
  });

  it('one session changes the arity of a function another session calls the old way: SEMANTIC for branches git merges cleanly', () => {
    const repo = makeRepo({ 'src/math.ts': MATH, 'README.md': '# r\n' });
    const a = register(repo);
    const b = register(repo);
    commitFiles(a.worktreePath, { 'src/math.ts': 'export function mul(a: number, b: number, c: number): number {\n  return a * b * c;\n}\n' }, 'three factors');
    commitFiles(b.worktreePath, { 'src/area.ts': "import { mul } from './math';\n\nexport const area = mul(2, 3);\n" }, 'a caller of mul');

    const pair = pcc(['conflicts', '--branch', b.branch, '--with', a.branch, '--repo', repo, '--json'], { env: home.env });
    expect(pair.code).toBe(1);
    const report = JSON.parse(pair.stdout) as { clean: boolean; conflicts: Conflict[] };
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]).toMatchObject({
      path: 'src/area.ts',
      kind: 'semantic',
      classification: { class: 'SEMANTIC', declarations: ['mul'] },
      semantic: { change: 'arity', declaration: { side: 'ours', ref: a.branch, path: 'src/math.ts', line: 1, name: 'mul' }, uses: [expect.objectContaining({ side: 'theirs', ref: b.branch, path: 'src/area.ts', line: 3, code: 'export const area = mul(2, 3);' })] },
    });
  });

  it('no semantic conflict when the other session does not touch the renamed name', () => {
    const repo = makeRepo({ 'src/math.ts': MATH, 'src/old.ts': "import { mul } from './math';\n\nexport const six = mul(2, 3);\n" });
    const a = register(repo);
    const b = register(repo);
    commitFiles(a.worktreePath, { 'src/math.ts': MATH.replace('mul', 'times') }, 'rename mul');
    commitFiles(b.worktreePath, { 'src/sum.ts': 'export const three = 1 + 2;\n' }, 'unrelated');

    const result = pcc(['conflicts', '--branch', b.branch, '--with', a.branch, '--repo', repo, '--json'], { env: home.env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ clean: true, conflicts: [] });
  });
});
