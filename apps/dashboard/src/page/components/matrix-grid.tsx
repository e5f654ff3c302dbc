import { memo } from 'preact/compat';
import { useMemo } from 'preact/hooks';
import type { MatrixCell, RepositoryMatrix } from '../state/types';

/** A check's identity across updates (its refs change with each snapshot of uncommitted work). */
export function cellKey(cell: MatrixCell): string {
  return `${cell.against}|${cell.oursSessionId ?? cell.ours}|${cell.theirsSessionId ?? cell.theirs}`;
}

const LABEL: Record<string, string> = { TRIVIAL: 'triv', STRUCTURAL: 'struct', CONCURRENT: 'conc', SEMANTIC: 'sem' };

/** Each check under `row|column` (both orders; `row|base` for a session against its base): one lookup per cell. */
function checksByCell(matrix: RepositoryMatrix): Map<string, MatrixCell> {
  const cells = new Map<string, MatrixCell>();
  for (const c of matrix.checks) {
    if (c.oursSessionId === null) continue;
    if (c.against === 'base') cells.set(`${c.oursSessionId}|base`, c);
    else if (c.theirsSessionId !== null) {
      cells.set(`${c.oursSessionId}|${c.theirsSessionId}`, c);
      cells.set(`${c.theirsSessionId}|${c.oursSessionId}`, c);
    }
  }
  return cells;
}

/** A cell's colour class: its worst conflict class, clean, failed, or not checked. */
export function cellClass(cell: MatrixCell | undefined): string {
  if (!cell) return 'cell-none';
  if (cell.status === 'failed') return 'cell-failed';
  if (cell.status === 'clean') return 'cell-clean';
  return `cell-${(cell.worst ?? 'unclassified').toLowerCase()} source-${cell.source ?? 'committed'}`;
}

/**
 * The conflict matrix as a grid: a row and a column per compared session, and a last column for
 * each session against its base (when a base is not itself a session's branch). A cell's colour is its worst class; committed conflicts are
 * solid, conflicts only in uncommitted work are striped. A click opens the cell's conflicts.
 */
export const MatrixGrid = memo(function MatrixGrid({ matrix, selected, onSelect }: { matrix: RepositoryMatrix; selected: string | null; onSelect: (key: string) => void }) {
  const cells = useMemo(() => checksByCell(matrix), [matrix]);
  if (matrix.error) return <p class="error">The conflict matrix could not be computed: {matrix.error}</p>;
  const sessions = matrix.sessions;
  if (sessions.length === 0) return <p class="empty">No session has work to compare.</p>;
  // A base that is itself a session's branch has its own column already.
  const columns: Array<string | null> = [...sessions.map((s) => s.sessionId), ...(matrix.checks.some((c) => c.against === 'base') ? [null] : [])];
  return (
    <table class="matrix" aria-label="Conflict matrix">
      <thead>
        <tr>
          <th />
          {sessions.map((s) => (
            <th key={s.sessionId} class="mono col" title={s.sessionId}>
              {s.branch}
            </th>
          ))}
          {columns.includes(null) ? <th class="col">base</th> : null}
        </tr>
      </thead>
      <tbody>
        {sessions.map((row) => (
          <tr key={row.sessionId}>
            <th class="mono row" title={row.sessionId}>
              {row.branch}
              {row.uncommitted.length > 0 ? <span class="tag-uncommitted" title={`${row.uncommitted.length} uncommitted`}> ~</span> : null}
            </th>
            {columns.map((colId) => {
              if (colId === row.sessionId) return <td key="self" class="cell cell-self" />;
              const cell = cells.get(`${row.sessionId}|${colId ?? 'base'}`);
              return (
                <td
                  key={colId ?? 'base'}
                  class={`cell ${cellClass(cell)}${cell && cellKey(cell) === selected ? ' selected' : ''}`}
                  data-cell={`${row.sessionId}|${colId ?? 'base'}`}
                  data-status={cell?.status ?? 'none'}
                  data-worst={cell?.worst ?? ''}
                  data-source={cell?.source ?? ''}
                  title={describe(cell)}
                  onClick={cell ? () => onSelect(cellKey(cell)) : undefined}
                >
                  {cell ? cellText(cell) : ''}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
});

function cellText(cell: MatrixCell): string {
  if (cell.status === 'clean') return '✓';
  if (cell.status === 'failed') return '!';
  const mark = cell.source === 'uncommitted' ? '~' : '●';
  return `${mark} ${LABEL[cell.worst ?? ''] ?? 'conf'} ${cell.conflicts.length}`;
}

function describe(cell: MatrixCell | undefined): string {
  if (!cell) return 'not checked';
  if (cell.status === 'failed') return `check failed: ${cell.reason ?? ''}`;
  if (cell.status === 'clean') return `${cell.ours} and ${cell.theirs} merge cleanly`;
  const n = cell.conflicts.length;
  return `${n} conflicting ${n === 1 ? 'file' : 'files'}, worst ${cell.worst ?? 'unclassified'}, ${cell.source} work`;
}
