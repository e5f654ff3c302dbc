/** What `git status --porcelain=v2 --branch -z` says about a work tree: its HEAD and the paths that differ from it. */
export interface WorkTreeStatus {
  /** The commit HEAD points at; null on a branch with no commit yet. */
  head: string | null;
  /** The branch checked out (without refs/heads/); null on a detached HEAD. */
  branch: string | null;
  /** Every path with a change (staged, unstaged, unmerged or untracked), a rename's source too, in git's order. */
  paths: string[];
}

// Fields before the path in each kind of record (porcelain v2): `1 XY sub mH mI mW hH hI path`,
// `2 … Xscore path` (then the source path as its own NUL-ended field), `u … h1 h2 h3 path`, `? path`.
const FIELDS_BEFORE_PATH: Record<string, number> = { '1': 8, '2': 9, u: 10, '?': 1 };

/** Parses `git status --porcelain=v2 --branch -z` (ignored files are not asked for, and skipped if present). */
export function parseStatusV2(output: string): WorkTreeStatus {
  const records = output.split('\0');
  let head: string | null = null;
  let branch: string | null = null;
  const paths: string[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i] ?? '';
    if (record.startsWith('# branch.oid ')) {
      const oid = record.slice('# branch.oid '.length);
      head = oid === '(initial)' ? null : oid;
      continue;
    }
    if (record.startsWith('# branch.head ')) {
      const name = record.slice('# branch.head '.length);
      branch = name === '(detached)' ? null : name;
      continue;
    }
    const before = FIELDS_BEFORE_PATH[record.charAt(0)];
    if (before === undefined) continue;
    paths.push(afterFields(record, before));
    if (record.startsWith('2 ')) paths.push(records[++i] ?? '');
  }
  return { head, branch, paths: paths.filter((p) => p !== '') };
}

/** The rest of `record` after its first `count` space-separated fields (a path may hold spaces). */
function afterFields(record: string, count: number): string {
  let at = 0;
  for (let n = 0; n < count; n++) {
    at = record.indexOf(' ', at) + 1;
    if (at === 0) return '';
  }
  return record.slice(at);
}
