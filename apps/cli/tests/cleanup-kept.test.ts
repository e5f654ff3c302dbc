import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, makeRepo, makeTempHome, removeTempDirs, startLiveProcess } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { pcc, pccJson } from './support';

let home: TempHome;
const live: LiveProcess[] = [];
const register = (repo: string, pid: number) =>
  pccJson<{ sessionId: string; worktreePath: string; branch: string }>(['register', '--repo', repo, '--pid', String(pid)], { env: home.env });

beforeEach(() => {
  home = makeTempHome();
});
afterEach(async () => {
  await Promise.all(live.splice(0).map((p) => p.kill()));
});
afterAll(() => removeTempDirs());

/** A repository whose main checkout is held, and two worktree sessions that died: one committed work, one left a file. */
async function scene() {
  const repo = makeRepo({ 'a.ts': 'export const a = 1;\n' });
  const holder = startLiveProcess();
  live.push(holder);
  register(repo, holder.pid);
  const dying = [startLiveProcess(), startLiveProcess()];
  const committed = register(repo, dying[0]!.pid);
  const dirty = register(repo, dying[1]!.pid);
  commitFiles(committed.worktreePath, { 'b.ts': 'export const b = 1;\n' }, 'work');
  fs.writeFileSync(path.join(dirty.worktreePath, 'draft.md'), 'work in progress\n');
  await Promise.all(dying.map((p) => p.kill()));
  return { repo, committed, dirty };
}

const occurrences = (text: string, what: string) => text.split(what).length - 1;

describe('cleanup reports what it keeps once', () => {
  it('names each kept branch once, exits 0 later when all that is left was kept before, and status lists it', async () => {
    const { repo, committed, dirty } = await scene();

    const first = pcc(['cleanup'], { env: home.env });
    expect(first.code).toBe(1);
    expect(first.stdout).toContain(`released ${committed.sessionId.slice(0, 8)}: worktree removed; branch ${committed.branch} kept: 1 commit not in main`);
    expect(first.stdout).toContain(`kept ${dirty.sessionId.slice(0, 8)}: worktree ${dirty.worktreePath} left in place: worktree has 1 untracked file`);
    expect(occurrences(first.stdout, committed.branch)).toBe(1);
    expect(first.stdout.trim().split('\n')).toHaveLength(2);

    for (let run = 0; run < 2; run++) {
      expect(pcc(['cleanup'], { env: home.env })).toEqual({
        code: 0,
        stdout: 'Nothing new to clean up; 2 kept earlier, still holding work (see parallel-cc status).\n',
        stderr: '',
      });
    }
    const json = pccJson<{ results: unknown[]; leftovers: unknown[]; keptEarlier: { sessions: Array<{ sessionId: string }>; leftovers: Array<{ branch: string }> } }>(
      ['cleanup'],
      { env: home.env },
    );
    expect(json).toMatchObject({ results: [], leftovers: [] });
    expect(json.keptEarlier.sessions.map((s) => s.sessionId)).toEqual([dirty.sessionId]);
    expect(json.keptEarlier.leftovers.map((l) => l.branch)).toEqual([committed.branch]);

    const status = pcc(['status'], { env: home.env });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`${dirty.sessionId.slice(0, 8)} .* kept \\(worktree has 1 untracked file\\)`));
    expect(status.stdout).toContain(`  branch ${committed.branch} in ${repo}: 1 commit not in main`);
    const report = pccJson<{ keptLeftovers: Array<{ kind: string; branch: string; reasons: string[] }> }>(['status'], { env: home.env });
    expect(report.keptLeftovers).toEqual([expect.objectContaining({ kind: 'branch', branch: committed.branch, reasons: ['1 commit not in main'] })]);

    const dry = pcc(['cleanup', '--dry-run'], { env: home.env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`would keep ${dirty.sessionId.slice(0, 8)}: worktree ${dirty.worktreePath} left in place: worktree has 1 untracked file`);
    expect(dry.stdout).toContain(`would keep leftover branch ${committed.branch}: 1 commit not in main`);
  });

  it('reports something newly kept even when other things were kept before, and exits 1 for it', async () => {
    const { repo } = await scene();
    expect(pcc(['cleanup'], { env: home.env }).code).toBe(1);
    const dying = startLiveProcess();
    const fresh = register(repo, dying.pid);
    fs.writeFileSync(path.join(fresh.worktreePath, 'notes.md'), 'more work\n');
    await dying.kill();

    const next = pcc(['cleanup'], { env: home.env });
    expect(next.code).toBe(1);
    expect(next.stdout).toBe(
      `kept ${fresh.sessionId.slice(0, 8)}: worktree ${fresh.worktreePath} left in place: worktree has 1 untracked file (use --force to remove it anyway)\n` +
        '2 kept earlier, still holding work (see parallel-cc status).\n',
    );
  });
});
