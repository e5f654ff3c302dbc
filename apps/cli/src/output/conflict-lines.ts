import type { ClassifiedConflict, ConflictClass, SuggestionsReport } from '@parallel-cc/conflict-engine';
import type { colorsFor } from './colors';

type Colors = ReturnType<typeof colorsFor>;

/** A conflict class, coloured by how much it needs a person. */
export function paintClass(cls: ConflictClass | null, colors: Colors): string {
  const text = (cls ?? 'UNCLASSIFIED').padEnd(12);
  if (cls === 'SEMANTIC') return colors.red(text);
  if (cls === 'CONCURRENT') return colors.yellow(text);
  if (cls === 'STRUCTURAL') return colors.cyan(text);
  return colors.green(text);
}

/** A conflict, with where it comes from when a preview of sessions' work said so. */
type ShownConflict = ClassifiedConflict & { source?: 'committed' | 'uncommitted'; uncommittedIn?: Array<'ours' | 'theirs'> };

/** One line per conflicted file: class, path, declarations involved, committed or uncommitted work, and the reason. */
export function conflictLines(conflicts: ShownConflict[], colors: Colors, indent = '  '): string {
  return conflicts
    .map((c) => {
      const names = c.classification?.declarations.length ? ` (${c.classification.declarations.join(', ')})` : '';
      const reason = c.classification?.reason ?? c.message.split('\n')[0] ?? '';
      return `${indent}${paintClass(c.classification?.class ?? null, colors)} ${c.path}${names}${sourceNote(c, colors)}\n${indent}${' '.repeat(13)}${colors.dim(reason)}\n`;
    })
    .join('');
}

function sourceNote(c: ShownConflict, colors: Colors): string {
  if (c.source === undefined) return '';
  if (c.source === 'committed') return `  ${colors.dim('committed')}`;
  const sides = c.uncommittedIn?.length ? ` (${c.uncommittedIn.join(', ')})` : '';
  return `  ${colors.yellow('uncommitted')}${colors.dim(sides)}`;
}

/** Suggestions with their ids (for `conflicts apply`), and the conflicts left for a person. */
export function suggestionLines(report: SuggestionsReport, colors: Colors, indent = '  '): string {
  const lines: string[] = [];
  for (const s of report.suggestions) {
    lines.push(`${indent}${colors.bold(s.id)}  ${s.path}  ${s.strategy}, confidence ${s.confidence.score.toFixed(2)}`);
    lines.push(`${indent}${' '.repeat(14)}${colors.dim(s.description)}`);
  }
  for (const u of report.unresolved) {
    lines.push(`${indent}${colors.yellow('no fix'.padEnd(12))}  ${u.path}`);
    lines.push(`${indent}${' '.repeat(14)}${colors.dim(u.reason)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
