import type { Declaration } from './declaration';

/**
 * A file's declarations as one map from key to formatting-blind code: containers contribute
 * their shell (their code without members) and each member its own entry (`User.save`).
 */
export function flattenDeclarations(declarations: Declaration[], prefix = '', into = new Map<string, Declaration & { flat: string }>()) {
  for (const d of declarations) {
    const key = `${prefix}${d.key}`;
    into.set(key, { ...d, flat: d.shell ?? d.code });
    if (d.shell !== undefined) flattenDeclarations(d.members, `${key}.`, into);
  }
  return into;
}
