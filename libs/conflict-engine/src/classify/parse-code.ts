import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/types';
import type * as Oxc from 'oxc-parser';
import { allowsJsx } from './code-files';
import { codeTokens } from './code-tokens';
import type { CodeComment, CodeToken } from './code-tokens';

/**
 * A parsed TypeScript or JavaScript file: its tree (TS-ESTree's shape), tokens and comments. When
 * only part of the file was parsed, `elided` lists the top-level units left out (the same text in
 * every version compared), each standing for one opaque token in formatting-blind code.
 */
export type ParsedCode = Omit<TSESTree.Program, 'tokens' | 'comments'> & {
  tokens: CodeToken[];
  comments: CodeComment[];
  elided?: Array<{ range: TSESTree.Range; mark: string }>;
};

/** Where a node of a parsed tree starts and ends. */
interface Span {
  start: number;
  end: number;
}

/**
 * Where a node of a parsed tree starts: oxc gives every node `start` and `end`, and the tree is
 * read without TS-ESTree's `range` arrays, which cost a quarter of the parse (an array per node,
 * handed over as JSON, parsed and then collected). The tree's types still name `range`: read
 * offsets with {@link startOf} and {@link endOf}, never `range`.
 */
export function startOf(node: object): number {
  return (node as Span).start;
}

/** Where a node of a parsed tree ends (see {@link startOf}). */
export function endOf(node: object): number {
  return (node as Span).end;
}

/** The outcome of parsing one version of a file: the tree, or the parser's message. */
export type ParseOutcome = { ok: true; program: ParsedCode } | { ok: false; message: string };

let oxc: typeof Oxc | undefined;

/** The parser's language for `file`: TypeScript or JavaScript, with JSX where the extension allows it. */
function languageOf(file: string): 'ts' | 'tsx' | 'js' | 'jsx' {
  const typescript = /\.[mc]?tsx?$/i.test(file);
  const jsx = allowsJsx(file);
  return typescript ? (jsx ? 'tsx' : 'ts') : jsx ? 'jsx' : 'js';
}

/**
 * Parses `text` as the file `file` (JSX allowed by extension) with oxc's parser, whose tree has
 * TS-ESTree's shape (node types and fields; offsets as `start` and `end`, see {@link startOf}) at
 * a twentieth of typescript-estree's cost. It loads on the first call only, so importing this lib
 * stays cheap.
 */
export function parseCode(file: string, text: string): ParseOutcome {
  // An ES module: Node (20.19 and later) requires it as it does CommonJS.
  oxc ??= require('oxc-parser') as typeof Oxc;
  const result = oxc.parseSync(path.basename(file), text, { lang: languageOf(file), preserveParens: false });
  const error = result.errors.find((e) => e.severity === 'Error');
  if (error) {
    const at = error.labels[0]?.start;
    if (at === undefined) return { ok: false, message: error.message };
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    return { ok: false, message: `${error.message} (line ${line}, column ${at - before.lastIndexOf('\n')})` };
  }
  const comments: CodeComment[] = result.comments.map((c) => ({ type: c.type, value: c.value, range: [c.start, c.end] }));
  const program = result.program as unknown as TSESTree.Program;
  return { ok: true, program: Object.assign(program, { tokens: codeTokens(text, program, comments), comments }) as ParsedCode };
}
