import type { Arity } from './api-of';
import type { BreakingChange } from './breaking-changes';
import type { PathAliases } from './path-aliases';
import { mayNameFile } from './module-paths';
import type { ImportMap, NameUse } from './uses-in-lines';

/** Where a breaking change was made and where a use of one of its names was found. */
export interface UseSite {
  /** The file that declared the name, at the merge base. */
  declaredIn: string;
  /** The file of the use, on the other side. */
  usedIn: string;
  imports: ImportMap;
  /** The tsconfig `paths` that govern `usedIn`, when known (see {@link mayNameFile}). */
  aliases?: PathAliases | null;
}

/**
 * Whether `use` relies on what `change` took away: the same file's own name, or an import of it
 * (by name, or through a namespace) from a module that may be its file; a member through its
 * owner (an enum's `E.Member`) or through any object in a file that has its owner at hand; for an
 * arity change, only a call that fits the old parameters and not the new ones.
 */
export function breaksUse(change: BreakingChange, use: NameUse, site: UseSite): boolean {
  const item = change.before;
  if (change.change === 'arity') {
    if (use.args === null || fits(use.args, change.after!.arity!) || !fits(use.args, item.arity!)) return false;
  }
  const fromDeclaring = (module: string) => mayNameFile(module, site.usedIn, site.declaredIn, site.aliases);
  const imported = site.imports.get(use.name);
  const sameFile = site.usedIn === site.declaredIn;
  if (item.owner === null) {
    if (use.how === 'import') return use.name === item.name && item.exported && use.from !== null && fromDeclaring(use.from);
    if (use.how === 'identifier') {
      if (sameFile) return use.name === item.name && change.change !== 'unexported';
      return imported !== undefined && imported.imported === item.name && fromDeclaring(imported.module);
    }
    const namespace = use.from === null ? undefined : site.imports.get(use.from);
    return use.name === item.name && namespace?.imported === '*' && fromDeclaring(namespace.module);
  }
  if (use.how !== 'member' || use.name !== item.name || change.change === 'unexported') return false;
  const ownerHere = (local: string) => {
    if (sameFile && local === item.owner) return true;
    const via = site.imports.get(local);
    return via !== undefined && via.imported === item.owner && fromDeclaring(via.module);
  };
  if (item.kind === 'enum member') return use.from !== null && ownerHere(use.from);
  // A method or property is reached through any object: count it where its owner is at hand.
  return sameFile || [...site.imports.keys()].some(ownerHere);
}

function fits(args: number, arity: Arity): boolean {
  return args >= arity.min && args <= arity.max;
}
