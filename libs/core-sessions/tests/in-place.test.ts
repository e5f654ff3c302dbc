import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeRepo, removeTempDirs } from '@parallel-cc/test-utils';
import {
  attachClaudeSession,
  cleanupSessions,
  findActiveSession,
  findSessionForPath,
  otherLiveSessions,
  registerInPlace,
  registerSession,
  releaseSession,
  SessionError,
} from '../src';
import { liveProcess, openFresh, sessionRows, stopLiveProcesses } from './support';

afterAll(async () => {
  await stopLiveProcesses();
  removeTempDirs();
});

describe('sessions started without the wrapper', () => {
  it('register in the checkout they work in, or learn who holds it', async () => {
    const { home, coordinator } = await openFresh();
    try {
      const repo = makeRepo({ 'src/a.ts': 'export {};\n' });
      const plain = liveProcess();
      const first = await registerInPlace(coordinator, { dir: path.join(repo, 'src'), pid: plain.pid, claudeSessionId: 'claude-1', env: home.env });
      expect(first.session).toMatchObject({ worktree_path: repo, is_main_repo: 1, origin: 'adopted', claude_session_id: 'claude-1', branch: 'main' });
      expect((await registerInPlace(coordinator, { dir: repo, pid: plain.pid, claudeSessionId: 'claude-1', env: home.env })).session?.id).toBe(
        first.session?.id,
      );

      const other = liveProcess();
      const held = await registerInPlace(coordinator, { dir: repo, pid: other.pid, claudeSessionId: 'claude-2', env: home.env });
      expect(held.heldBy?.id).toBe(first.session?.id);
      expect(held.session).toMatchObject({ worktree_path: repo, is_main_repo: 1, origin: 'adopted', shares_place_with: first.session?.id });
      const guest = held.session;
      // Asked again, the guest is itself, and still a guest.
      expect(await registerInPlace(coordinator, { dir: repo, pid: other.pid, claudeSessionId: 'claude-2', env: home.env })).toEqual({ session: guest, heldBy: held.heldBy });
      expect(await findSessionForPath(coordinator.db, repo)).toMatchObject({ id: first.session?.id });
      expect(await findActiveSession(coordinator.db, { claudeSessionId: 'claude-2' })).toMatchObject({ id: guest.id });
      await releaseSession(coordinator, { sessionId: guest.id });
      expect(sessionRows(coordinator)).toHaveLength(1);

      // The wrapper's next session still gets a worktree of its own.
      const wrapped = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
      expect(wrapped.isMainRepo).toBe(false);

      // Releasing a hook session forgets it; the checkout it borrowed is untouched.
      await releaseSession(coordinator, { sessionId: first.session?.id as string });
      expect(fs.existsSync(path.join(repo, 'src', 'a.ts'))).toBe(true);
      expect(sessionRows(coordinator).map((r) => r.id)).toEqual([wrapped.sessionId]);
    } finally {
      await coordinator.close();
    }
  });

  it('borrow a worktree the user made, and keep it on release while its branch has no work of its own', async () => {
    const { home, coordinator } = await openFresh();
    try {
      const repo = makeRepo();
      const mine = path.join(path.dirname(repo), 'my-feature');
      git(repo, 'worktree', 'add', '-q', '-b', 'feature', mine);
      const outcome = await registerInPlace(coordinator, { dir: mine, pid: liveProcess().pid, claudeSessionId: null, env: home.env });
      expect(outcome.session).toMatchObject({ worktree_path: mine, is_main_repo: 0, branch: 'feature', origin: 'adopted' });
      const [result] = await releaseSession(coordinator, { sessionId: outcome.session?.id as string });
      expect(result).toMatchObject({ status: 'done', worktree: 'kept' });
      expect(fs.existsSync(mine)).toBe(true);
      expect(git(repo, 'branch', '--list', 'feature')).toContain('feature');
    } finally {
      await coordinator.close();
    }
  });

  it('remove a borrowed worktree only when it is clean and its branch integrated, never by force', async () => {
    const { home, coordinator } = await openFresh();
    try {
      const repo = makeRepo();
      // A worktree of the user's on a new branch; `release` registers a session in place there, then releases it.
      const borrow = (name: string) => {
        const dir = path.join(path.dirname(repo), name);
        git(repo, 'worktree', 'add', '-q', '-b', name, dir);
        return dir;
      };
      const release = async (dir: string, force = false) => {
        const outcome = await registerInPlace(coordinator, { dir, pid: liveProcess().pid, claudeSessionId: null, env: home.env });
        expect(outcome.session).toMatchObject({ worktree_path: dir, origin: 'adopted' });
        const [result] = await releaseSession(coordinator, { sessionId: outcome.session?.id as string }, { force, env: home.env });
        expect(sessionRows(coordinator)).toEqual([]);
        return result;
      };

      const unintegrated = borrow('unintegrated');
      commitFiles(unintegrated, { 'u.txt': 'u\n' });
      expect(await release(unintegrated)).toMatchObject({ status: 'done', worktree: 'kept', branchOutcome: 'none' });
      expect(fs.existsSync(path.join(unintegrated, 'u.txt'))).toBe(true);

      const landed = borrow('landed');
      commitFiles(landed, { 'l.txt': 'l\n' });
      git(repo, 'merge', '-q', '--no-ff', '-m', 'merge landed', 'landed');
      fs.writeFileSync(path.join(landed, 'l.txt'), 'changed\n');
      fs.writeFileSync(path.join(landed, 'new.txt'), 'new\n');
      // Its work landed, but it holds changes: kept, even by force.
      expect(await release(landed, true)).toMatchObject({ status: 'done', worktree: 'kept', branchOutcome: 'none' });
      expect(fs.readFileSync(path.join(landed, 'l.txt'), 'utf8')).toBe('changed\n');
      expect(fs.existsSync(path.join(landed, 'new.txt'))).toBe(true);

      git(landed, 'checkout', '-q', '--', 'l.txt');
      fs.rmSync(path.join(landed, 'new.txt'));
      expect(await release(landed)).toMatchObject({ status: 'done', worktree: 'removed', branchOutcome: 'deleted' });
      expect(fs.existsSync(landed)).toBe(false);
      expect(git(repo, 'branch', '--list', 'landed')).toBe('');
      expect(git(repo, 'branch', '--list', 'unintegrated')).toContain('unintegrated');

      // The main checkout is only handed back, whatever its branch.
      expect(await release(repo, true)).toMatchObject({ status: 'done', worktree: 'main' });
      expect(fs.existsSync(path.join(repo, '.git'))).toBe(true);
    } finally {
      await coordinator.close();
    }
  });

  it('are forgotten by cleanup when their agent died, their borrowed worktree left as it is', async () => {
    const { home, coordinator } = await openFresh();
    try {
      const repo = makeRepo();
      const mine = path.join(path.dirname(repo), 'dirty');
      git(repo, 'worktree', 'add', '-q', '-b', 'dirty', mine);
      fs.writeFileSync(path.join(mine, 'wip.txt'), 'wip\n');
      const agent = liveProcess();
      await registerInPlace(coordinator, { dir: mine, pid: agent.pid, claudeSessionId: null, env: home.env });
      await agent.kill();
      const results = await cleanupSessions(coordinator, { force: true, env: home.env });
      expect(results).toEqual([expect.objectContaining({ status: 'done', worktree: 'kept', worktreePath: mine })]);
      // Forgotten, not kept as a leftover of ours.
      expect(sessionRows(coordinator)).toEqual([]);
      expect(fs.readFileSync(path.join(mine, 'wip.txt'), 'utf8')).toBe('wip\n');
    } finally {
      await coordinator.close();
    }
  });

  it('take over the row of a dead session in the same place', async () => {
    const { home, coordinator } = await openFresh();
    try {
      const repo = makeRepo();
      const dead = liveProcess();
      const old = await registerInPlace(coordinator, { dir: repo, pid: dead.pid, claudeSessionId: 'old', env: home.env });
      await dead.kill();
      const fresh = liveProcess();
      const outcome = await registerInPlace(coordinator, { dir: repo, pid: fresh.pid, claudeSessionId: 'new', env: home.env });
      expect(outcome.session).toMatchObject({ id: old.session?.id, pid: fresh.pid, claude_session_id: 'new', status: 'active' });
      expect(sessionRows(coordinator)).toHaveLength(1);
    } finally {
      await coordinator.close();
    }
  });

  it('share a worktree another session holds: the holder leaving hands it over untouched, never removes it', async () => {
    const { home, coordinator } = await openFresh();
    try {
      const repo = makeRepo({ 'a.txt': 'a\n' });
      const holder = await registerSession(coordinator, { repo, pid: liveProcess().pid, placement: 'worktree', env: home.env });
      const guestProcesses = [liveProcess(), liveProcess(), liveProcess()];
      const guests = [];
      for (const p of guestProcesses) {
        guests.push((await registerInPlace(coordinator, { dir: holder.worktreePath, pid: p.pid, claudeSessionId: null, env: home.env })).session);
      }
      expect(guests.map((g) => g.shares_place_with)).toEqual([holder.sessionId, holder.sessionId, holder.sessionId]);
      // One guest died: it is forgotten on the hand-over.
      await guestProcesses[2]?.kill();

      // The worktree is clean and its branch empty, so it would go, but two sessions still work there.
      const [left] = await releaseSession(coordinator, { sessionId: holder.sessionId }, { env: home.env });
      expect(left).toMatchObject({ status: 'done', worktree: 'kept', reasons: [`session ${guests[0]?.id.slice(0, 8)} still works there`] });
      expect(fs.existsSync(path.join(holder.worktreePath, 'a.txt'))).toBe(true);
      expect(sessionRows(coordinator).map((r) => [r.id, r.shares_place_with])).toEqual([
        [guests[0]?.id, null],
        [guests[1]?.id, guests[0]?.id],
      ]);

      // The last guest's place is the heir's: releasing it only forgets it.
      const [gone] = await releaseSession(coordinator, { sessionId: guests[1]?.id as string }, { env: home.env });
      expect(gone).toMatchObject({ status: 'done', worktree: 'kept', reasons: [`it shared the place of session ${guests[0]?.id.slice(0, 8)}`] });
      expect(fs.existsSync(holder.worktreePath)).toBe(true);
      expect(sessionRows(coordinator).map((r) => r.id)).toEqual([guests[0]?.id]);
    } finally {
      await coordinator.close();
    }
  });

  it('refuse a process that is not running', async () => {
    const { home, coordinator } = await openFresh();
    try {
      const gone = liveProcess();
      await gone.kill();
      await expect(registerInPlace(coordinator, { dir: makeRepo(), pid: gone.pid, claudeSessionId: null, env: home.env })).rejects.toThrow(
        SessionError,
      );
      expect(sessionRows(coordinator)).toEqual([]);
    } finally {
      await coordinator.close();
    }
  });
});

describe('finding sessions', () => {
  it('by id, by Claude session id, by folder (innermost place wins), and the others of a repository', async () => {
    const { home, coordinator } = await openFresh();
    try {
      const repo = makeRepo({ 'src/a.ts': 'export {};\n' });
      const main = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
      const side = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
      await attachClaudeSession(coordinator, side.sessionId, 'claude-side');

      expect((await findActiveSession(coordinator.db, { sessionId: main.sessionId }))?.id).toBe(main.sessionId);
      expect((await findActiveSession(coordinator.db, { claudeSessionId: 'claude-side' }))?.id).toBe(side.sessionId);
      expect(await findActiveSession(coordinator.db, { claudeSessionId: 'nobody' })).toBeUndefined();
      expect((await findSessionForPath(coordinator.db, path.join(repo, 'src')))?.id).toBe(main.sessionId);
      expect((await findSessionForPath(coordinator.db, path.join(side.worktreePath, 'src')))?.id).toBe(side.sessionId);
      expect(await findSessionForPath(coordinator.db, path.dirname(repo))).toBeUndefined();
      expect((await otherLiveSessions(coordinator.db, { id: main.sessionId, repo_path: repo })).map((r) => r.id)).toEqual([side.sessionId]);
    } finally {
      await coordinator.close();
    }
  });
});
