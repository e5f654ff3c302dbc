import type { RegisterOptions } from '@parallel-cc/core-sessions';
import { makeRepo, makeTempHome, removeTempDirs, startTrackedProcess, stopTrackedProcesses } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { pcc, pccJson } from './support';

interface Status {
  sessions: Array<Record<string, unknown> & { sessionId: string; origin: string; parentSessionId: string | null }>;
  totalSessions: number;
}

let home: TempHome;
const startLive = startTrackedProcess;

beforeEach(() => {
  home = makeTempHome();
});
afterEach(() => stopTrackedProcesses());
afterAll(() => removeTempDirs());

/** Registers a session the way a Claude Code hook does (no CLI command takes an origin). */
async function registerAs(repo: string, options: Pick<RegisterOptions, 'origin' | 'parentSessionId'>): Promise<string> {
  const { openCoordinator, registerSession } = await import('@parallel-cc/core-sessions');
  const coordinator = await openCoordinator({ env: home.env });
  try {
    return (await registerSession(coordinator, { repo, pid: startLive().pid, env: home.env, ...options })).sessionId;
  } finally {
    await coordinator.close();
  }
}

describe('status says how each session started', () => {
  it('gives origin and parentSessionId in --json, and lists a subagent indented under its parent', async () => {
    const repo = makeRepo();
    const wrapped = pccJson<{ sessionId: string }>(['register', '--repo', repo, '--pid', String(startLive().pid)], { env: home.env }).sessionId;
    const byClaude = await registerAs(repo, { origin: 'claude-worktree' });
    const other = await registerAs(repo, { origin: 'claude-worktree' });
    const subagent = await registerAs(repo, { origin: 'subagent', parentSessionId: byClaude });

    const status = pccJson<Status>(['status'], { env: home.env });
    expect(status.totalSessions).toBe(4);
    const byId = new Map(status.sessions.map((s) => [s.sessionId, [s.origin, s.parentSessionId]]));
    expect(Object.fromEntries(byId)).toEqual({
      [wrapped]: ['wrapper', null],
      [byClaude]: ['claude-worktree', null],
      [other]: ['claude-worktree', null],
      [subagent]: ['subagent', byClaude],
    });
    for (const s of status.sessions) {
      expect(Object.keys(s)).toEqual(
        expect.arrayContaining(['sessionId', 'pid', 'agentPid', 'repoPath', 'worktreePath', 'worktreeName', 'branch', 'baseBranch', 'isMainRepo', 'state', 'keptReason', 'problem', 'claudeSessionId', 'createdAt', 'lastHeartbeat']),
      );
    }

    const table = pcc(['status'], { env: home.env });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/SESSION +│ PID +│ WHERE +│ BRANCH +│ PORTS +│ AGE +│ HEARTBEAT +│ STATE +│ ORIGIN/);
    const rows = table.stdout.split('\n').filter((line) => /[0-9a-f]{8}/.test(line));
    const rowOf = (id: string) => rows.findIndex((line) => line.includes(id.slice(0, 8)));
    // The subagent follows its parent, indented, whatever order they were registered in.
    expect(rowOf(subagent)).toBe(rowOf(byClaude) + 1);
    expect(rows[rowOf(subagent)]).toMatch(new RegExp(`^│ └ ${subagent.slice(0, 8)} .*│ subagent +│$`));
    expect(rows[rowOf(byClaude)]).toMatch(new RegExp(`^│ ${byClaude.slice(0, 8)} .*│ claude-worktree │$`));
    expect(rows[rowOf(wrapped)]).toMatch(new RegExp(`^│ ${wrapped.slice(0, 8)} .*│ main checkout .*│ wrapper +│$`));
  });
});
