import type { ChangedFile } from '../conflict-file';
import { importedSpecifiers, mayNameFile } from '../semantic/module-paths';

/** How often `name` appears as a whole word (identifier characters included) in `text`. */
export function countUses(name: string, text: string): number {
  if (!name) return 0;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.match(new RegExp(`(?<![\\w$#])${escaped}(?![\\w$])`, 'g'))?.length ?? 0;
}

/** How many more uses of `name` a changed file has than it had at the merge base. */
export function addedUses(name: string, file: ChangedFile): number {
  if (file.diff) return countUses(name, file.diff.added) - countUses(name, file.diff.removed);
  return countUses(name, file.text) - countUses(name, file.baseText ?? '');
}

/**
 * The files among `changed` that import the module `from` and use `name` more often than they did
 * at the merge base: a word alone says nothing of which module's `name` a file means.
 */
export function filesAddingUses(name: string, changed: ChangedFile[], from: string): string[] {
  return changed
    .filter((file) => file.path !== from && addedUses(name, file) > 0)
    .filter((file) => importedSpecifiers(file.text).some((specifier) => mayNameFile(specifier, file.path, from)))
    .map((file) => file.path);
}
