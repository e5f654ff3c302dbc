import type { PathAliases } from './semantic/path-aliases';

/** One version of a conflicted file: its blob id and its text (null when the file is absent on that side). */
export interface FileVersion {
  oid: string;
  text: string;
}

/** The three versions of a conflicted file and git's merge of them: what classify and suggest work from. */
export interface ConflictFile {
  /** Path relative to the repository root, `/`-separated. */
  path: string;
  base: FileVersion | null;
  ours: FileVersion | null;
  theirs: FileVersion | null;
  /** git's merge with diff3 conflict markers (`<<<<<<<`, `|||||||`, `=======`, `>>>>>>>`); null when git wrote none. */
  merged: string | null;
}

/** A file changed on one side of a merge (its text at that side): where a SEMANTIC check looks for uses. */
export interface ChangedFile {
  path: string;
  text: string;
  /** Its text at the merge base (absent for a new file): uses already there are not new. */
  baseText?: string;
  /**
   * Instead of `baseText`: the lines the side added and removed, each set joined by newlines (a
   * `git diff -U0`'s), which tell how the count of uses changed as well.
   */
  diff?: { added: string; removed: string };
  /** The tsconfig `paths` that govern it at its side, when known: its aliased imports are read by them. */
  aliases?: PathAliases | null;
}
