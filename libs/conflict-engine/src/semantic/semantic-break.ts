/** One side of a semantic conflict: which side, its ref, and a place in one of its files. */
export interface SemanticPlace {
  side: 'ours' | 'theirs';
  ref: string;
  /** Path relative to the repository root, `/`-separated. */
  path: string;
  /** 1-based line in that side's version of the file (in the merge base's, for what was removed). */
  line: number;
}

/** What one side did to a declaration that the other side's new code still uses, and where that code is. */
export interface SemanticBreak {
  change: 'removed' | 'renamed' | 'unexported' | 'arity';
  /** The declaration as the merge base had it, where that side changed it, and its new name (renamed) or arity (arity). */
  declaration: SemanticPlace & { name: string; newName: string | null; arity: { before: string; after: string } | null };
  /** The uses the other side added or changed, each with its line's code. */
  uses: Array<SemanticPlace & { name: string; code: string }>;
}
