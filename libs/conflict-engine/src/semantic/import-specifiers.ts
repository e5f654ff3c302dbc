import { mayNameFile } from './module-paths';

// `from '…'` of an import or export: more than the imports a parse finds (a match in a string or a
// comment too), never fewer.
const FROM = /\bfrom\s*(['"])([^'"\n]+)\1/g;

/** The modules `text` imports from or re-exports from, as written. */
export function importSpecifiers(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(FROM), (m) => m[2]!))];
}

/**
 * Whether code in `usedIn`, importing from `specifiers`, can use what `declaredIn` declares: it
 * is that file, or one of its imports may name it. A declaration another file cannot reach breaks
 * nothing there (see `breaksUse`: every use it counts goes through such an import).
 */
export function mayReach(usedIn: string, specifiers: readonly string[], declaredIn: string): boolean {
  return usedIn === declaredIn || specifiers.some((s) => mayNameFile(s, usedIn, declaredIn));
}
