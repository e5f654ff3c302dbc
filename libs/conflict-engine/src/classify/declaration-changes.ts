import type { Declaration } from './declaration';

/** How one side changed one declaration, compared with the merge base. */
export interface DeclarationChange {
  /** The declaration's key, members as `Container.member`. */
  key: string;
  name: string;
  change: 'added' | 'removed' | 'modified' | 'renamed';
  before: Declaration | null;
  after: Declaration | null;
  /** Removed, renamed, or changed in what other code relies on (parameters, types, exports). */
  breaking: boolean;
}

/** The changes from `before` to `after`, descending into classes, interfaces and object literals whose own code stayed. */
export function declarationChanges(before: Declaration[], after: Declaration[], prefix = ''): DeclarationChange[] {
  const old = new Map(before.map((d) => [d.key, d]));
  const now = new Map(after.map((d) => [d.key, d]));
  const changes: DeclarationChange[] = [];
  for (const d of after) {
    const was = old.get(d.key);
    if (!was) changes.push(change(prefix, 'added', null, d));
    else if (was.code !== d.code) changes.push(...modified(prefix, was, d));
  }
  for (const d of before) if (!now.has(d.key)) changes.push(change(prefix, 'removed', d, null));
  return findRenames(changes);
}

function modified(prefix: string, was: Declaration, now: Declaration): DeclarationChange[] {
  const onlyMembers = was.shell !== undefined && was.shell === now.shell && was.signature === now.signature;
  if (onlyMembers) return declarationChanges(was.members, now.members, `${prefix}${was.key}.`);
  return [change(prefix, 'modified', was, now)];
}

function change(prefix: string, kind: DeclarationChange['change'], before: Declaration | null, after: Declaration | null): DeclarationChange {
  const d = (after ?? before)!;
  const breaking = kind === 'removed' || (kind === 'modified' && before!.signature !== after!.signature && before!.kind !== 'statement');
  return { key: `${prefix}${d.key}`, name: d.name, change: kind, before, after, breaking };
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
    result.push({ ...gone, change: 'renamed', after: twin.after, name: `${gone.name} → ${twin.name}`, breaking: true });
  }
  return [...changes.filter((c) => !merged.has(c)), ...result];
}
