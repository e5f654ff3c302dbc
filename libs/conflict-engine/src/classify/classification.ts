/** How hard a conflict is to resolve, from formatting noise to a change that breaks the other side. */
export type ConflictClass = 'TRIVIAL' | 'STRUCTURAL' | 'CONCURRENT' | 'SEMANTIC';

/** How urgently a person (or a model) should look at a conflict. */
export type Severity = 'low' | 'medium' | 'high' | 'critical';

/** What {@link classify} concluded about one conflicted file. */
export interface Classification {
  class: ConflictClass;
  severity: Severity;
  /** The declarations involved (`greet`, `User.save`, `import ./util`), in file order. */
  declarations: string[];
  /** One line a person or a model can act on. */
  reason: string;
  /** `ast` when every present version parsed; `text` for other files and for files that did not parse. */
  analysis: 'ast' | 'text';
  /** Why text rules were used for a code file: which version did not parse, and the parser's message. */
  parseFailure?: { side: 'base' | 'ours' | 'theirs'; message: string };
}

/** The severity each class carries. */
export const SEVERITY_OF: Readonly<Record<ConflictClass, Severity>> = {
  TRIVIAL: 'low',
  STRUCTURAL: 'medium',
  CONCURRENT: 'high',
  SEMANTIC: 'critical',
};
