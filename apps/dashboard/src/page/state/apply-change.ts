import type { LiveState, RepositoryState, StateChange } from './types';

/**
 * The state after one change: the named part replaced, everything else kept as it was (so that
 * Preact redraws only what changed). `sessions` of a repository the state does not hold yet adds
 * it; `sessions` with a null value removes it; `matrix` of an unknown repository is dropped (its
 * `sessions` change comes first). An unknown part leaves the state as it is.
 */
export function applyChange(state: LiveState, change: StateChange): LiveState {
  const generatedAt = change.generatedAt ?? state.generatedAt;
  switch (change.part) {
    case 'timeline':
      return { ...state, generatedAt, timeline: change.value };
    case 'sandboxRuns':
      return { ...state, generatedAt, sandboxRuns: change.value };
    case 'sessions': {
      const { value, repoPath } = change;
      if (value === null) return { ...state, generatedAt, repositories: state.repositories.filter((r) => r.repoPath !== repoPath) };
      return { ...state, generatedAt, repositories: upsert(state.repositories, repoPath, (r) => ({ repoPath, matrix: r?.matrix ?? null, ...value })) };
    }
    case 'matrix': {
      const { value, repoPath } = change;
      if (!state.repositories.some((r) => r.repoPath === repoPath)) return state;
      return { ...state, generatedAt, repositories: upsert(state.repositories, repoPath, (r) => ({ ...(r as RepositoryState), matrix: value })) };
    }
    default:
      return state;
  }
}

function upsert(repositories: RepositoryState[], repoPath: string, make: (current: RepositoryState | undefined) => RepositoryState): RepositoryState[] {
  const at = repositories.findIndex((r) => r.repoPath === repoPath);
  if (at === -1) return [...repositories, make(undefined)];
  const next = [...repositories];
  next[at] = make(repositories[at]);
  return next;
}
