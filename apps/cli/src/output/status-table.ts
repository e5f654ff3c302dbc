import * as path from 'node:path';
import Table from 'cli-table3';
import type { SessionInfo, SessionState } from '@parallel-cc/core-sessions';
import type { colorsFor } from './colors';
import { sessionTree } from './session-tree';
import { ago } from './time';

type Colors = ReturnType<typeof colorsFor>;

/** The `status` table: one block per repository, one row per session, a subagent's indented under its parent, a guest's under the session whose place it shares. */
export function renderStatusTable(sessions: SessionInfo[], colors: Colors, now: Date = new Date()): string {
  if (sessions.length === 0) return 'No sessions are registered.\n';
  const byRepo = new Map<string, SessionInfo[]>();
  for (const s of sessions) byRepo.set(s.repoPath, [...(byRepo.get(s.repoPath) ?? []), s]);
  const blocks: string[] = [];
  for (const [repo, list] of byRepo) {
    const table = new Table({
      head: ['SESSION', 'PID', 'WHERE', 'BRANCH', 'PORTS', 'AGE', 'HEARTBEAT', 'STATE', 'ORIGIN'],
      style: { head: [], border: [], compact: true },
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    });
    for (const { session: s, depth } of sessionTree(list)) {
      table.push([
        depth === 0 ? s.sessionId.slice(0, 8) : `${'  '.repeat(depth - 1)}└ ${s.sessionId.slice(0, 8)}`,
        s.agentPid ? `${s.pid}/${s.agentPid}` : String(s.pid),
        s.isMainRepo ? 'main checkout' : path.basename(s.worktreePath),
        s.branch ?? '(detached)',
        s.ports ? `${s.ports.first}-${s.ports.last}` : '-',
        ago(s.createdAt, now),
        `${ago(s.lastHeartbeat, now)} ago`,
        paintState(s.state, colors) + (s.keptReason ? ` (${s.keptReason})` : '') + (s.problem ? `, ${s.problem.replace(/-/g, ' ')}` : ''),
        s.sharesPlaceWith ? `${s.origin}, shares ${s.sharesPlaceWith.slice(0, 8)}` : s.origin,
      ]);
    }
    blocks.push(`${colors.bold(repo)}\n${table.toString()}\n`);
  }
  return blocks.join('\n');
}

function paintState(state: SessionState, colors: Colors): string {
  switch (state) {
    case 'live':
      return colors.green(state);
    case 'idle':
      return colors.yellow(state);
    case 'stale':
      return colors.red(state);
    case 'kept':
      return colors.magenta(state);
  }
}
