import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeRepo, makeTempDir, makeTempHome, removeTempDirs, startLiveProcess, writeFiles } from '@parallel-cc/test-utils';
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

// Every `uses: X` line under src/ needs a `defines: X` line somewhere under src/; each run appends a line to $COUNT_FILE.
const CHECK = `const fs = require('fs');
fs.appendFileSync(process.env.COUNT_FILE, process.cwd() + '\\n');
const texts = fs.readdirSync('src').map((f) => ['src/' + f, fs.readFileSync('src/' + f, 'utf8')]);
const defined = new Set(texts.flatMap(([, t]) => [...t.matchAll(/^defines: (\\w+)$/gm)].map((m) => m[1])));
let bad = 0;
for (const [file, t] of texts) for (const m of t.matchAll(/^uses: (\\w+)$/gm)) if (!defined.has(m[1])) { console.error(file + ': ' + m[1] + ' is not defined'); bad++; }
process.exit(bad ? 1 : 0);
`;

interface CheckConflict {
  path: string;
  kind: string;
  source: string;
  classification: { class: string; reason: string };
  check: { command: string; exitCode: number; outputTail: string };
}

interface CheckedPreview {
  checks: Array<{ ours: string; theirs: string; status: string; conflicts: CheckConflict[] }>;
  conflicting: number;
  check: { command: string; status: string; ran: number; merged: string[]; brokenAlone: unknown[]; pairs: Array<{ ours: string; theirs: string; conflict: CheckConflict }> };
}

function repoWithCheck(): { repo: string; countFile: string; env: NodeJS.ProcessEnv } {
  const repo = makeRepo({ 'check.js': CHECK, 'src/math.txt': 'defines: mul\n', '.gitignore': 'node_modules\n' });
  writeFiles(repo, { 'node_modules/dep/index.js': 'module.exports = 1;\n' });
  git(repo, 'config', 'parallel-cc.check', 'node check.js');
  const countFile = path.join(makeTempDir('pcc-count-'), 'runs.txt');
  return { repo, countFile, env: { ...home.env, COUNT_FILE: countFile } };
}

const runsIn = (countFile: string) => (fs.existsSync(countFile) ? fs.readFileSync(countFile, 'utf8').trim().split('\n') : []);

describe('parallel-cc conflicts --check', () => {
  it('finds the pair of sessions whose branches break the check merged together, as a SEMANTIC conflict; the second run runs nothing', () => {
    const { repo, countFile, env } = repoWithCheck();
    register(repo);
    const a = register(repo);
    const b = register(repo);
    const c = register(repo);
    commitFiles(a.worktreePath, { 'src/math.txt': 'defines: times\n' }, 'rename mul');
    commitFiles(b.worktreePath, { 'src/area.txt': 'uses: mul\n' }, 'a caller of mul');
    commitFiles(c.worktreePath, { 'src/docs.txt': 'defines: docs\n' }, 'docs');

    const result = pcc(['conflicts', '--check', '--repo', repo, '--json'], { env });
    expect(result.code).toBe(1);
    const preview = JSON.parse(result.stdout) as CheckedPreview;
    expect(preview.check).toMatchObject({ command: 'node check.js', status: 'failed', brokenAlone: [] });
    expect(preview.check.merged).toHaveLength(4);
    expect(preview.check.pairs.map((p) => [p.ours, p.theirs])).toEqual([[a.branch, b.branch]]);
    const conflicting = preview.checks.filter((x) => x.status === 'conflicts');
    expect(conflicting.map((x) => [x.ours, x.theirs])).toEqual([[a.branch, b.branch]]);
    expect(preview.conflicting).toBe(1);
    expect(conflicting[0]!.conflicts).toEqual([preview.check.pairs[0]!.conflict].map((x) => ({ ...x, source: 'committed', uncommittedIn: [] })));
    expect(conflicting[0]!.conflicts[0]).toMatchObject({ path: 'src/area.txt', kind: 'semantic', classification: { class: 'SEMANTIC' }, check: { command: 'node check.js', exitCode: 1 } });
    expect(conflicting[0]!.conflicts[0]!.check.outputTail).toContain('src/area.txt: mul is not defined');
    const ran = runsIn(countFile).length;
    expect(preview.check.ran).toBe(ran);
    // Every run was in a scratch worktree that is gone now.
    expect(runsIn(countFile).every((dir) => !fs.existsSync(dir))).toBe(true);
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(4);

    const again = pcc(['conflicts', '--check', '--repo', repo], { env });
    expect(again.code).toBe(1);
    expect(runsIn(countFile)).toHaveLength(ran);
    expect(again.stdout).toContain(`SEMANTIC ${a.branch} × ${b.branch}: each passes alone, together they fail (exit code 1):`);
    expect(again.stdout).toMatch(/SEMANTIC +src\/area\.txt/);
    expect(again.stdout).toContain('not from the cache');
    expect(again.stderr).toContain('check (cached)');
  });

  it("names a session with uncommitted work by its branch in the reason, never by the snapshot commit", () => {
    const { repo, env } = repoWithCheck();
    register(repo);
    const a = register(repo);
    const b = register(repo);
    commitFiles(a.worktreePath, { 'src/math.txt': 'defines: times\n' }, 'rename mul');
    writeFiles(b.worktreePath, { 'src/area.txt': 'uses: mul\n' });

    const preview = JSON.parse(pcc(['conflicts', '--check', '--repo', repo, '--json'], { env }).stdout) as CheckedPreview;
    const [pair] = preview.check.pairs;
    expect(pair?.conflict.classification.reason).toContain(`fails on ${a.branch} and ${b.branch} merged together`);
    const conflict = preview.checks.find((x) => x.status === 'conflicts')?.conflicts[0];
    expect(conflict).toMatchObject({ source: 'uncommitted', classification: { reason: pair?.conflict.classification.reason } });
  });

  it('runs the check once and exits 0 when all live branches merged together pass', () => {
    const { repo, countFile, env } = repoWithCheck();
    const a = register(repo);
    const b = register(repo);
    commitFiles(a.worktreePath, { 'src/area.txt': 'uses: mul\n' }, 'a caller');
    commitFiles(b.worktreePath, { 'src/docs.txt': 'defines: docs\n' }, 'docs');
    const result = pcc(['conflicts', '--check', '--repo', repo, '--json'], { env });
    expect(result.code).toBe(0);
    const preview = JSON.parse(result.stdout) as CheckedPreview;
    expect(preview.check).toMatchObject({ status: 'passed', ran: 1, pairs: [] });
    expect(runsIn(countFile)).toHaveLength(1);
  });

  it('exits 2 and says how to configure a check when none is set, running nothing', () => {
    const repo = makeRepo();
    register(repo);
    const result = pcc(['conflicts', '--check', '--repo', repo], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('git config parallel-cc.check "<command>"');
    expect(result.stdout).toBe('');
  });

  it('refuses --check with options of other modes, and --check-timeout without --check or with a bad value', () => {
    const repo = makeRepo();
    expect(pcc(['conflicts', '--check', '--branch', 'a', '--with', 'main', '--repo', repo], { env: home.env })).toMatchObject({ code: 2 });
    expect(pcc(['conflicts', '--check-timeout', '5', '--repo', repo], { env: home.env }).stderr).toContain('--check-timeout only works with --check');
    git(repo, 'config', 'parallel-cc.check', 'true');
    const bad = pcc(['conflicts', '--check', '--check-timeout', 'soon', '--repo', repo], { env: home.env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--check-timeout "soon" is not valid');
  });
});
