import { makeRepo, removeTempDirs } from '@parallel-cc/test-utils';
import { addNotification, recentNotifications, registerSession, releaseSession, SessionError, takeNotifications } from '../src';
import { liveProcess, openFresh, stopLiveProcesses } from './support';

afterAll(async () => {
  await stopLiveProcesses();
  removeTempDirs();
});

describe('notifications', () => {
  it('are delivered once, oldest first, to the session they were for', async () => {
    const { home, coordinator } = await openFresh();
    try {
      const repo = makeRepo();
      const a = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
      const b = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
      await addNotification(coordinator, { sessionId: a.sessionId, kind: 'merge', text: 'main moved: rebase when you can' });
      await addNotification(coordinator, { sessionId: a.sessionId, kind: 'claim', text: 'src/a.ts is claimed by b' });
      await addNotification(coordinator, { sessionId: b.sessionId, kind: 'merge', text: 'for b' });

      const first = await takeNotifications(coordinator, a.sessionId);
      expect(first.map((n) => [n.kind, n.text])).toEqual([
        ['merge', 'main moved: rebase when you can'],
        ['claim', 'src/a.ts is claimed by b'],
      ]);
      expect(await takeNotifications(coordinator, a.sessionId)).toEqual([]);
      expect((await takeNotifications(coordinator, b.sessionId)).map((n) => n.text)).toEqual(['for b']);
    } finally {
      await coordinator.close();
    }
  });

  it('go with their session, and refuse bad kinds, empty text and unknown sessions', async () => {
    const { home, coordinator } = await openFresh();
    try {
      const repo = makeRepo();
      const a = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
      await addNotification(coordinator, { sessionId: a.sessionId, kind: 'merge', text: 'x' });
      await expect(addNotification(coordinator, { sessionId: a.sessionId, kind: 'Bad Kind', text: 'x' })).rejects.toThrow(
        /notification kind "Bad Kind" is not valid/,
      );
      await expect(addNotification(coordinator, { sessionId: a.sessionId, kind: 'merge', text: '' })).rejects.toThrow(SessionError);
      await expect(
        addNotification(coordinator, { sessionId: '123e4567-e89b-42d3-a456-426614174000', kind: 'merge', text: 'x' }),
      ).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
      await releaseSession(coordinator, { sessionId: a.sessionId });
      expect(coordinator.raw.prepare('select count(*) as n from notifications').get()).toEqual({ n: 0 });
    } finally {
      await coordinator.close();
    }
  });

  it('are listed for a timeline, newest first, delivered ones too, without being taken', async () => {
    const { home, coordinator } = await openFresh();
    try {
      const [one, two] = [makeRepo(), makeRepo()];
      const a = await registerSession(coordinator, { repo: one, pid: liveProcess().pid, env: home.env });
      const b = await registerSession(coordinator, { repo: two, pid: liveProcess().pid, env: home.env });
      await addNotification(coordinator, { sessionId: a.sessionId, kind: 'merge', text: 'first' });
      await addNotification(coordinator, { sessionId: b.sessionId, kind: 'claim', text: 'second' });
      await addNotification(coordinator, { sessionId: a.sessionId, kind: 'merge', text: 'third' });
      await takeNotifications(coordinator, b.sessionId);

      const all = await recentNotifications(coordinator);
      expect(all.map((n) => [n.text, n.repoPath, n.deliveredAt === null])).toEqual([
        ['third', one, true],
        ['second', two, false],
        ['first', one, true],
      ]);
      expect((await recentNotifications(coordinator, { repoRoot: one, limit: 1 })).map((n) => n.text)).toEqual(['third']);
      // Listing delivers nothing: the session still gets both of its notices.
      expect((await takeNotifications(coordinator, a.sessionId)).map((n) => n.text)).toEqual(['first', 'third']);
      await expect(recentNotifications(coordinator, { limit: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('limit 0 is not valid') });
    } finally {
      await coordinator.close();
    }
  });
});
