import { commitFiles, makeRepo } from '@parallel-cc/test-utils';
import { branchOf, call, ok, useFixture } from './support';

const fx = useFixture();

const MATH = 'export function mul(a: number, b: number): number {\n  return a * b;\n}\n';

describe('check_conflicts and preview_session_conflicts see semantic conflicts git merges cleanly', () => {
  test('one session renames mul to times while another adds a caller of mul in a new file', async () => {
    const repo = makeRepo({ 'src/math.ts': MATH });
    const main = await fx.register(repo);
    const a = await fx.register(repo);
    const b = await fx.register(repo);
    commitFiles(a.worktreePath, { 'src/math.ts': MATH.replace('mul', 'times') }, 'rename');
    commitFiles(b.worktreePath, { 'src/area.ts': "import { mul } from './math';\n\nexport const area = mul(2, 3);\n" }, 'caller');

    const checked = await ok(call('check_conflicts', { branch: branchOf(b), target_branch: branchOf(a) }, fx.context({ session: b, cwd: b.worktreePath })));
    expect(checked).toMatchObject({
      hasConflicts: true,
      conflictingFiles: ['src/area.ts'],
      conflicts: [{ path: 'src/area.ts', kind: 'semantic', class: 'SEMANTIC', severity: 'critical', declarations: ['mul', 'times'] }],
      guidance: expect.arrayContaining([expect.stringContaining('src/area.ts: one branch changes or removes what the other uses (SEMANTIC)')]),
    });

    const preview = await ok(call('preview_session_conflicts', {}, fx.context({ session: main, cwd: repo })));
    expect(preview.conflicting).toBe(1);
  });
});
