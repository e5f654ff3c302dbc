import type { ChangedFile } from '../conflict-file';
import { importedSpecifiers, mayNameFile } from '../semantic/module-paths';

// A name made of word characters (`[A-Za-z0-9_$]`) only: its uses are found by a plain search
// with a look at the characters around each hit. A pattern that starts with a look behind is tried
// at every offset of the text, which costs several times as much on the sides' large files.
const PLAIN_NAME = /^[\w$]+$/;
const HASH = 35;

/** `[A-Za-z0-9_$]`, what the pattern of {@link countUses} calls `[\w$]`. */
function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
}

/** How often `name` appears as a whole word (identifier characters included) in `text`. */
export function countUses(name: string, text: string): number {
  if (!name) return 0;
  if (!PLAIN_NAME.test(name)) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return text.match(new RegExp(`(?<![\\w$#])${escaped}(?![\\w$])`, 'g'))?.length ?? 0;
  }
  let count = 0;
  for (let at = text.indexOf(name); at !== -1; ) {
    const before = at === 0 ? -1 : text.charCodeAt(at - 1);
    const end = at + name.length;
    if (!(isWordCode(before) || before === HASH) && !isWordCode(text.charCodeAt(end))) {
      count++;
      at = text.indexOf(name, end);
    } else at = text.indexOf(name, at + 1);
  }
  return count;
}

// The patterns that count several plain names at once, by the names: one context's names are
// counted in each of its files. Forgotten whole past a bound.
const namePatterns = new Map<string, RegExp>();
const PATTERNS_KEPT = 100;

/** One pattern for all of `plain` (each a {@link PLAIN_NAME}): a non-word character or the text's start, then one of them as a whole word. */
function patternOf(plain: readonly string[]): RegExp {
  const key = plain.join('\0');
  let pattern = namePatterns.get(key);
  if (pattern === undefined) {
    if (namePatterns.size >= PATTERNS_KEPT) namePatterns.clear();
    const alternatives = [...plain].sort((a, b) => b.length - a.length).map((name) => name.replace(/\$/g, '\\$'));
    namePatterns.set(key, (pattern = new RegExp(`(?:^|[^\\w$#])(${alternatives.join('|')})(?![\\w$])`, 'g')));
  }
  return pattern;
}

/**
 * {@link countUses} of each of `names` in `text`, the plain ones in one pass of one pattern (a
 * pass per name costs several times as much with the tens of names one context counts). The
 * character before a use is part of the match: it is never a word character, so it starts no
 * other use.
 */
export function usesOfNames(names: ReadonlySet<string>, text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const plain: string[] = [];
  for (const name of names) {
    if (!name) continue;
    if (PLAIN_NAME.test(name)) {
      plain.push(name);
      counts.set(name, 0);
    } else counts.set(name, countUses(name, text));
  }
  if (plain.length === 0) return counts;
  for (const match of text.matchAll(patternOf(plain))) counts.set(match[1]!, counts.get(match[1]!)! + 1);
  return counts;
}

/** Whether a changed file uses one of `names` more often than it did at the merge base. */
export function addsUsesOf(names: ReadonlySet<string>, file: ChangedFile): boolean {
  const [now, before] = file.diff ? [file.diff.added, file.diff.removed] : [file.text, file.baseText ?? ''];
  const counts = usesOfNames(names, now);
  if (![...counts.values()].some((count) => count > 0)) return false;
  const earlier = usesOfNames(names, before);
  return [...counts].some(([name, count]) => count > earlier.get(name)!);
}

/**
 * The files among `changed` that import the module `from` and use `name` more often than they did
 * at the merge base: a word alone says nothing of which module's `name` a file means.
 */
export function filesAddingUses(name: string, changed: ChangedFile[], from: string): string[] {
  const names = new Set([name]);
  return changed
    .filter((file) => file.path !== from && addsUsesOf(names, file))
    .filter((file) => importedSpecifiers(file.text).some((specifier) => mayNameFile(specifier, file.path, from, file.aliases)))
    .map((file) => file.path);
}
