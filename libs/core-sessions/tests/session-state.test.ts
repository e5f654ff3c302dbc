import { deadPid } from '@parallel-cc/test-utils';
import { isSessionAlive, processStartTime, toSessionInfo } from '../src';
import { IDLE_AFTER_MS, sessionState } from '../src/liveness/session-state';
import type { SessionsTable } from '../src';
import { liveProcess, stopLiveProcesses } from './support';

afterAll(() => stopLiveProcesses());

const NOW = new Date('2030-01-01T12:00:00.000Z');

function row(overrides: Partial<SessionsTable>): SessionsTable {
  return {
    id: '123e4567-e89b-42d3-a456-426614174000',
    repo_path: '/code/app',
    worktree_path: '/code/app-worktrees/parallel-cc-123e4567',
    worktree_name: 'parallel-cc-123e4567',
    branch: 'parallel-cc/123e4567',
    base_branch: 'main',
    is_main_repo: 0,
    pid: 1,
    pid_started: null,
    agent_pid: null,
    agent_started: null,
    claude_session_id: null,
    status: 'active',
    kept_reason: null,
    status_changed_at: null,
    status_owner_pid: null,
    status_owner_started: null,
    created_at: NOW.toISOString(),
    last_heartbeat: NOW.toISOString(),
    origin: 'wrapper',
    parent_session_id: null,
    shares_place_with: null,
    port_first: null,
    port_last: null,
    ...overrides,
  };
}

describe('sessionState', () => {
  it('is live while a registered process runs and heartbeats are recent', () => {
    const live = liveProcess();
    const r = row({ pid: live.pid, pid_started: processStartTime(live.pid) });
    expect(sessionState(r, NOW)).toBe('live');
    expect(sessionState(r, new Date(NOW.getTime() + IDLE_AFTER_MS))).toBe('live');
  });

  it('is idle after more than 10 minutes of silence, and live again after a heartbeat', () => {
    const live = liveProcess();
    const r = row({ pid: live.pid, pid_started: processStartTime(live.pid) });
    expect(IDLE_AFTER_MS).toBe(10 * 60 * 1000);
    const later = new Date(NOW.getTime() + IDLE_AFTER_MS + 1);
    expect(sessionState(r, later)).toBe('idle');
    expect(sessionState({ ...r, last_heartbeat: later.toISOString() }, later)).toBe('live');
  });

  it('is stale when the process is gone, or when its PID now belongs to another process', async () => {
    expect(sessionState(row({ pid: await deadPid() }), NOW)).toBe('stale');
    const live = liveProcess();
    expect(sessionState(row({ pid: live.pid, pid_started: 'someone-else:123' }), NOW)).toBe('stale');
  });

  it('is kept for a kept row, whether or not a process runs', () => {
    const live = liveProcess();
    expect(sessionState(row({ status: 'kept', pid: live.pid, pid_started: processStartTime(live.pid) }), NOW)).toBe('kept');
    expect(sessionState(row({ status: 'kept', pid: 999_999 }), NOW)).toBe('kept');
  });
});

describe('isSessionAlive', () => {
  it('counts the agent\u2019s process when the wrapper is gone', async () => {
    const agent = liveProcess();
    const gone = await deadPid();
    expect(isSessionAlive(row({ pid: gone, agent_pid: agent.pid, agent_started: processStartTime(agent.pid) }))).toBe(true);
    expect(isSessionAlive(row({ pid: gone, agent_pid: agent.pid, agent_started: 'reused:1' }))).toBe(false);
    expect(isSessionAlive(row({ pid: gone }))).toBe(false);
  });
});

describe('toSessionInfo', () => {
  it('shows a row as camelCase JSON with its state', () => {
    const r = row({
      pid: 999_999,
      status: 'kept',
      kept_reason: 'worktree has 1 untracked file',
      claude_session_id: 'cc-1',
      agent_pid: 7,
      origin: 'subagent',
      parent_session_id: '223e4567-e89b-42d3-a456-426614174000',
      port_first: 4100,
      port_last: 4109,
    });
    expect(toSessionInfo(r, NOW, false)).toEqual({
      sessionId: r.id,
      pid: 999_999,
      agentPid: 7,
      repoPath: '/code/app',
      worktreePath: '/code/app-worktrees/parallel-cc-123e4567',
      worktreeName: 'parallel-cc-123e4567',
      branch: 'parallel-cc/123e4567',
      baseBranch: 'main',
      isMainRepo: false,
      state: 'kept',
      keptReason: 'worktree has 1 untracked file',
      // A made-up repository path: the place is not on this machine.
      problem: 'repository-gone',
      claudeSessionId: 'cc-1',
      origin: 'subagent',
      parentSessionId: '223e4567-e89b-42d3-a456-426614174000',
      sharesPlaceWith: null,
      ports: { first: 4100, last: 4109 },
      createdAt: NOW.toISOString(),
      lastHeartbeat: NOW.toISOString(),
    });
    expect(toSessionInfo(row({ is_main_repo: 1, status: 'active' }), NOW, true)).toMatchObject({ isMainRepo: true, state: 'live' });
  });
});
