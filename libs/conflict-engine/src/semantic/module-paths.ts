import * as path from 'node:path';

const CODE_EXTENSION = /\.(d\.ts|ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;

/**
 * Whether the import `specifier`, written in `fromFile`, may name `targetFile` (paths relative to
 * the repository root): relative specifiers are resolved (extension or `/index` left out, or `.js`
 * written for a `.ts` file); others (path aliases, `baseUrl`) match when they end in the target's
 * path without extension. No tsconfig is read, so an alias is a guess: a package name matches
 * only a file at the end of the same path.
 */
export function mayNameFile(specifier: string, fromFile: string, targetFile: string): boolean {
  const target = targetFile.replace(CODE_EXTENSION, '');
  const candidates = [target, target.endsWith('/index') ? target.slice(0, -'/index'.length) : null].filter((c): c is string => c !== null && c !== '');
  const written = specifier.replace(CODE_EXTENSION, '');
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), written));
    return candidates.includes(resolved);
  }
  // `@/lib/math`, `~/lib/math`, `src/lib/math`: the alias's own first segment is unknown, so compare what follows.
  const tail = written.replace(/^[@~#][^/]*\//, '');
  return candidates.some((c) => c === tail || c.endsWith(`/${tail}`));
}
