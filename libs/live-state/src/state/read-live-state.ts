import type { Coordinator } from '@parallel-cc/core-sessions';
import type { LiveState, RepositoryMatrix, RepositoryState } from './live-state';
import { withStateCoordinator } from './open-state-coordinator';
import { readMatrix } from './read-matrix';
import type { LiveStateOptions } from './read-options';
import { readSandboxRuns } from './read-sandbox-runs';
import { readSessions } from './read-sessions';
import type { RepositorySessions } from './read-sessions';
import { readTimeline } from './read-timeline';
import { checkLimits } from './limits';

/** The session states whose work a matrix compares (merge-detector's preview: live, idle and kept). */
const COMPARED = new Set(['live', 'idle', 'kept']);

/**
 * Everything a live screen shows for one `PARALLEL_CC_HOME`, in one read: each repository's
 * sessions (with files in progress and claims) and conflict matrix, the timeline of merges and
 * notifications, and the sandbox runs with their log tails. Options are checked first
 * (`LiveStateError` `INVALID_INPUT`).
 */
export async function readLiveState(options: LiveStateOptions = {}): Promise<LiveState> {
  const limits = checkLimits(options);
  return withStateCoordinator(options, async (coordinator) => {
    const now = new Date();
    const groups = await readSessions(coordinator, { repoRoot: options.repoRoot, now });
    const repositories: RepositoryState[] = [];
    for (const group of groups) {
      repositories.push({ ...group, matrix: options.matrix === false ? null : await matrixOf(coordinator, group, now) });
    }
    return {
      database: coordinator.path,
      generatedAt: now.toISOString(),
      repositories,
      timeline: await readTimeline(coordinator, { repoRoot: options.repoRoot, limit: limits.timelineLimit }),
      sandboxRuns: await readSandboxRuns(coordinator, { repoRoot: options.repoRoot, tailBytes: limits.logTailBytes }),
    };
  });
}

/** A repository's matrix, or null when none of its sessions has work to compare. */
export async function matrixOf(coordinator: Coordinator, group: RepositorySessions, now: Date): Promise<RepositoryMatrix | null> {
  if (!group.sessions.some((s) => COMPARED.has(s.state))) return null;
  return readMatrix(coordinator, group.repoPath, now);
}
