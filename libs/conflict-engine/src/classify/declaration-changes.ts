import type { Declaration } from './declaration';

/** How one side changed one declaration, compared with the merge base. */
export interface DeclarationChange {
  /** The declaration's key, members as `Container.member`. */
  key: string;
  /** Its key inside its container. */
  localKey: string;
  /** The key of the class, interface or object literal it is a member of; null at the top level. */
  container: string | null;
  name: string;
  change: 'added' | 'removed' | 'modified' | 'renamed';
  before: Declaration | null;
  after: Declaration | null;
  /** Removed, renamed, or changed in what other code relies on (parameters, types, exports). */
  breaking: boolean;
}

/** The changes from `before` to `after`, descending into classes, interfaces and object literals whose own code stayed. */
export function declarationChanges(before: Declaration[], after: Declaration[], container: string | null = null): DeclarationChange[] {
  const old = new Map(before.map((d) => [d.key, d]));
  const now = new Map(after.map((d) => [d.key, d]));
  const changes: DeclarationChange[] = [];
  for (const d of after) {
    const was = old.get(d.key);
    if (!was) changes.push(change(container, 'added', null, d));
    else if (was.code !== d.code) changes.push(...modified(container, was, d));
  }
  for (const d of before) if (!now.has(d.key)) changes.push(change(container, 'removed', d, null));
  return findRenames(changes);
}

function modified(container: string | null, was: Declaration, now: Declaration): DeclarationChange[] {
  const onlyMembers = container === null && was.shell !== undefined && was.shell === now.shell && was.signature === now.signature;
  if (onlyMembers) return declarationChanges(was.members, now.members, was.key);
  return [change(container, 'modified', was, now)];
}

function change(container: string | null, kind: DeclarationChange['change'], before: Declaration | null, after: Declaration | null): DeclarationChange {
  const d = (after ?? before)!;
  // An import binds names only for its own file: editing one (`import` to `import type`, an item
  // more or less) breaks no other code, whatever the other side adds.
  const breaking = d.kind !== 'import' && (kind === 'removed' || (kind === 'modified' && before!.signature !== after!.signature && before!.kind !== 'statement'));
  const key = container === null ? d.key : `${container}.${d.key}`;
  return { key, localKey: d.key, container, name: d.name, change: kind, before, after, breaking };
}

/** The code of a declaration with its own name blanked out, so that a renamed copy compares equal. */
function anonymous(d: Declaration): string {
  return d.binds.reduce((code, name) => code.replace(new RegExp(`(?<![\\w$])${escape(name)}(?![\\w$])`, 'g'), '§'), d.code);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A removed declaration and an added one of the same kind whose code differs only in the name: a rename. */
function findRenames(changes: DeclarationChange[]): DeclarationChange[] {
  const removed = changes.filter((c) => c.change === 'removed' && c.before!.binds.length > 0);
  const added = changes.filter((c) => c.change === 'added' && c.after!.binds.length > 0);
  const merged = new Set<DeclarationChange>();
  const result: DeclarationChange[] = [];
  for (const gone of removed) {
    const twin = added.find((a) => !merged.has(a) && a.after!.kind === gone.before!.kind && anonymous(a.after!) === anonymous(gone.before!));
    if (!twin) continue;
    merged.add(gone).add(twin);
    result.push({ ...gone, change: 'renamed', after: twin.after, name: `${gone.name} → ${twin.name}`, breaking: gone.before!.kind !== 'import' });
  }
  return [...changes.filter((c) => !merged.has(c)), ...result];
}
