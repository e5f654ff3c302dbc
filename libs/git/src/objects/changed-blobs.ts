import { gitFailure } from '../run-git';
import { isObjectId } from '../parse/object-id';
import { parseTree } from '../parse/tree';
import type { TreeEntry } from '../parse/tree';
import { readGitObjects } from './read-objects';

/** A regular file one commit added, changed or deleted since another, by its blobs. */
export interface ChangedBlob {
  /** From the repository's root, folders separated by `/`. */
  path: string;
  /** The file's blob at the older commit; null where it was no regular file (added). */
  before: string | null;
  /** The file's blob at the newer commit; null where it is no regular file (deleted). */
  after: string | null;
}

const TREE_MODE = '40000';
const isRegularFile = (entry: TreeEntry | undefined): entry is TreeEntry => entry?.mode === '100644' || entry?.mode === '100755';
const idOf = (entry: TreeEntry | undefined, mode: (entry: TreeEntry | undefined) => boolean) => (entry && mode(entry) ? entry.id : null);
const isTree = (entry: TreeEntry | undefined) => entry?.mode === TREE_MODE;

/** Two versions of one folder: its trees at both commits (null where it did not exist). */
interface FolderPair {
  prefix: string;
  before: string | null;
  after: string | null;
}

/**
 * The regular files commit `to` added, changed or deleted since commit `from`, whose path
 * `accept`s, by path in git's order: what `git diff --raw --no-renames from to` lists, less
 * symlinks, submodules and mode-only changes (a file that became a symlink is deleted, one that
 * was a symlink added). Read through the `git cat-file --batch` kept in `dir` (see
 * {@link readGitObjects}): no new process, one read per level of folders, and only the folders
 * whose trees differ. `from` and `to` are full commit (or tree) ids. Rejects with `GIT_FAILED`
 * when git cannot read them.
 */
export async function changedBlobs(dir: string, from: string, to: string, accept: (path: string) => boolean): Promise<ChangedBlob[]> {
  if (!isObjectId(from) || !isObjectId(to)) throw new Error(`changedBlobs takes full object ids, not ${JSON.stringify(from)} and ${JSON.stringify(to)}.`);
  const idBytes = from.length / 2;
  const changed: ChangedBlob[] = [];
  let level: FolderPair[] = [{ prefix: '', before: `${from}^{tree}`, after: `${to}^{tree}` }];
  while (level.length > 0) {
    const trees = await readGitObjects(dir, level.flatMap((pair) => [pair.before, pair.after].filter((id): id is string => id !== null)));
    const entriesOf = (id: string | null) => {
      if (id === null) return [];
      const contents = trees.get(id);
      if (!contents) throw gitFailure(dir, ['cat-file', '--batch'], { exitCode: 128, stderr: `fatal: cannot read the tree of ${id}` });
      return parseTree(contents, idBytes);
    };
    level = level.flatMap((pair) => compare(pair.prefix, entriesOf(pair.before), entriesOf(pair.after), accept, changed));
  }
  // A folder's path and the paths below it sort as git orders its trees (a folder as its name and a `/`).
  return changed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Adds the files of one folder that changed to `changed`; returns its subfolders that changed. */
function compare(prefix: string, before: TreeEntry[], after: TreeEntry[], accept: (path: string) => boolean, changed: ChangedBlob[]): FolderPair[] {
  const old = new Map(before.map((entry) => [entry.name, entry]));
  const now = new Map(after.map((entry) => [entry.name, entry]));
  const folders: FolderPair[] = [];
  for (const name of new Set([...old.keys(), ...now.keys()])) {
    const [was, is] = [old.get(name), now.get(name)];
    if (was?.id === is?.id && was?.mode === is?.mode) continue;
    const path = prefix + name;
    if (isTree(was) || isTree(is)) {
      const [treeBefore, treeAfter] = [idOf(was, isTree), idOf(is, isTree)];
      if (treeBefore !== treeAfter) folders.push({ prefix: `${path}/`, before: treeBefore, after: treeAfter });
    }
    const [fileBefore, fileAfter] = [idOf(was, isRegularFile), idOf(is, isRegularFile)];
    if (fileBefore !== fileAfter && accept(path)) changed.push({ path, before: fileBefore, after: fileAfter });
  }
  return folders;
}
