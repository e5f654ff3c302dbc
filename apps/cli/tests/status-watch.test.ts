import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, makeRepo, makeTempHome, removeTempDirs, startLiveProcess } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { BIN, pcc, pccJson, startBin, waitFor } from './support';
import { startTmux } from './tmux-pane';
import type { TmuxPane } from './tmux-pane';

interface Registration {
  sessionId: string;
  worktreePath: string;
}

let home: TempHome;
let pane: TmuxPane | undefined;
const live: LiveProcess[] = [];
beforeEach(() => {
  home = makeTempHome();
});
afterEach(async () => {
  pane?.kill();
  pane = undefined;
  await Promise.all(live.splice(0).map((p) => p.kill()));
});
afterAll(() => removeTempDirs());

function register(repo: string): Registration {
  const agent = startLiveProcess();
  live.push(agent);
  return pccJson<Registration>(['register', '--repo', repo, '--pid', String(agent.pid)], { env: home.env });
}

const WATCHING = 'parallel-cc status --watch  q quits';

describe('status --watch on a terminal (tmux)', () => {
  it('redraws when a session registers; q quits and gives back the screen and the terminal mode', async () => {
    const repo = makeRepo();
    const first = register(repo);
    pane = startTmux(home.env);
    const [before, after] = [path.join(home.home, 'before.stty'), path.join(home.home, 'after.stty')];
    pane.type(`clear; stty -g > ${before}; echo BEFORE-WATCH`);
    await pane.waitFor((s) => /^BEFORE-WATCH$/m.test(s), 'the marker');
    // The terminal's mode is read right after the command, before bash's line editor takes the terminal again.
    pane.type(`node ${BIN.pcc} status --watch; echo "exit=$?"; stty -g > ${after}`);
    await pane.waitFor((s) => s.includes(WATCHING) && s.includes('(1 session)') && s.includes(first.sessionId.slice(0, 8)), 'the first screen');

    const second = register(repo);
    const redrawn = await pane.waitFor((s) => s.includes('(2 sessions)'), 'the redraw with the second session');
    expect(redrawn).toContain(`[2] ${second.sessionId.slice(0, 8)}  live  parallel-cc/${second.sessionId.slice(0, 8)} from main`);
    expect(redrawn).not.toContain('BEFORE-WATCH');

    pane.send('q');
    const restored = await pane.waitFor((s) => s.includes('exit=0'), 'the command to end');
    expect(restored).toContain('BEFORE-WATCH');
    expect(restored).not.toContain(WATCHING);
    await waitFor(() => fs.existsSync(after) && fs.readFileSync(after, 'utf8').endsWith('\n'), 10_000, 'the terminal mode after');
    expect(fs.readFileSync(after, 'utf8')).toBe(fs.readFileSync(before, 'utf8'));
  });

  it('Ctrl-C quits too, and a collision made by commits shows in the grid', async () => {
    const repo = makeRepo({ 'app.ts': 'export const value = 1;\n' });
    register(repo);
    const second = register(repo);
    pane = startTmux(home.env);
    pane.type(`node ${BIN.pcc} status --watch --repo ${repo}; echo "exit=$?"`);
    await pane.waitFor((s) => s.includes(WATCHING) && s.includes('(2 sessions)'), 'the first screen');

    commitFiles(repo, { 'app.ts': 'export const value = 2;\n' }, 'main changes value');
    commitFiles(second.worktreePath, { 'app.ts': 'export const value = 3;\n' }, 'the session changes value');
    const collided = await pane.waitFor((s) => s.includes('1 colliding pair'), 'the collision');
    expect(collided).toMatch(/\[1\] × \[2\]: app\.ts \(CONCURRENT, committed: value\)/);
    expect(collided).toMatch(/\[2\]\s+conc\s+·\s+conc/);

    pane.send('C-c');
    const after = await pane.waitFor((s) => s.includes('exit=0'), 'the command to end');
    expect(after).not.toContain(WATCHING);
  });
});

describe('status --watch when stdout is not a terminal', () => {
  it('prints a block of lines per change, and ends on SIGTERM with exit code 0', async () => {
    const repo = makeRepo();
    register(repo);
    const watch = startBin(BIN.pcc, ['status', '--watch'], { env: home.env });
    await waitFor(() => /^--- \S+ initial\n/m.test(watch.output().stdout) && watch.output().stdout.includes('(1 session)'), 15_000, () => `the first block: ${JSON.stringify(watch.output())}`);

    const second = register(repo);
    await waitFor(
      () => new RegExp(`^--- \\S+ sessions ${repo}\\n${repo}  \\(2 sessions\\)\\n`, 'm').test(watch.output().stdout),
      15_000,
      () => `a block for the new session: ${JSON.stringify(watch.output())}`,
    );
    expect(watch.output().stdout).toContain(`[2] ${second.sessionId.slice(0, 8)}`);
    expect(watch.output().stdout).not.toContain('\x1b[');

    watch.child.kill('SIGTERM');
    expect(await watch.exited).toEqual({ code: 0, signal: null });
  });

  it('with --json, prints one JSON object a line per change: the first state, then what changed', async () => {
    const repo = makeRepo({ 'app.ts': 'export const value = 1;\n' });
    register(repo);
    const watch = startBin(BIN.pcc, ['status', '--watch', '--json'], { env: home.env });
    type Line = { part: string; repo: string | null; state: { repositories: Array<{ sessions: unknown[]; matrix: { conflicting: number } | null }> } };
    const lines = (): Line[] =>
      watch
        .output()
        .stdout.split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Line);
    await waitFor(() => lines().length >= 1, 15_000, () => `the first line: ${JSON.stringify(watch.output())}`);
    expect(lines()[0]).toMatchObject({ part: 'initial', repo: null, state: { repositories: [{ sessions: [expect.anything()] }] } });

    const second = register(repo);
    await waitFor(() => lines().some((l) => l.part === 'sessions' && l.state.repositories[0]?.sessions.length === 2), 15_000, 'a sessions line');
    commitFiles(repo, { 'app.ts': 'export const value = 2;\n' });
    commitFiles(second.worktreePath, { 'app.ts': 'export const value = 3;\n' });
    await waitFor(() => lines().some((l) => l.part === 'matrix' && l.repo === repo && l.state.repositories[0]?.matrix?.conflicting === 1), 15_000, 'a matrix line');

    watch.child.kill('SIGINT');
    expect(await watch.exited).toEqual({ code: 0, signal: null });
  });

  it('refuses --watch with --sandbox-only', () => {
    const result = pcc(['status', '--watch', '--sandbox-only'], { env: home.env });
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining('--watch and --sandbox-only cannot be used together') });
  });
});
