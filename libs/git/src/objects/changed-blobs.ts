import { gitFailure } from '../run-git';
import { isObjectId } from '../parse/object-id';
import { parseTree } from '../parse/tree';
import type { TreeEntry } from '../parse/tree';
import { readGitObjects } from './read-objects';

/** A regular file one commit added or changed since another, by its blobs. */
export interface ChangedBlob {
  /** From the repository's root, folders separated by `/`. */
  path: string;
  /** The file's blob at the older commit; null when it was no regular file there (added). */
  before: string | null;
  after: string;
}

const TREE_MODE = '40000';
const isRegularFile = (entry: TreeEntry | undefined): entry is TreeEntry => entry?.mode === '100644' || entry?.mode === '100755';

/** Two versions of one folder: its trees at both commits (null where it did not exist). */
interface FolderPair {
  prefix: string;
  before: string | null;
  after: string;
}

/**
 * The regular files commit `to` added or changed since commit `from` (as `git diff --raw
 * --no-renames from to` lists them, less deletions, symlinks, submodules and mode-only changes)
 * whose path `accept`s, by path in git's order. Read through the `git cat-file --batch` kept in
 * `dir` (see {@link readGitObjects}): no new process, one read per level of folders, and only
 * the folders whose trees differ. `from` and `to` are full commit (or tree) ids. Rejects with
 * `GIT_FAILED` when git cannot read them.
 */
export async function changedBlobs(dir: string, from: string, to: string, accept: (path: string) => boolean): Promise<ChangedBlob[]> {
  if (!isObjectId(from) || !isObjectId(to)) throw new Error(`changedBlobs takes full object ids, not ${JSON.stringify(from)} and ${JSON.stringify(to)}.`);
  const idBytes = from.length / 2;
  const roots = await readGitObjects(dir, [`${from}^{tree}`, `${to}^{tree}`]);
  const [fromRoot, toRoot] = [roots.get(`${from}^{tree}`), roots.get(`${to}^{tree}`)];
  if (!fromRoot || !toRoot) throw unreadable(dir, fromRoot ? to : from);
  const changed: ChangedBlob[] = [];
  let level = compare('', parseTree(fromRoot, idBytes), parseTree(toRoot, idBytes), accept, changed);
  while (level.length > 0) {
    const trees = await readGitObjects(dir, level.flatMap((pair) => (pair.before === null ? [pair.after] : [pair.before, pair.after])));
    const entriesOf = (id: string | null) => {
      const contents = id === null ? undefined : trees.get(id);
      if (id !== null && !contents) throw unreadable(dir, id);
      return contents ? parseTree(contents, idBytes) : [];
    };
    level = level.flatMap((pair) => compare(pair.prefix, entriesOf(pair.before), entriesOf(pair.after), accept, changed));
  }
  // A folder's path and the paths below it sort as git orders its trees (a folder as its name and a `/`).
  return changed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const unreadable = (dir: string, id: string) => gitFailure(dir, ['cat-file', '--batch'], { exitCode: 128, stderr: `fatal: cannot read the tree of ${id}` });

/** Adds the files of one folder that changed to `changed`; returns its subfolders that changed. */
function compare(prefix: string, before: TreeEntry[], after: TreeEntry[], accept: (path: string) => boolean, changed: ChangedBlob[]): FolderPair[] {
  const old = new Map(before.map((entry) => [entry.name, entry]));
  const folders: FolderPair[] = [];
  for (const entry of after) {
    const was = old.get(entry.name);
    if (was?.id === entry.id) continue;
    const path = prefix + entry.name;
    if (entry.mode === TREE_MODE) folders.push({ prefix: `${path}/`, before: was?.mode === TREE_MODE ? was.id : null, after: entry.id });
    else if (isRegularFile(entry) && accept(path)) changed.push({ path, before: isRegularFile(was) ? was.id : null, after: entry.id });
  }
  return folders;
}
