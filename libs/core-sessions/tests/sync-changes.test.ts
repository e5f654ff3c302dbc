import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeRepo, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { registerSession, syncSessionChanges } from '../src';
import type { Coordinator } from '../src';
import { liveProcess, openFresh, stopLiveProcesses } from './support';

let home: TempHome;
let coordinator: Coordinator;

beforeEach(async () => {
  ({ home, coordinator } = await openFresh());
});
afterEach(async () => {
  await coordinator.close();
  await stopLiveProcesses();
});
afterAll(() => removeTempDirs());

const rows = (sessionId: string) =>
  coordinator.raw.prepare('select file_path, ranges, uncommitted, updated_at from changed_files where session_id = ? order by file_path').all(sessionId) as Array<{
    file_path: string;
    ranges: string;
    uncommitted: number;
    updated_at: string;
  }>;

describe('syncSessionChanges', () => {
  it("records every file the session's place holds changed, committed or not, however it was changed", async () => {
    const repo = makeRepo({ 'a.txt': '1\n2\n3\n', 'b.txt': 'b\n', 'gone.txt': 'g\n' });
    await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
    const side = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
    const session = coordinator.raw.prepare('select * from sessions where id = ?').get(side.sessionId) as Parameters<typeof syncSessionChanges>[1];
    commitFiles(side.worktreePath, { 'a.txt': '1\ntwo\n3\n' }, 'committed with git');
    writeFiles(side.worktreePath, { 'b.txt': 'b\nmore\n', 'src/new file.ts': 'x\ny\n' });
    fs.rmSync(path.join(side.worktreePath, 'gone.txt'));

    expect(await syncSessionChanges(coordinator, session, { env: home.env, now: new Date('2026-01-01T00:00:00Z') })).toBe(true);
    expect(rows(side.sessionId).map((r) => [r.file_path, r.ranges, r.uncommitted])).toEqual([
      ['a.txt', '2', 0],
      ['b.txt', '2', 1],
      ['gone.txt', '1', 1],
      ['src/new file.ts', '1-2', 1],
    ]);

    // Committed and reverted: gone from the list; the rows that did not change keep their time.
    git(side.worktreePath, 'checkout', '--', 'gone.txt');
    await syncSessionChanges(coordinator, session, { env: home.env, now: new Date('2026-01-02T00:00:00Z') });
    expect(rows(side.sessionId).map((r) => [r.file_path, r.updated_at.slice(0, 10)])).toEqual([
      ['a.txt', '2026-01-01'],
      ['b.txt', '2026-01-01'],
      ['src/new file.ts', '2026-01-01'],
    ]);
  });

  it('leaves the rows alone when the place cannot be read', async () => {
    const repo = makeRepo();
    const side = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
    const session = coordinator.raw.prepare('select * from sessions where id = ?').get(side.sessionId) as Parameters<typeof syncSessionChanges>[1];
    expect(await syncSessionChanges(coordinator, { ...session, worktree_path: path.join(repo, 'missing') }, { env: home.env })).toBe(false);
  });
});
