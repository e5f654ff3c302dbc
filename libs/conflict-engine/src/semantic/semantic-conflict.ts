import type { ClassifiedConflict } from '../detect-conflicts';
import type { SemanticBreak } from './semantic-break';

/**
 * A semantic break as a conflict of the report: on the file that uses what the other side took
 * away (where the build would fail), kind `semantic`, class SEMANTIC, with both sides' names and
 * places in its reason and in `semantic`.
 */
export function semanticConflict(b: SemanticBreak): ClassifiedConflict {
  const d = b.declaration;
  const first = b.uses[0]!;
  const at = `${d.path}:${d.line}`;
  const what = {
    removed: `removes ${d.name} (${at} at the merge base)`,
    renamed: `renames ${d.name} to ${d.newName ?? '?'} (${at})`,
    unexported: `stops exporting ${d.name} (${at})`,
    arity: `changes ${d.name} to take ${d.arity?.after ?? '?'} arguments instead of ${d.arity?.before ?? '?'} (${at})`,
  }[b.change];
  const how = b.change === 'arity' ? 'still calls it the old way' : first.code.startsWith('import') ? 'still imports it' : 'still uses it';
  const lines = b.uses.map((u) => u.line).join(', ');
  const reason = `${d.side} (${d.ref}) ${what}, but ${first.side} (${first.ref}) ${how} in ${first.path}:${lines}, in lines it added or changed`;
  return {
    path: first.path,
    kind: 'semantic',
    stages: {},
    message: reason,
    classification: {
      class: 'SEMANTIC',
      severity: 'critical',
      declarations: d.newName === null ? [d.name] : [d.name, d.newName],
      reason,
      analysis: 'ast',
    },
    regions: [],
    semantic: b,
  };
}
