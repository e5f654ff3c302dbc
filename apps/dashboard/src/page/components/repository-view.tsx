import { memo } from 'preact/compat';
import { useCallback } from 'preact/hooks';
import { baseName } from '../format';
import type { RepositoryState } from '../state/types';
import { CellDetail } from './cell-detail';
import { cellKey, MatrixGrid } from './matrix-grid';
import { SessionTable } from './session-table';

/** Which matrix cell is open, in which repository. */
export interface Selection {
  repoPath: string;
  key: string;
}

/** One repository: its sessions, its conflict matrix, and the open cell's details (redrawn only when one of them changed). */
export const RepositoryView = memo(function RepositoryView({ repo, selected, onSelect }: { repo: RepositoryState; selected: string | null; onSelect: (selection: Selection | null) => void }) {
  const select = useCallback((key: string | null) => onSelect(key === null ? null : { repoPath: repo.repoPath, key }), [onSelect, repo.repoPath]);
  const cell = selected === null ? undefined : repo.matrix?.checks.find((c) => cellKey(c) === selected);
  const conflicting = repo.matrix?.conflicting ?? 0;
  return (
    <section class="repository" data-repo={repo.repoPath}>
      <h2 title={repo.repoPath}>
        {baseName(repo.repoPath)} <span class="muted small">{repo.repoPath}</span>
        {conflicting > 0 ? <span class="badge conflicts">{conflicting} conflicting</span> : null}
      </h2>
      <SessionTable sessions={repo.sessions} />
      {repo.keptLeftovers.length > 0 ? <p class="muted small">{repo.keptLeftovers.length} kept {repo.keptLeftovers.length === 1 ? "worktree" : "worktrees"} of ended sessions.</p> : null}
      <h3>Conflict matrix</h3>
      {repo.matrix ? <MatrixGrid matrix={repo.matrix} selected={selected} onSelect={select} /> : <p class="empty">No session has work to compare.</p>}
      <Legend />
      {cell ? <CellDetail cell={cell} onClose={() => select(null)} /> : null}
    </section>
  );
});

function Legend() {
  return (
    <p class="legend small">
      <span class="cell-clean swatch">✓</span> clean <span class="cell-trivial swatch" /> trivial <span class="cell-structural swatch" /> structural{' '}
      <span class="cell-concurrent swatch" /> concurrent <span class="cell-semantic swatch" /> semantic <span class="cell-failed swatch">!</span> failed · ● committed ·
      ~ uncommitted only (striped)
    </p>
  );
}
