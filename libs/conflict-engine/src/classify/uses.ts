import type { ChangedFile } from '../conflict-file';

/** How often `name` appears as a whole word (identifier characters included) in `text`. */
export function countUses(name: string, text: string): number {
  if (!name) return 0;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.match(new RegExp(`(?<![\\w$#])${escaped}(?![\\w$])`, 'g'))?.length ?? 0;
}

/** The files among `changed` (other than `except`) that use `name` more often than they did at the merge base. */
export function filesAddingUses(name: string, changed: ChangedFile[], except: string): string[] {
  return changed
    .filter((file) => file.path !== except && countUses(name, file.text) > countUses(name, file.baseText ?? ''))
    .map((file) => file.path);
}
