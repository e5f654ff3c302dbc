import type * as Estree from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { allowsJsx } from './code-files';

/**
 * A parsed TypeScript or JavaScript file: its tree, tokens and comments. When only part of the
 * file was parsed, `elided` lists the top-level units left out (the same text in every version
 * compared), each standing for one opaque token in formatting-blind code.
 */
export type ParsedCode = TSESTree.Program & {
  tokens: TSESTree.Token[];
  comments: TSESTree.Comment[];
  elided?: Array<{ range: TSESTree.Range; mark: string }>;
};

/** The outcome of parsing one version of a file: the tree, or the parser's message. */
export type ParseOutcome = { ok: true; program: ParsedCode } | { ok: false; message: string };

let estree: typeof Estree | undefined;

/**
 * Parses `text` as the file `file` (JSX allowed by extension). typescript-estree and TypeScript
 * load on the first call only (about half a second), so importing this lib stays cheap.
 */
export function parseCode(file: string, text: string): ParseOutcome {
  estree ??= require('@typescript-eslint/typescript-estree') as typeof Estree;
  try {
    // `loc` is worked out for every node either way (leaving it out only deletes it afterwards, one
    // more walk); JSDoc is never read here, and not parsing it saves a tenth of the time.
    const options = { range: true, loc: true, tokens: true, comment: true, jsDocParsingMode: 'none', jsx: allowsJsx(file), filePath: file } as const;
    const program = estree.parse(text, options);
    return { ok: true, program: program as ParsedCode };
  } catch (error) {
    const e = error as { message?: string; lineNumber?: number; column?: number };
    const where = e.lineNumber === undefined ? '' : ` (line ${e.lineNumber}, column ${e.column ?? 0})`;
    return { ok: false, message: `${e.message ?? String(error)}${where}` };
  }
}

/**
 * Loads the parser now rather than on the first conflict to classify: a long-running process that
 * will preview conflicts (a live screen) calls it when idle, so that its first preview of a
 * conflict is not the one that pays about a second for loading TypeScript.
 */
export function preloadParser(): void {
  parseCode('preload.ts', 'export const preloaded = true;\n');
}
