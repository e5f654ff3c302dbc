import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, removeTempDirs } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { createClaudeWorktree, openCoordinator, registerSession, sessionLogFile, setupSession } from '../src';
import type { Coordinator } from '../src';
import { liveProcess, cleanHome, stopLiveProcesses } from './support';

let home: TempHome;
let coordinator: Coordinator;
const quiet = { write: () => true };

beforeAll(async () => {
  home = cleanHome();
  coordinator = await openCoordinator({ env: home.env });
});

afterAll(async () => {
  await coordinator.close();
  await stopLiveProcesses();
  removeTempDirs();
});

/** A repository whose main checkout has an ignored node_modules, and whose main checkout a live session holds. */
async function busyRepo(): Promise<string> {
  const repo = makeRepo({ '.gitignore': 'node_modules/\nsetup-ran\n' });
  fs.mkdirSync(path.join(repo, 'node_modules', 'dep'), { recursive: true });
  fs.writeFileSync(path.join(repo, 'node_modules', 'dep', 'index.js'), 'module.exports = 1;\n');
  await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env, progress: quiet });
  return repo;
}

describe('a new worktree\u2019s environment', () => {
  it('gets node_modules cloned and the setup command run once with the session\u2019s PORT, output in the session\u2019s log', async () => {
    const repo = await busyRepo();
    git(repo, 'config', 'parallel-cc.setup', 'echo "port=$PORT ports=$PARALLEL_CC_PORTS" > setup-ran && echo said-on-stdout');
    const progress: string[] = [];
    const r = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env, progress: { write: (t: string) => progress.push(t) } });
    expect(r.environment?.shared).toEqual([expect.objectContaining({ dir: 'node_modules', status: 'cloned', files: 1 })]);
    expect(r.environment?.setup).toMatchObject({ status: 'done', exitCode: 0, logFile: sessionLogFile(r.sessionId, home.env) });
    expect(fs.readFileSync(path.join(r.worktreePath, 'node_modules', 'dep', 'index.js'), 'utf8')).toBe('module.exports = 1;\n');
    expect(fs.readFileSync(path.join(r.worktreePath, 'setup-ran'), 'utf8')).toBe(`port=${r.ports?.first} ports=${r.ports?.first}-${r.ports?.last}\n`);
    expect(fs.readFileSync(sessionLogFile(r.sessionId, home.env), 'utf8')).toContain('said-on-stdout');
    expect(progress.join('')).toMatch(/running setup in .*\n.*setup done/s);
    expect(r.warnings).toEqual([]);
  });

  it('a failing setup keeps the worktree and says how to retry; the retry runs it again', async () => {
    const repo = await busyRepo();
    git(repo, 'config', 'parallel-cc.setup', 'exit 3');
    const r = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env, progress: quiet });
    expect(r.environment?.setup).toMatchObject({ status: 'failed', exitCode: 3 });
    expect(r.warnings.join('\n')).toContain(`failed (exit 3) in ${r.worktreePath}; the worktree is kept`);
    expect(r.warnings.join('\n')).toContain(`parallel-cc setup --session-id ${r.sessionId}`);
    expect(fs.existsSync(path.join(r.worktreePath, 'node_modules', 'dep'))).toBe(true);

    git(repo, 'config', 'parallel-cc.setup', 'touch setup-ran');
    const again = await setupSession(coordinator, { sessionId: r.sessionId, env: home.env, progress: quiet });
    expect(again.setup?.status).toBe('done');
    expect(fs.existsSync(path.join(r.worktreePath, 'setup-ran'))).toBe(true);
  });

  it('a setup that outlives its timeout is stopped and reported', async () => {
    const repo = await busyRepo();
    git(repo, 'config', 'parallel-cc.setup', 'sleep 30');
    git(repo, 'config', 'parallel-cc.setupTimeout', '1');
    const r = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env, progress: quiet });
    expect(r.environment?.setup?.status).toBe('timed-out');
    expect(r.warnings.join('\n')).toContain('timed out after 1 s');
  });

  it('.parallel-cc.json gives setup, shareDirs and env; a refused entry is a warning naming it', async () => {
    const repo = await busyRepo();
    fs.writeFileSync(
      path.join(repo, '.parallel-cc.json'),
      JSON.stringify({ setup: 'echo "$GREETING" > setup-ran', shareDirs: ['node_modules', '../out'], env: { GREETING: 'hello' } }),
    );
    const r = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env, progress: quiet });
    expect(fs.readFileSync(path.join(r.worktreePath, 'setup-ran'), 'utf8')).toBe('hello\n');
    expect(r.warnings).toEqual([expect.stringContaining('"../out" leads outside the repository')]);
  });

  it('a worktree made for Claude Code (WorktreeCreate) gets the same', async () => {
    const repo = await busyRepo();
    git(repo, 'config', 'parallel-cc.setup', 'echo "$PORT" > setup-ran');
    const made = await createClaudeWorktree(coordinator, { cwd: repo, name: 'feat-env', claudeSessionId: null, pid: liveProcess().pid, env: home.env });
    expect(fs.existsSync(path.join(made.worktreePath, 'node_modules', 'dep', 'index.js'))).toBe(true);
    expect(fs.readFileSync(path.join(made.worktreePath, 'setup-ran'), 'utf8')).toBe(`${made.ports?.first}\n`);
  });
});
