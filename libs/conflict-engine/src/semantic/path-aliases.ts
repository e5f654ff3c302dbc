import * as path from 'node:path';
import { ts } from './typescript-source';

/** One `paths` entry of a tsconfig: a pattern (at most one `*`) and what it maps to. */
interface PathPattern {
  prefix: string;
  /** Null for a pattern without `*`, which matches only itself. */
  suffix: string | null;
  /** The substitutions, each resolved against the repository's root (a `*` in them kept). */
  targets: string[];
}

/** The `paths` a tsconfig gives the files it governs (its own or those of a config it extends). */
export interface PathAliases {
  patterns: PathPattern[];
}

/** What this lib reads of one tsconfig file. */
export interface TsconfigFacts {
  /** The configs it extends, resolved against the repository's root (relative ones inside the repository only: a package's config is not read). */
  extends: string[];
  /** `compilerOptions.baseUrl`, resolved; undefined when the file does not set it. */
  baseUrl?: string;
  /** `compilerOptions.paths` as written; undefined when the file does not set it. */
  paths?: Record<string, string[]>;
  /** The file's folder: what its `paths` are relative to when no config of its chain sets a `baseUrl`. */
  folder: string;
}

/**
 * What `text`, the tsconfig file at `file` (a path from the repository's root), says about
 * module names: the configs it extends and its `baseUrl` and `paths`. Comments and trailing commas
 * are read as TypeScript reads them. Null when TypeScript finds it no JSON object.
 */
export function tsconfigFacts(file: string, text: string): TsconfigFacts | null {
  const { config, error } = ts().parseConfigFileTextToJson(file, text);
  if (error || typeof config !== 'object' || config === null || Array.isArray(config)) return null;
  const folder = path.posix.dirname(file);
  const written = (config as { extends?: unknown }).extends;
  const extended = (Array.isArray(written) ? written : [written]).filter((e): e is string => typeof e === 'string' && (e.startsWith('./') || e.startsWith('../')));
  // A config outside the repository is not read (git cannot name it, and asking would stop the kept reader).
  const inside = extended.map((e) => path.posix.join(folder, e.endsWith('.json') ? e : `${e}.json`)).filter((p) => !p.startsWith('../'));
  const facts: TsconfigFacts = { extends: inside, folder };
  const options = (config as { compilerOptions?: unknown }).compilerOptions;
  if (typeof options !== 'object' || options === null) return facts;
  const { baseUrl, paths } = options as { baseUrl?: unknown; paths?: unknown };
  if (typeof baseUrl === 'string') facts.baseUrl = path.posix.join(folder, baseUrl);
  if (typeof paths === 'object' && paths !== null && !Array.isArray(paths)) {
    facts.paths = Object.fromEntries(
      Object.entries(paths as Record<string, unknown>).map(([pattern, targets]) => [pattern, Array.isArray(targets) ? targets.filter((t): t is string => typeof t === 'string') : []]),
    );
  }
  return facts;
}

/**
 * The aliases a chain of configs gives, the most derived first (a config, then what it extends,
 * in TypeScript's order): the first `paths` set wins whole, resolved against the first `baseUrl`
 * set, else against the folder of the config that set them. Null when none sets `paths`.
 */
export function aliasesOf(chain: readonly TsconfigFacts[]): PathAliases | null {
  const withPaths = chain.find((c) => c.paths !== undefined);
  if (!withPaths?.paths) return null;
  const base = chain.find((c) => c.baseUrl !== undefined)?.baseUrl ?? withPaths.folder;
  const patterns = Object.entries(withPaths.paths).flatMap(([pattern, targets]): PathPattern[] => {
    const star = pattern.indexOf('*');
    if (star !== pattern.lastIndexOf('*')) return [];
    const resolved = targets.map((t) => path.posix.normalize(path.posix.join(base, t)));
    return [star === -1 ? { prefix: pattern, suffix: null, targets: resolved } : { prefix: pattern.slice(0, star), suffix: pattern.slice(star + 1), targets: resolved }];
  });
  return { patterns };
}

/**
 * The files (paths from the repository's root, extensions as written) that `specifier` names
 * through `aliases`, as TypeScript picks the pattern: one without `*` that is the specifier
 * itself, else the matching one with the longest prefix. Null when no pattern matches: the
 * specifier is then no alias of these.
 */
export function aliasedFiles(aliases: PathAliases, specifier: string): string[] | null {
  const exact = aliases.patterns.find((p) => p.suffix === null && p.prefix === specifier);
  if (exact) return exact.targets;
  let best: { pattern: PathPattern; star: string } | null = null;
  for (const pattern of aliases.patterns) {
    const { prefix, suffix } = pattern;
    if (suffix === null || specifier.length < prefix.length + suffix.length) continue;
    if (!specifier.startsWith(prefix) || !specifier.endsWith(suffix)) continue;
    if (best === null || prefix.length > best.pattern.prefix.length) best = { pattern, star: specifier.slice(prefix.length, specifier.length - suffix.length) };
  }
  if (best === null) return null;
  const { pattern, star } = best;
  return pattern.targets.map((t) => path.posix.normalize(t.replace('*', star)));
}

/** The config files that may govern `file`: a `tsconfig.json`, else a `jsconfig.json`, in its folder or in one above it, nearest first. */
export function tsconfigCandidates(file: string): string[] {
  const found: string[] = [];
  for (let folder = path.posix.dirname(file); ; folder = path.posix.dirname(folder)) {
    const prefix = folder === '.' ? '' : `${folder}/`;
    found.push(`${prefix}tsconfig.json`, `${prefix}jsconfig.json`);
    if (folder === '.' || folder === '/') return found;
  }
}
