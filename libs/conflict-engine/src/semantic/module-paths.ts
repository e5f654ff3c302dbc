import * as path from 'node:path';
import { aliasedFiles } from './path-aliases';
import type { PathAliases } from './path-aliases';

const CODE_EXTENSION = /\.(d\.ts|ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;

// A word that may bring in a module, then a quoted specifier: one pattern with a fixed first
// word, whose forms are told apart after (four alternatives tried at every offset cost five times
// as much on big files).
const IMPORTING = /\b(from|import|require)(\s*)(\(?)\s*['"]([^'"\n]+)['"]/g;

/**
 * The module specifiers a file imports or re-exports from (`import … from`, `export … from`,
 * `import()`, `require()`, and `import '…'` at the start of a line), as written, each once; a
 * match in a string or comment too.
 */
export function importedSpecifiers(text: string): string[] {
  const specifiers = new Set<string>();
  for (const m of text.matchAll(IMPORTING)) {
    const [, word, space, paren, specifier] = m;
    const atLineStart = () => text.slice(text.lastIndexOf('\n', m.index) + 1, m.index).trim() === '';
    const counts = word === 'from' ? paren === '' : word === 'require' ? paren === '(' : paren === '(' || (space !== '' && atLineStart());
    if (counts && specifier !== undefined) specifiers.add(specifier);
  }
  return [...specifiers];
}

/**
 * Whether the import `specifier`, written in `fromFile`, may name `targetFile` (paths relative to
 * the repository root): relative specifiers are resolved (extension or `/index` left out, or `.js`
 * written for a `.ts` file), and so are those a pattern of `aliases` (the tsconfig `paths` that
 * govern `fromFile`, when known) matches; others (aliases not known, `baseUrl`, packages of a
 * workspace) match when they end in the target's path without extension: a guess, by which a
 * package name matches only a file at the end of the same path.
 */
export function mayNameFile(specifier: string, fromFile: string, targetFile: string, aliases?: PathAliases | null): boolean {
  const aliased = aliases && !isRelative(specifier) ? aliasedFiles(aliases, specifier) : null;
  if (aliased) {
    const names = new Set(aliased.map((file) => file.replace(CODE_EXTENSION, '')));
    return targetNames(targetFile).some((c) => names.has(c));
  }
  const named = namedBy(specifier, fromFile);
  return targetNames(targetFile).some((c) => ('resolved' in named ? c === named.resolved : c === named.tail || c.endsWith(`/${named.tail}`)));
}

function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

/**
 * The files a set of files can reach through their imports: {@link mayNameFile} asked of all of
 * them at once, each specifier worked out once (a side of a few hundred files, each importing
 * tens of modules, against each file the other side changed).
 */
export class ReachIndex {
  private readonly paths = new Set<string>();
  private readonly resolved = new Set<string>();
  private readonly tails = new Set<string>();

  /** Counts `usedIn`, which imports from `specifiers`. */
  add(usedIn: string, specifiers: readonly string[]): void {
    this.paths.add(usedIn);
    for (const specifier of specifiers) {
      const named = namedBy(specifier, usedIn);
      if ('resolved' in named) this.resolved.add(named.resolved);
      else this.tails.add(named.tail);
    }
  }

  /** Whether one of the files counted is `targetFile`, or imports from a module that may name it. */
  reaches(targetFile: string): boolean {
    if (this.paths.has(targetFile)) return true;
    return targetNames(targetFile).some((c) => {
      if (this.resolved.has(c) || this.tails.has(c)) return true;
      // `c.endsWith('/' + tail)`: each ending of c that starts after a slash.
      for (let slash = c.indexOf('/'); slash !== -1; slash = c.indexOf('/', slash + 1)) if (this.tails.has(c.slice(slash + 1))) return true;
      return false;
    });
  }
}

/** The names an import may give `targetFile`: its path without extension, and without `/index`. */
function targetNames(targetFile: string): string[] {
  const target = targetFile.replace(CODE_EXTENSION, '');
  return [target, target.endsWith('/index') ? target.slice(0, -'/index'.length) : null].filter((c): c is string => c !== null && c !== '');
}

/** What `specifier`, written in `fromFile`, names: a resolved path (relative specifiers), or a path's ending (aliases, packages). */
function namedBy(specifier: string, fromFile: string): { resolved: string } | { tail: string } {
  const written = specifier.replace(CODE_EXTENSION, '');
  if (isRelative(specifier)) {
    return { resolved: path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), written)) };
  }
  // `@/lib/math`, `~/lib/math`, `src/lib/math`: the alias's own first segment is unknown, so compare what follows.
  return { tail: written.replace(/^[@~#][^/]*\//, '') };
}
