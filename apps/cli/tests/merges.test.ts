import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeRepo, makeTempHome, removeTempDirs, startLiveProcess } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { pcc, pccJson } from './support';

let home: TempHome;
const live: LiveProcess[] = [];
const register = (repo: string) => {
  const p = startLiveProcess();
  live.push(p);
  return pccJson<{ sessionId: string; worktreePath: string; branch: string }>(['register', '--repo', repo, '--pid', String(p.pid)], {
    env: home.env,
  });
};

beforeEach(() => {
  home = makeTempHome();
});
afterEach(async () => {
  await Promise.all(live.splice(0).map((p) => p.kill()));
});
afterAll(() => removeTempDirs());

describe('merges from the command line', () => {
  it('previews conflicts between two branches without touching any checkout', () => {
    const repo = makeRepo({ 'a.ts': 'export const a = 1;\n' });
    git(repo, 'branch', 'left');
    git(repo, 'branch', 'right');
    git(repo, 'checkout', '-q', 'left');
    commitFiles(repo, { 'a.ts': 'export const a = 2;\n' });
    git(repo, 'checkout', '-q', 'right');
    commitFiles(repo, { 'a.ts': 'export const a = 3;\n', 'b.ts': 'x\n' });
    git(repo, 'checkout', '-q', 'main');

    const conflict = pcc(['conflicts', '--branch', 'left', '--with', 'right', '--repo', repo], { env: home.env });
    expect(conflict.code).toBe(1);
    expect(conflict.stdout).toMatch(/Merging left into right would conflict in 1 file:\n +CONCURRENT +a\.ts \(a\) +committed\n +both sides edit a/);
    const json = JSON.parse(pcc(['conflicts', '--branch', 'left', '--with', 'right', '--repo', repo, '--json'], { env: home.env }).stdout);
    expect(json.conflicts.map((c: { path: string }) => c.path)).toEqual(['a.ts']);
    expect(pcc(['conflicts', '--branch', 'main', '--with', 'right', '--repo', repo], { env: home.env })).toMatchObject({ code: 0 });
    expect(git(repo, 'status', '--porcelain')).toBe('');
    const bad = pcc(['conflicts', '--branch', '--upload-pack=x', '--with', 'main', '--repo', repo], { env: home.env });
    expect(bad.code).toBe(2);
  });

  it('records a squash merge once, shows it, and tells a subscriber', () => {
    const repo = makeRepo({ 'a.ts': 'export const a = 1;\n' });
    register(repo);
    const work = register(repo);
    const waiter = register(repo);
    const sub = pccJson<{ branch: string; targetBranch: string }>(['subscribe', '--branch', work.branch, '--session-id', waiter.sessionId], {
      env: home.env,
    });
    expect(sub).toMatchObject({ branch: work.branch, targetBranch: 'main' });
    expect(pccJson<{ total: number }>(['merge-status', '--subscriptions'], { env: home.env }).total).toBe(1);

    commitFiles(work.worktreePath, { 'b.ts': 'export const b = 1;\n' }, 'work');
    git(repo, 'merge', '--squash', work.branch);
    git(repo, 'commit', '-q', '-m', 'squash');
    const round = pccJson<{ events: Array<{ branch: string; how: string }> }>(['watch-merges', '--once'], { env: home.env });
    expect(round.events).toEqual([expect.objectContaining({ branch: work.branch, how: 'squash' })]);
    expect(pccJson<{ events: unknown[] }>(['watch-merges', '--once'], { env: home.env }).events).toEqual([]);
    const status = pcc(['merge-status'], { env: home.env });
    expect(status.stdout).toContain(`${work.branch} -> main (squash)`);
    const unsubscribe = () => pcc(['unsubscribe', '--branch', work.branch, '--session-id', waiter.sessionId], { env: home.env });
    expect(unsubscribe()).toMatchObject({ code: 0, stdout: `No longer watching ${work.branch}.\n` });
    expect(unsubscribe()).toMatchObject({ code: 1, stdout: '', stderr: `No subscription for ${work.branch}: nothing was removed.\n` });
  });

  it('rebases a worktree onto its moved base, and predicts first', () => {
    const repo = makeRepo({ 'a.ts': 'export const a = 1;\n' });
    register(repo);
    const work = register(repo);
    commitFiles(work.worktreePath, { 'b.ts': 'b\n' }, 'work');
    commitFiles(repo, { 'c.ts': 'c\n' }, 'main moves');
    const check = pccJson<{ status: string }>(['rebase', '--onto', 'main', '--check', '--repo', work.worktreePath], { env: home.env });
    expect(check.status).toBe('would-rebase');
    expect(fs.existsSync(path.join(work.worktreePath, 'c.ts'))).toBe(false);
    const done = pcc(['rebase', '--onto', 'main', '--repo', work.worktreePath], { env: home.env });
    expect(done.code).toBe(0);
    expect(fs.existsSync(path.join(work.worktreePath, 'c.ts'))).toBe(true);
  });
});
