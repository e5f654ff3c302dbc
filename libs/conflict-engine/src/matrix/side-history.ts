/** A commit of the walked history: its parents, and the paths it touched with their status letters. */
export interface WalkedCommit {
  parents: string[];
  changes: Array<{ status: string; path: string }>;
}

/**
 * Reads `git log -z --no-renames --name-status --format=%x01%H %P`: one record per commit,
 * started by \x01, its header ended by NUL, then status and path fields, each ended by NUL.
 */
export function parseWalk(output: string): Map<string, WalkedCommit> {
  const commits = new Map<string, WalkedCommit>();
  for (const record of output.split('\x01').slice(1)) {
    const [header = '', ...fields] = record.split('\0');
    const [hash = '', ...parents] = header.trim().split(' ').filter((x) => x !== '');
    const changes: WalkedCommit['changes'] = [];
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const status = (fields[i] ?? '').trim();
      if (status !== '') changes.push({ status, path: fields[i + 1] ?? '' });
    }
    commits.set(hash, { parents, changes });
  }
  return commits;
}

/** Every walked commit reachable from `tip` (the walk stops where the history left out begins). */
export function reachable(commits: Map<string, WalkedCommit>, tip: string): Set<string> {
  const seen = new Set<string>();
  const stack = [tip];
  for (let hash = stack.pop(); hash !== undefined; hash = stack.pop()) {
    const commit = commits.get(hash);
    if (!commit || seen.has(hash)) continue;
    seen.add(hash);
    stack.push(...commit.parents);
  }
  return seen;
}

/** What one side of a pair did since the other: the paths its own commits touched, or null when that is not simple enough to judge. */
export function sidePaths(commits: Map<string, WalkedCommit>, own: Set<string>, other: Set<string>): Set<string> | null {
  const paths = new Set<string>();
  for (const hash of own) {
    if (other.has(hash)) continue;
    const commit = commits.get(hash);
    if (!commit) continue;
    // Merges can carry resolutions of their own, and deletions feed rename detection: leave those to git.
    if (commit.parents.length !== 1) return null;
    for (const { status, path } of commit.changes) {
      if (status === 'D') return null;
      paths.add(path);
    }
  }
  return paths;
}

/** Whether two sets of changed paths could meet in a merge: a shared path, or a file where the other has a folder. */
export function pathsMeet(a: Set<string>, b: Set<string>): boolean {
  const folders = (paths: Set<string>) => {
    const out = new Set<string>();
    for (const p of paths) for (let i = p.indexOf('/'); i !== -1; i = p.indexOf('/', i + 1)) out.add(p.slice(0, i));
    return out;
  };
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const p of small) if (large.has(p)) return true;
  const [foldersA, foldersB] = [folders(a), folders(b)];
  for (const p of a) if (foldersB.has(p)) return true;
  for (const p of b) if (foldersA.has(p)) return true;
  return false;
}
