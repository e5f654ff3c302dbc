import { baseName } from '../format';
import type { RepositoryState } from '../state/types';
import { CellDetail } from './cell-detail';
import { cellKey, MatrixGrid } from './matrix-grid';
import { SessionTable } from './session-table';

/** One repository: its sessions, its conflict matrix, and the open cell's details. */
export function RepositoryView({ repo, now, selected, onSelect }: { repo: RepositoryState; now: number; selected: string | null; onSelect: (key: string | null) => void }) {
  const cell = selected === null ? undefined : repo.matrix?.checks.find((c) => cellKey(c) === selected);
  const conflicting = repo.matrix?.conflicting ?? 0;
  return (
    <section class="repository" data-repo={repo.repoPath}>
      <h2 title={repo.repoPath}>
        {baseName(repo.repoPath)} <span class="muted small">{repo.repoPath}</span>
        {conflicting > 0 ? <span class="badge conflicts">{conflicting} conflicting</span> : null}
      </h2>
      <SessionTable sessions={repo.sessions} now={now} />
      {repo.keptLeftovers.length > 0 ? <p class="muted small">{repo.keptLeftovers.length} kept {repo.keptLeftovers.length === 1 ? "worktree" : "worktrees"} of ended sessions.</p> : null}
      <h3>Conflict matrix</h3>
      {repo.matrix ? <MatrixGrid matrix={repo.matrix} selected={selected} onSelect={onSelect} /> : <p class="empty">No session has work to compare.</p>}
      <Legend />
      {cell ? <CellDetail cell={cell} onClose={() => onSelect(null)} /> : null}
    </section>
  );
}

function Legend() {
  return (
    <p class="legend small">
      <span class="cell-clean swatch">✓</span> clean <span class="cell-trivial swatch" /> trivial <span class="cell-structural swatch" /> structural{' '}
      <span class="cell-concurrent swatch" /> concurrent <span class="cell-semantic swatch" /> semantic <span class="cell-failed swatch">!</span> failed · ● committed ·
      ~ uncommitted only (striped)
    </p>
  );
}
