/** What kind of top-level (or member) construct a declaration is. */
export type DeclarationKind = 'import' | 'export' | 'function' | 'class' | 'variable' | 'type' | 'member' | 'statement';

/** One declaration of a parsed file (or a member of a class, interface or object literal). */
export interface Declaration {
  /** Identity within its container, the same in every version of the file: `greet`, `import ./util`, `static get size`. */
  key: string;
  /** What people read: `greet`, `User.save`, `import './util'`. */
  name: string;
  kind: DeclarationKind;
  /** The names it binds, which other code uses (imports: local names; members: the member name). */
  binds: string[];
  /** Source offsets, leading comments included. */
  start: number;
  end: number;
  text: string;
  /** The whole declaration, formatting-blind. */
  code: string;
  /** The part other code depends on (parameters, types, exported-ness), formatting-blind. */
  signature: string;
  /** Members of a class, interface or object literal, with where new ones may go. */
  members: Declaration[];
  /** A container's own code with its members left out: equal shells mean only members changed. */
  shell?: string;
  /** Offset of the container's closing brace, where a new member may be inserted. */
  membersEnd?: number;
  /** Imports and export lists: the source module and the specifiers, each as written. */
  specifiers?: { source: string | null; items: string[]; head: string };
}
