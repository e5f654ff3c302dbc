import { readObjects } from '../read-objects';
import { aliasesOf, tsconfigCandidates, tsconfigFacts } from './path-aliases';
import type { PathAliases, TsconfigFacts } from './path-aliases';

/** How many configs deep an `extends` chain is followed. */
const MAX_EXTENDS = 8;

/**
 * The `paths` aliases of each of `files` at commit or ref `rev`: those of the nearest
 * `tsconfig.json` (or `jsconfig.json`) in its folder or above, as an editor finds it, with the
 * configs it extends (relative ones); null for a file no such config gives `paths`. Read through
 * the kept `git cat-file --batch`: one read for every folder's candidates, then one per level of
 * `extends`.
 */
export async function loadAliases(repo: string, rev: string, files: readonly string[]): Promise<Map<string, PathAliases | null>> {
  const configs = new Map<string, TsconfigFacts | null>();
  const read = async (paths: string[]) => {
    const wanted = [...new Set(paths)].filter((p) => !configs.has(p));
    if (wanted.length === 0) return;
    // Most folders hold no tsconfig: a miss is the answer, with no second git to confirm it. A read
    // that fails leaves the aliases unknown (matched by their ending), not the check failed.
    const texts = await readObjects(repo, wanted.map((p) => `${rev}:${p}`), { mayBeMissing: true }).catch(() => new Map<string, Buffer | null>());
    for (const p of wanted) {
      const text = texts.get(`${rev}:${p}`);
      configs.set(p, text ? tsconfigFacts(p, text.toString('utf8')) : null);
    }
  };
  const candidates = new Map(files.map((f) => [f, tsconfigCandidates(f)]));
  await read([...candidates.values()].flat());
  const nearest = new Map([...candidates].map(([f, list]) => [f, list.find((p) => configs.get(p)) ?? null]));
  // Each level of `extends` read at once for all files.
  let frontier = [...new Set([...nearest.values()].filter((p): p is string => p !== null))];
  for (let depth = 0; depth < MAX_EXTENDS && frontier.length > 0; depth++) {
    const next = frontier.flatMap((p) => configs.get(p)?.extends ?? []).filter((p) => !configs.has(p));
    await read(next);
    frontier = next;
  }
  const chainOf = (config: string, seen: Set<string>): TsconfigFacts[] => {
    const facts = configs.get(config);
    if (!facts || seen.has(config) || seen.size > MAX_EXTENDS) return [];
    seen.add(config);
    // A later config of an `extends` list overrides an earlier one: the most derived come first.
    return [facts, ...[...facts.extends].reverse().flatMap((e) => chainOf(e, seen))];
  };
  return new Map(files.map((f) => {
    const config = nearest.get(f);
    return [f, config ? aliasesOf(chainOf(config, new Set())) : null];
  }));
}
