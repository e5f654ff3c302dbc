/** One entry of a git tree object. */
export interface TreeEntry {
  /** git's mode, in octal as git writes it: `100644`, `100755`, `120000` (symlink), `40000` (tree), `160000` (submodule). */
  mode: string;
  name: string;
  /** The entry's object id, in hex. */
  id: string;
}

const SPACE = 0x20;
const NUL = 0x00;

/**
 * The entries of a tree object's raw contents (`<mode> <name>\0` then the id's bytes, for each
 * entry), in git's order; `idBytes` is 20 in a SHA-1 repository, 32 in a SHA-256 one. Names are
 * read as UTF-8.
 */
export function parseTree(contents: Buffer, idBytes: number): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let at = 0;
  while (at < contents.length) {
    const space = contents.indexOf(SPACE, at);
    const nul = contents.indexOf(NUL, space + 1);
    if (space === -1 || nul === -1 || nul + 1 + idBytes > contents.length) throw new Error('A tree object ended in the middle of an entry.');
    entries.push({
      mode: contents.toString('latin1', at, space),
      name: contents.toString('utf8', space + 1, nul),
      id: contents.toString('hex', nul + 1, nul + 1 + idBytes),
    });
    at = nul + 1 + idBytes;
  }
  return entries;
}
