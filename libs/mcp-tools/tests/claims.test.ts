import * as path from 'node:path';
import { makeRepo } from '@parallel-cc/test-utils';
import { branchOf, call, failure, ok, useFixture } from './support';

const fx = useFixture();

async function twoSessions() {
  const repo = makeRepo({ 'src/app.ts': 'export {};\n', 'README.md': '# r\n' });
  const main = await fx.register(repo);
  const work = await fx.register(repo);
  return { repo, main, work, mainContext: fx.context({ session: main, cwd: repo }), workContext: fx.context({ session: work, cwd: work.worktreePath }) };
}

describe('claim_file, release_file and list_file_claims', () => {
  test('a held file is refused as a normal answer that names the holder, who is notified', async () => {
    const { repo, main, work, mainContext, workContext } = await twoSessions();

    const granted = await ok(call('claim_file', { file_path: 'src/app.ts' }, mainContext));
    expect(granted).toEqual({
      granted: true,
      claim: expect.objectContaining({ sessionId: main.sessionId, repoPath: repo, filePath: 'src/app.ts', mode: 'EXCLUSIVE', ttlSeconds: 86_400 }),
      escalatedFrom: null,
      message: expect.stringMatching(/^Claimed src\/app\.ts EXCLUSIVE until /),
    });

    // An absolute path inside the other session's worktree names the same repository file.
    const refused = await call('claim_file', { file_path: path.join(work.worktreePath, 'src/app.ts'), mode: 'SHARED' }, workContext);
    expect(refused.isError).toBeUndefined();
    expect(refused.structuredContent).toEqual({
      granted: false,
      filePath: 'src/app.ts',
      mode: 'SHARED',
      holders: [expect.objectContaining({ sessionId: main.sessionId, mode: 'EXCLUSIVE' })],
      message: expect.stringContaining('They have been asked to release it when done.'),
    });
    const notes = await ok(call('get_notifications', {}, mainContext));
    expect(notes.notifications).toEqual([expect.objectContaining({ kind: 'claim-conflict', text: expect.stringContaining('src/app.ts') })]);

    const intent = await ok(call('claim_file', { file_path: 'README.md', mode: 'INTENT', ttl_seconds: 600 }, workContext));
    expect(intent.claim).toMatchObject({ sessionId: work.sessionId, filePath: 'README.md', mode: 'INTENT', ttlSeconds: 600 });

    const all = await ok(call('list_file_claims', {}, workContext));
    expect(all.total).toBe(2);
    expect(all.claims.map((c: { filePath: string; sessionId: string }) => [c.filePath, c.sessionId])).toEqual(
      expect.arrayContaining([
        ['src/app.ts', main.sessionId],
        ['README.md', work.sessionId],
      ]),
    );
    const one = await ok(call('list_file_claims', { file_path: path.join(work.worktreePath, 'README.md') }, workContext));
    expect(one).toEqual({ total: 1, claims: [expect.objectContaining({ filePath: 'README.md', mode: 'INTENT' })] });
    const byRepo = await ok(call('list_file_claims', { repo_path: repo, file_path: 'src/app.ts' }, fx.context({ cwd: repo })));
    expect(byRepo.claims).toEqual([expect.objectContaining({ sessionId: main.sessionId })]);

    const released = await ok(call('release_file', { file_path: 'src/app.ts' }, mainContext));
    expect(released).toEqual({ released: true, claim: expect.objectContaining({ filePath: 'src/app.ts' }), message: 'Released your claim on src/app.ts.' });
    expect(await ok(call('release_file', { file_path: 'src/app.ts' }, mainContext))).toEqual({
      released: false,
      claim: null,
      message: 'You held no claim on src/app.ts; nothing changed.',
    });
    const now = await ok(call('claim_file', { file_path: 'src/app.ts', mode: 'SHARED' }, workContext));
    expect(now).toMatchObject({ granted: true, claim: { sessionId: work.sessionId, mode: 'SHARED' } });
    expect(branchOf(work)).toMatch(/^parallel-cc\//);
  });

  test('paths outside the repository and bad modes or lifetimes are errors naming the field', async () => {
    const { workContext } = await twoSessions();
    expect(await failure(call('claim_file', { file_path: '../outside.txt' }, workContext))).toMatchObject({ code: 'PATH_OUTSIDE_REPOSITORY' });
    const mode = await failure(call('claim_file', { file_path: 'a.txt', mode: 'LOCKED' }, workContext));
    expect(mode).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('mode: must be one of EXCLUSIVE, SHARED and INTENT') });
    const ttl = await failure(call('claim_file', { file_path: 'a.txt', ttl_seconds: 5 }, workContext));
    expect(ttl.message).toContain('ttl_seconds: must be at least 60 seconds');
    expect(await failure(call('list_file_claims', { file_path: 'src' }, workContext))).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('names a folder') });
  });
});
