import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, makeTempHome, removeTempDirs, startTrackedProcess, stopTrackedProcesses } from '@parallel-cc/test-utils';
import { pcc, pccJson } from './support';

afterAll(async () => {
  await stopTrackedProcesses();
  removeTempDirs();
});

describe('a worktree session\u2019s ports, shared node_modules and setup, through the CLI', () => {
  it('register clones node_modules and runs setup; status shows the ports; a failed setup is retried with `setup --session-id`', () => {
    const home = makeTempHome();
    const repo = makeRepo({ '.gitignore': 'node_modules/\nsetup-ran\n' });
    fs.mkdirSync(path.join(repo, 'node_modules', 'dep'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'node_modules', 'dep', 'index.js'), '1\n');
    git(repo, 'config', 'parallel-cc.portRange', '8100-8199');
    pccJson(['register', '--repo', repo, '--pid', String(startTrackedProcess().pid)], { env: home.env });
    git(repo, 'config', 'parallel-cc.setup', 'test -f fixed && echo "$PORT" > setup-ran');
    const made = pcc(['register', '--repo', repo, '--pid', String(startTrackedProcess().pid), '--json'], { env: home.env });
    expect(made.code).toBe(0);
    const session = JSON.parse(made.stdout) as { sessionId: string; worktreePath: string };
    expect(made.stderr).toContain(`parallel-cc setup --session-id ${session.sessionId}`);
    expect(fs.readFileSync(path.join(session.worktreePath, 'node_modules', 'dep', 'index.js'), 'utf8')).toBe('1\n');

    const status = pccJson<{ sessions: Array<{ ports: unknown }> }>(['status', '--repo', repo], { env: home.env });
    expect(status.sessions.map((s) => s.ports)).toEqual([
      { first: 8100, last: 8109 },
      { first: 8110, last: 8119 },
    ]);
    expect(pcc(['status', '--repo', repo], { env: home.env }).stdout).toMatch(/8110-8119/);

    fs.writeFileSync(path.join(session.worktreePath, 'fixed'), '');
    const retry = pcc(['setup', '--session-id', session.sessionId.slice(0, 8)], { env: home.env });
    expect(retry).toMatchObject({ code: 0, stdout: '' });
    expect(fs.readFileSync(path.join(session.worktreePath, 'setup-ran'), 'utf8')).toBe('8110\n');
    expect(pcc(['setup'], { env: home.env }).code).toBe(2);
  });
});
