/** One code file a side changed since the merge base, as `git diff -U0` shows it. */
export interface SideFile {
  /** Path at the side (at the base for a deleted file), `/`-separated. */
  path: string;
  status: 'added' | 'modified' | 'deleted';
  /** Blob ids of the file at the merge base and at the side (null where it is absent): from the diff's `index` line. */
  baseBlob: string | null;
  sideBlob: string | null;
  /** The side's added or changed lines, 1-based inclusive ranges of its version. */
  added: Array<[number, number]>;
  /** The text of the added lines, joined: where names are looked for before anything is parsed. */
  addedText: string;
  /** The text of the removed lines, joined: with `addedText`, how the count of a name's uses changed. */
  removedText: string;
  /**
   * The text of each hunk's function line (git's `@@ … @@ function f(`) and of the removed lines
   * that may declare a name other code uses: the names a change may break. An indented line is
   * left out when the top-level statement around it (a removed top-level line before it in the
   * hunk, else the function line) declares no members: inside a `describe(…)`, a function body
   * or an object literal, nothing is declared for other code.
   */
  touchedText: string;
}

// A top-level statement whose indented lines may declare members or names of their own.
const HOLDS_MEMBERS = /^(?:export\s+)?(?:default\s+)?(?:declare\b|(?:abstract\s+)?class\b|interface\b|(?:const\s+)?enum\b|namespace\b|module\b)/;
// Where git's default function line starts: a letter, `_` or `$` in the first column.
const TOP_LEVEL = /^[A-Za-z_$]/;

/** Whether the indented lines under a top-level statement's first line may declare: null when there is no such line to tell (an indented or empty function line). */
function holdsMembers(line: string): boolean | null {
  return TOP_LEVEL.test(line) ? HOLDS_MEMBERS.test(line) : null;
}

const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const INDEX = /^index ([0-9a-f]+)\.\.([0-9a-f]+)/;

/**
 * Parses `git diff -U0 --full-index --no-renames --src-prefix=a/ --dst-prefix=b/` output (with
 * `core.quotePath=false`): each file's status, added line ranges and added text. Binary files
 * (no hunks) come out with no added lines.
 */
export function parseSideDiff(output: string): SideFile[] {
  const files: SideFile[] = [];
  let current: SideFile | null = null;
  let oldPath: string | null = null;
  let blobs: [string | null, string | null] = [null, null];
  let removedLeft = 0;
  let addedLeft = 0;
  // Whether the current hunk's indented removed lines may declare (null: cannot tell, so they may).
  let declaring: boolean | null = null;
  const added: string[] = [];
  const removed: string[] = [];
  const touched: string[] = [];
  const finish = () => {
    if (current) {
      current.addedText = added.join('\n');
      current.removedText = removed.join('\n');
      current.touchedText = touched.join('\n');
    }
    added.length = 0;
    removed.length = 0;
    touched.length = 0;
  };
  for (const line of output.split('\n')) {
    if (removedLeft > 0 || addedLeft > 0) {
      if (line.startsWith('-')) {
        removedLeft--;
        const code = line.slice(1);
        removed.push(code);
        if (TOP_LEVEL.test(code)) declaring = holdsMembers(code);
        if (declaring !== false || !/^\s/.test(code)) touched.push(code);
      }
      else if (line.startsWith('+')) {
        addedLeft--;
        added.push(line.slice(1));
      }
      continue;
    }
    if (line.startsWith('diff --git ')) {
      finish();
      current = null;
      oldPath = null;
      blobs = [null, null];
    } else if (line.startsWith('index ')) {
      const m = INDEX.exec(line);
      const real = (oid: string | undefined) => (oid === undefined || /^0+$/.test(oid) ? null : oid);
      blobs = [real(m?.[1]), real(m?.[2])];
    } else if (line.startsWith('--- ')) {
      oldPath = diffPath(line.slice(4));
    } else if (line.startsWith('+++ ')) {
      const newPath = diffPath(line.slice(4));
      const path = newPath ?? oldPath;
      if (path === null) continue;
      const status = oldPath === null ? 'added' : newPath === null ? 'deleted' : 'modified';
      current = { path, status, baseBlob: blobs[0], sideBlob: blobs[1], added: [], addedText: '', removedText: '', touchedText: '' };
      files.push(current);
    } else if (current && line.startsWith('@@ ')) {
      const m = HUNK.exec(line);
      if (!m) continue;
      const functionLine = line.slice(m[0].length).replace(/^ /, '');
      touched.push(functionLine);
      declaring = holdsMembers(functionLine);
      removedLeft = m[1] === undefined ? 1 : Number(m[1]);
      const start = Number(m[2]);
      addedLeft = m[3] === undefined ? 1 : Number(m[3]);
      if (addedLeft > 0) current.added.push([start, start + addedLeft - 1]);
    }
  }
  finish();
  return files;
}

/** The path of a `---`/`+++` line without its `a/` or `b/` prefix; null for /dev/null. */
function diffPath(text: string): string | null {
  if (text === '/dev/null') return null;
  const unquoted = text.startsWith('"') ? unquote(text) : text.replace(/\t$/, '');
  return unquoted.slice(2);
}

/** git's C-style quoting of unusual path names, undone. */
function unquote(text: string): string {
  const bytes: number[] = [];
  const body = text.slice(1, text.lastIndexOf('"'));
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '\\': 92, '"': 34 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
