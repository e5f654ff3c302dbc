import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeRepo, makeTempHome, removeTempDirs, startLiveProcess } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { pcc, pccJson } from './support';

interface Registration {
  sessionId: string;
  worktreePath: string;
}

let home: TempHome;
const live: LiveProcess[] = [];
beforeEach(() => {
  home = makeTempHome();
});
afterEach(async () => {
  await Promise.all(live.splice(0).map((p) => p.kill()));
});
afterAll(() => removeTempDirs());

function register(repo: string): Registration & { agent: LiveProcess } {
  const agent = startLiveProcess();
  live.push(agent);
  return { ...pccJson<Registration>(['register', '--repo', repo, '--pid', String(agent.pid)], { env: home.env }), agent };
}

describe('what the output says', () => {
  it('cleanup --dry-run says what cleanup then does, in the same words', async () => {
    const repo = makeRepo();
    register(repo);
    const clean = register(repo);
    const dirty = register(repo);
    fs.writeFileSync(path.join(dirty.worktreePath, 'precious.txt'), 'work\n');
    fs.writeFileSync(path.join(dirty.worktreePath, 'more.txt'), 'work\n');
    await clean.agent.kill();
    await dirty.agent.kill();
    const [c, d] = [clean.sessionId.slice(0, 8), dirty.sessionId.slice(0, 8)];

    const dry = pcc(['cleanup', '--dry-run'], { env: home.env });
    expect(dry.code).toBe(0);
    const keptLine = `worktree ${dirty.worktreePath} left in place: worktree has 2 untracked files (use --force to remove it anyway)`;
    expect(dry.stdout.split('\n').sort()).toEqual(['', `would keep ${d}: ${keptLine}`, `would release ${c}: worktree ${clean.worktreePath} removed`].sort());

    const real = pcc(['cleanup'], { env: home.env });
    expect(real.code).toBe(1);
    expect(real.stdout).toContain(`kept ${d}: ${keptLine}\n`);
    expect(real.stdout).toMatch(new RegExp(`^released ${c}: worktree removed`, 'm'));
    expect(fs.existsSync(clean.worktreePath)).toBe(false);
  });

  it('counts say "1 file" and "2 files", never "file(s)"', () => {
    const repo = makeRepo({ 'a.ts': 'export const a = 1;\n', 'b.ts': 'export const b = 1;\n' });
    git(repo, 'branch', 'feature');
    commitFiles(repo, { 'a.ts': 'export const a = 2;\n', 'b.ts': 'export const b = 2;\n' });
    git(repo, 'checkout', '-q', 'feature');
    commitFiles(repo, { 'a.ts': 'export const a = 3;\n', 'b.ts': 'export const b = 3;\n' });
    git(repo, 'branch', 'one', 'main~1');
    git(repo, 'checkout', '-q', 'one');
    commitFiles(repo, { 'a.ts': 'export const a = 4;\n' });
    git(repo, 'checkout', '-q', 'main');

    const two = pcc(['conflicts', '--branch', 'feature', '--with', 'main', '--repo', repo], { env: home.env });
    expect(two).toMatchObject({ code: 1, stdout: expect.stringMatching(/^Merging feature into main would conflict in 2 files:\n/) });
    const one = pcc(['conflicts', '--branch', 'feature', '--with', 'one', '--repo', repo], { env: home.env });
    expect(one).toMatchObject({ code: 1, stdout: expect.stringMatching(/^Merging feature into one would conflict in 1 file:\n/) });
    expect(pcc(['conflicts', '--branch', 'one', '--with', 'one', '--repo', repo], { env: home.env }).stdout).toBe('one merges cleanly into one.\n');

    const main = register(repo);
    pccJson(['claims', 'claim', 'a.ts', '--session-id', main.sessionId], { env: home.env });
    expect(pcc(['claims', 'release', '--all', '--session-id', main.sessionId], { env: home.env }).stdout).toBe(`Released 1 claim of session ${main.sessionId.slice(0, 8)}.\n`);
    expect(pcc(['update'], { env: home.env }).stdout).not.toMatch(/\(s\)/);
  });

  it('claim modes are taken in any case, and a wrong one is refused listing the accepted ones', () => {
    const repo = makeRepo();
    const main = register(repo);
    const id = ['--session-id', main.sessionId];
    expect(pccJson(['claims', 'claim', 'a.ts', '--mode', 'EXCLUSIVE', ...id], { env: home.env })).toMatchObject({ granted: true, claim: { mode: 'EXCLUSIVE' } });
    expect(pccJson(['claims', 'claim', 'b.ts', '--mode', 'Intent', ...id], { env: home.env })).toMatchObject({ granted: true, claim: { mode: 'INTENT' } });
    expect(pcc(['claims', 'claim', 'c.ts', '--mode', 'locked', ...id], { env: home.env })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'parallel-cc: --mode "locked" is not a claim mode: use exclusive, shared or intent.\n',
    });
  });
});

describe('the source', () => {
  // Messages count with core-sessions' plural(); "(s)" after a word is the mark of one that does not.
  it('writes no "file(s)" in any message of the apps and libs', () => {
    const root = path.resolve(__dirname, '../../..');
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts')) {
          fs.readFileSync(full, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              // A word then "(s)" (not a call such as `.test(s)`, nor a regular expression's `y(es)?`).
              if (/(?<![.\w])[A-Za-z]+\((?:s|es|ies)\)(?![?=])/.test(line) && !/^\s*(\/\/|\*|\/\*)/.test(line)) offenders.push(`${path.relative(root, full)}:${i + 1}: ${line.trim()}`);
            });
        }
      }
    };
    for (const group of ['apps', 'libs']) {
      for (const project of fs.readdirSync(path.join(root, group))) {
        const src = path.join(root, group, project, 'src');
        if (fs.existsSync(src)) walk(src);
      }
    }
    expect(offenders).toEqual([]);
  });
});
