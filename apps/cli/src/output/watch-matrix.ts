import type { MatrixCell, RepositoryMatrix } from '@parallel-cc/live-state';
import type { colorsFor } from './colors';

type Colors = ReturnType<typeof colorsFor>;

const SHORT: Record<string, string> = { TRIVIAL: 'triv', STRUCTURAL: 'struc', CONCURRENT: 'conc', SEMANTIC: 'SEM' };
const WIDTH = 7;

/**
 * The compact collision grid of `status --watch`: a row and a column per compared session (by the
 * numbers of the session list), and a `base` column. A cell says `ok`, the worst class of the
 * pair's conflicts (`triv`, `struc`, `conc`, `SEM`; `*` when only uncommitted work collides) or
 * `fail`; then one line per colliding pair with its files.
 */
export function watchMatrixLines(matrix: RepositoryMatrix, numberOf: (sessionId: string) => number, colors: Colors): string[] {
  if (matrix.error !== null) return [colors.red(`  conflicts not previewed: ${matrix.error}`)];
  const rows = matrix.sessions;
  if (rows.length === 0) return [];
  const label = (sessionId: string) => `[${numberOf(sessionId)}]`;
  const lines = [`  ${''.padEnd(6)}${rows.map((s) => label(s.sessionId).padEnd(WIDTH)).join('')}base`];
  const find = (ours: string, theirs: string): MatrixCell | undefined =>
    matrix.checks.find((c) => (c.oursRef === ours && c.theirsRef === theirs) || (c.oursRef === theirs && c.theirsRef === ours));
  for (const s of rows) {
    const cells = rows.map((other) => (other.ref === s.ref ? '·'.padEnd(WIDTH) : paint(find(s.ref, other.ref), colors)));
    // A session on its base branch itself (a main checkout) has no base to collide with.
    const base = s.branch === s.baseBranch ? '·' : paint(find(s.ref, s.baseBranch), colors).trimEnd();
    lines.push(`  ${label(s.sessionId).padEnd(6)}${cells.join('')}${base}`);
  }
  for (const c of matrix.checks.filter((k) => k.status !== 'clean')) {
    const side = (id: string | null, branch: string) => (id ? label(id) : branch);
    const what =
      c.status === 'failed'
        ? colors.red(`check failed: ${c.reason ?? ''}`)
        : c.conflicts.map((k) => `${k.path} (${k.classification?.class ?? k.kind}, ${k.source}${declarations(k.classification?.declarations)})`).join('; ');
    lines.push(`  ${side(c.oursSessionId, c.ours)} × ${side(c.theirsSessionId, c.theirs)}: ${what}`);
  }
  return lines;
}

function paint(cell: MatrixCell | undefined, colors: Colors): string {
  if (!cell) return '—'.padEnd(WIDTH);
  if (cell.status === 'failed') return colors.red('fail'.padEnd(WIDTH));
  if (cell.status === 'clean') return colors.green('ok'.padEnd(WIDTH));
  const text = `${cell.worst ? (SHORT[cell.worst] ?? cell.worst) : 'yes'}${cell.source === 'uncommitted' ? '*' : ''}`.padEnd(WIDTH);
  return cell.source === 'uncommitted' ? colors.yellow(text) : colors.red(text);
}

function declarations(names: string[] | undefined): string {
  return names && names.length > 0 ? `: ${names.slice(0, 3).join(', ')}` : '';
}
