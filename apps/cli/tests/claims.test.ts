import * as path from 'node:path';
import { makeRepo, makeTempDir, makeTempHome, removeTempDirs, startLiveProcess } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { pcc, pccJson } from './support';

interface Claim {
  sessionId: string;
  filePath: string;
  mode: string;
}

let home: TempHome;
let repo: string;
const live: LiveProcess[] = [];
const register = () => {
  const p = startLiveProcess();
  live.push(p);
  return pccJson<{ sessionId: string; worktreePath: string; branch: string }>(['register', '--repo', repo, '--pid', String(p.pid)], { env: home.env });
};

beforeEach(() => {
  home = makeTempHome();
  repo = makeRepo({ 'README.md': '# claims\n', 'src/a.ts': 'a\n', 'lib/b.ts': 'b\n' });
});
afterEach(async () => {
  await Promise.all(live.splice(0).map((p) => p.kill()));
});
afterAll(() => removeTempDirs());

describe('parallel-cc claims', () => {
  it('claims, lists and releases files for two sessions, refusing a held file with exit 1', () => {
    const main = register();
    const work = register();
    const env = home.env;
    const claims = () => pccJson<{ claims: Claim[]; total: number }>(['claims', 'list'], { env }).claims.map((c) => [c.sessionId, c.filePath, c.mode]);

    expect(pccJson(['claims', 'claim', 'src/a.ts', '--session-id', main.sessionId], { env })).toMatchObject({
      granted: true,
      claim: { sessionId: main.sessionId, filePath: 'src/a.ts', mode: 'EXCLUSIVE', ttlSeconds: 86400 },
    });

    const refused = pcc(['claims', 'claim', 'src/a.ts', '--mode', 'intent', '--session-id', work.sessionId], { env });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`Cannot claim src/a.ts INTENT: ${main.sessionId.slice(0, 8)} (main) holds it EXCLUSIVE`);
    expect(refused.stdout).toMatch(new RegExp(`\\n  EXCLUSIVE +${main.sessionId}  until `));
    const refusedJson = pcc(['claims', 'claim', 'src/a.ts', '--session-id', work.sessionId, '--json'], { env });
    expect(refusedJson.code).toBe(1);
    expect(JSON.parse(refusedJson.stdout)).toMatchObject({ granted: false, holders: [{ sessionId: main.sessionId, mode: 'EXCLUSIVE' }] });

    // The session of the current folder, with a path relative to that folder.
    const inWorktree = pcc(['claims', 'claim', '../lib/b.ts', '--mode', 'SHARED', '--ttl', '3600'], { env, cwd: path.join(work.worktreePath, 'src') });
    expect(inWorktree).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Claimed lib\/b\.ts SHARED until /) });
    // The session named by PARALLEL_CC_SESSION_ID.
    expect(pcc(['claims', 'claim', 'lib/b.ts', '--mode', 'shared'], { env: { ...env, PARALLEL_CC_SESSION_ID: main.sessionId } }).code).toBe(0);

    expect(claims().sort()).toEqual(
      [
        [main.sessionId, 'src/a.ts', 'EXCLUSIVE'],
        [main.sessionId, 'lib/b.ts', 'SHARED'],
        [work.sessionId, 'lib/b.ts', 'SHARED'],
      ].sort(),
    );
    expect(pccJson<{ total: number }>(['claims', 'list', '--session-id', work.sessionId], { env }).total).toBe(1);
    expect(pccJson<{ total: number }>(['claims', 'list', '--repo', repo], { env }).total).toBe(3);
    const table = pcc(['claims', 'list'], { env });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(repo);
    expect(table.stdout).toMatch(new RegExp(`src/a\\.ts[ │]+EXCLUSIVE[ │]+${main.sessionId.slice(0, 8)}[ │]+2[34]h`));

    const release = pcc(['claims', 'release', 'src/a.ts', '--session-id', main.sessionId], { env });
    expect(release).toMatchObject({ code: 0, stdout: 'Released your EXCLUSIVE claim on src/a.ts.\n' });
    expect(pcc(['claims', 'release', 'src/a.ts', '--session-id', main.sessionId], { env })).toMatchObject({
      code: 1,
      stdout: 'This session held no claim on src/a.ts.\n',
    });
    expect(pcc(['claims', 'claim', 'src/a.ts', '--session-id', work.sessionId], { env }).code).toBe(0);
    expect(pccJson(['claims', 'release', '--all', '--session-id', work.sessionId], { env })).toEqual({ sessionId: work.sessionId, releasedCount: 2 });
    expect(claims()).toEqual([[main.sessionId, 'lib/b.ts', 'SHARED']]);
    expect(pcc(['claims', 'list'], { env: makeTempHome().env }).stdout).toBe('No files are claimed.\n');
  });

  it('answers mistakes with exit 2 (usage) or 1 (refused) and one line on stderr', () => {
    const main = register();
    const env = home.env;
    const expectError = (args: string[], code: number, message: RegExp, cwd?: string) => {
      const result = pcc(args, { env, cwd });
      expect(result).toMatchObject({ code, stdout: '' });
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    };
    const id = ['--session-id', main.sessionId];
    expectError(['claims', 'claim', 'src/a.ts', '--mode', 'bogus', ...id], 2, /--mode "bogus" is not a claim mode: use exclusive, shared or intent/);
    expectError(['claims', 'claim', 'src/a.ts', '--ttl', '10', ...id], 2, /claim TTL 10 is not valid: it must be at least 60 seconds/);
    expectError(['claims', 'claim', 'src/a.ts', '--ttl', 'soon', ...id], 2, /--ttl "soon" is not valid/);
    expectError(['claims', 'claim', 'src/a.ts', '--session-id', 'nope'], 2, /--session-id "nope" is not valid/);
    expectError(['claims', 'claim', 'src/a.ts'], 2, /No live session works in .*: name one with --session-id <id>, set PARALLEL_CC_SESSION_ID/, makeTempDir());
    expectError(['claims', 'claim', '/etc/passwd', ...id], 2, /The file path "\/etc\/passwd" is outside the repository/);
    expectError(['claims', 'claim', '.git/config', ...id], 2, /is inside \.git/);
    expectError(['claims', 'release', ...id], 2, /Name the file to release, or give --all/);
    expectError(['claims', 'claim', 'src/a.ts', '--session-id', '00000000-0000-4000-8000-000000000000'], 1, /No live session with id 00000000-/);
    expect(pccJson<{ total: number }>(['claims', 'list'], { env }).total).toBe(0);
  });

  it('documents itself', () => {
    const help = pcc(['claims', 'claim', '--help'], { env: home.env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Claim a file this session is about to change');
    expect(help.stdout).toContain('--mode');
  });
});
