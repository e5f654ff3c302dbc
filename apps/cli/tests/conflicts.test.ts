import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeRepo, makeTempHome, removeTempDirs, startLiveProcess } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { execFileSync, spawnSync } from 'node:child_process';
import { BIN, pcc, pccJson } from './support';

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

const GREET = "export function greet(name: string): string {\n  return 'hello ' + name;\n}\n";

interface Check {
  ours: string;
  theirs: string;
  against: string;
  status: string;
  oursSessionId: string | null;
  theirsSessionId: string | null;
  conflicts: Array<{ path: string; classification: { class: string; declarations: string[] } }>;
}

describe('parallel-cc conflicts', () => {
  it("previews every pair of live sessions' branches and each against its base", () => {
    const repo = makeRepo({ 'src/greet.ts': GREET, 'README.md': '# r\n' });
    const main = register(repo);
    const a = register(repo);
    const b = register(repo);
    const c = register(repo);
    commitFiles(a.worktreePath, { 'src/greet.ts': GREET.replace("'hello '", "'hi '") }, 'a');
    commitFiles(b.worktreePath, { 'src/greet.ts': GREET.replace("'hello '", "'hey '") }, 'b');
    commitFiles(c.worktreePath, { 'docs.md': 'docs\n' }, 'c');

    const result = pcc(['conflicts', '--repo', repo, '--json'], { env: home.env });
    expect(result.code).toBe(1);
    const preview = JSON.parse(result.stdout) as { sessions: unknown[]; checks: Check[]; conflicting: number };
    expect(preview.sessions).toHaveLength(4);
    // main, a, b, c: 6 pairs; a, b and c against their base main are the pairs with main's session.
    expect(preview.checks).toHaveLength(6);
    const conflicting = preview.checks.filter((x) => x.status === 'conflicts');
    expect(conflicting).toHaveLength(1);
    expect(conflicting[0]).toMatchObject({ ours: a.branch, theirs: b.branch, against: 'branch', oursSessionId: a.sessionId, theirsSessionId: b.sessionId });
    expect(conflicting[0]!.conflicts[0]).toMatchObject({ path: 'src/greet.ts', classification: { class: 'CONCURRENT', declarations: ['greet'] } });
    expect(preview.checks.filter((x) => x.ours === 'main').map((x) => x.theirs)).toEqual([a.branch, b.branch, c.branch]);

    const table = pcc(['conflicts', '--repo', repo], { env: home.env });
    // Progress goes to a terminal only (below): a pipe gets the table alone.
    expect(table.stderr).toBe('');
    expect(table.stdout).toContain(`[1] ${main.sessionId.slice(0, 8)}  main (main checkout)`);
    expect(table.stdout).toMatch(/\[2\] +ok +· +1 file +ok +ok/);
    expect(table.stdout).toMatch(new RegExp(`${a.branch} × ${b.branch}: 1 file\\n +CONCURRENT +src/greet\\.ts \\(greet\\)`));
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  it('on a terminal, shows how many pairs are checked while it works, and wipes that line before the table', () => {
    const repo = makeRepo({ 'src/greet.ts': GREET });
    register(repo);
    const a = register(repo);
    register(repo);
    commitFiles(a.worktreePath, { 'src/greet.ts': GREET.replace("'hello '", "'hi '") }, 'a');
    // util-linux's script gives the command a terminal; the paths are the test's own temp folders.
    const command = [process.execPath, BIN.pcc, 'conflicts', '--repo', repo].map((arg) => `'${arg}'`).join(' ');
    const run = spawnSync('script', ['-qefc', command, '/dev/null'], { env: home.env, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('\rchecking pairs [################--------]  67%  2 of 3\r\x1b[K');
    expect(run.stdout).toContain('main (main checkout)');
  });

  it('suggests a fix and applies it as a prepared merge commit that git merges with the fix; --worktree writes the file instead', () => {
    const repo = makeRepo({ 'src/greet.ts': GREET });
    register(repo);
    const a = register(repo);
    const b = register(repo);
    commitFiles(a.worktreePath, { 'src/greet.ts': `${GREET}\nexport function bye(): string {\n  return 'bye';\n}\n` }, 'a');
    commitFiles(b.worktreePath, { 'src/greet.ts': `${GREET}\nexport function wave(): string {\n  return 'o/';\n}\n` }, 'b');

    const suggested = pcc(['conflicts', 'suggest', '--branch', b.branch, '--with', a.branch, '--repo', repo, '--json'], { env: home.env });
    expect(suggested.code).toBe(1);
    const { suggestions } = JSON.parse(suggested.stdout) as { suggestions: Array<{ id: string; strategy: string; class: string; content: string }> };
    expect(suggestions).toEqual([expect.objectContaining({ strategy: 'union', class: 'STRUCTURAL' })]);
    const id = suggestions[0]!.id;

    const text = pcc(['conflicts', 'apply', id], { env: home.env });
    expect(text).toMatchObject({ code: 0, stderr: '' });
    const branch = /on branch (\S+) \(new\)/.exec(text.stdout)?.[1] ?? '';
    expect(branch).toMatch(new RegExp(`^parallel-cc/merge/${a.branch.replace(/\//g, '-')}-${b.branch.replace(/\//g, '-')}-[0-9a-f]{8}$`));
    expect(text.stdout).toContain(`Prepared the merge of ${b.branch} into ${a.branch} with union fix ${id} for src/greet.ts: commit `);
    // a's branch is checked out in a's worktree: the merge runs there.
    expect(text.stdout).toContain(`To merge: git -C ${a.worktreePath} merge --ff-only ${branch}`);
    expect(text.stdout).toContain(`To undo: git branch -D ${branch}\n`);
    expect(git(a.worktreePath, 'status', '--porcelain')).toBe('');

    const again = pccJson<{ status: string; branch: string; commit: string; merge: string; undo: string; appliedAt: string }>(['conflicts', 'apply', id, '--json'], { env: home.env });
    expect(again).toMatchObject({ status: 'unchanged', branch, undo: `git branch -D ${branch}` });

    // What the user does next, the printed command: git merges, with the fix's content, and the other branch is then merged already.
    execFileSync('sh', ['-c', again.merge]);
    expect(fs.readFileSync(path.join(a.worktreePath, 'src/greet.ts'), 'utf8')).toBe(suggestions[0]!.content);
    expect(git(a.worktreePath, 'merge', '--no-edit', b.branch)).toMatch(/Already up to date/);

    const history = pccJson<{ entries: Array<{ path: string; class: string; resolution: string | null; strategy: string | null }> }>(
      ['conflicts', 'history'],
      { env: home.env },
    );
    expect(history.entries).toEqual([expect.objectContaining({ path: 'src/greet.ts', class: 'STRUCTURAL', resolution: 'auto-fix', strategy: 'union' })]);

    // The older way, into a checkout: only while the file is as the fix expects.
    fs.appendFileSync(path.join(a.worktreePath, 'src/greet.ts'), '// edited by hand\n');
    const written = pcc(['conflicts', 'apply', id, '--worktree', a.worktreePath], { env: home.env });
    expect(written.code).toBe(1);
    expect(written.stderr).toContain(`Fix ${id} was applied at ${again.appliedAt}, and src/greet.ts changed since; nothing was written.`);
  });

  it('refuses contradictory or incomplete options with exit code 2, and an unknown id with 1', () => {
    const repo = makeRepo();
    expect(pcc(['conflicts', '--branch', 'main', '--repo', repo], { env: home.env })).toMatchObject({ code: 2, stderr: expect.stringMatching(/--branch and --with together/) });
    expect(pcc(['conflicts', '--repo', repo, '--model'], { env: home.env })).toMatchObject({ code: 2 });
    expect(pcc(['conflicts', 'suggest', '--repo', repo, '--model'], { env: home.env })).toMatchObject({ code: 2, stderr: expect.stringMatching(/ANTHROPIC_API_KEY/) });
    expect(pcc(['conflicts', 'apply', '0123456789ab'], { env: home.env })).toMatchObject({ code: 1, stderr: expect.stringMatching(/No suggestion has the id 0123456789ab/) });
  });
});

describe('parallel-cc conflicts with work in progress', () => {
  it('reports the uncommitted edits of one line in two worktrees as an uncommitted collision, and leaves their indexes alone', () => {
    const repo = makeRepo({ 'src/greet.ts': GREET, 'README.md': '# r\n' });
    register(repo);
    const a = register(repo);
    const b = register(repo);
    commitFiles(a.worktreePath, { 'src/greet.ts': GREET.replace("'hello '", "'hi '") }, 'a');
    fs.writeFileSync(path.join(b.worktreePath, 'src/greet.ts'), GREET.replace("'hello '", "'hey '"));
    const indexOf = (worktree: string) => {
      const file = git(worktree, 'rev-parse', '--path-format=absolute', '--git-path', 'index');
      return [fs.readFileSync(file).toString('base64'), fs.statSync(file).mtimeMs];
    };
    const before = [indexOf(a.worktreePath), indexOf(b.worktreePath)];

    const result = pcc(['conflicts', '--repo', repo, '--json'], { env: home.env });
    expect(result.code).toBe(1);
    const preview = JSON.parse(result.stdout) as { checks: Array<Check & { conflicts: Array<{ source: string; uncommittedIn: string[] }> }> };
    const pair = preview.checks.find((x) => x.status === 'conflicts');
    expect(pair).toMatchObject({ ours: a.branch, theirs: b.branch, conflicts: [{ path: 'src/greet.ts', source: 'uncommitted', uncommittedIn: ['theirs'] }] });

    const table = pcc(['conflicts', '--repo', repo], { env: home.env });
    expect(table.stdout).toContain('1 uncommitted path compared');
    expect(table.stdout).toMatch(/src\/greet\.ts \(greet\) +uncommitted \(theirs\)/);

    const pairJson = pcc(['conflicts', '--repo', repo, '--branch', b.branch, '--with', a.branch, '--json'], { env: home.env });
    expect(JSON.parse(pairJson.stdout)).toMatchObject({ clean: false, conflicts: [{ path: 'src/greet.ts', source: 'uncommitted', uncommittedIn: ['theirs'] }] });
    expect([indexOf(a.worktreePath), indexOf(b.worktreePath)]).toEqual(before);
  });
});
