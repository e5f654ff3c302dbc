import * as path from 'node:path';
import type * as TS from 'typescript';

let typescript: typeof TS | undefined;

/** TypeScript's compiler API, loaded on first use so that importing this lib stays cheap. */
export function ts(): typeof TS {
  typescript ??= require('typescript') as typeof TS;
  return typescript;
}

/**
 * `text` as a syntax tree of the file `file` (no type checking, no program; `parents` set unless
 * told not to): the compiler's own parser, which never throws and recovers from errors as an
 * editor does.
 */
export function sourceFile(file: string, text: string, parents = true): TS.SourceFile {
  const t = ts();
  const kinds: Record<string, TS.ScriptKind> = {
    '.tsx': t.ScriptKind.TSX,
    '.jsx': t.ScriptKind.JSX,
    '.js': t.ScriptKind.JSX,
    '.mjs': t.ScriptKind.JS,
    '.cjs': t.ScriptKind.JS,
  };
  // JSDoc is never looked at here: not parsing it saves a tenth of the time.
  const options = { languageVersion: t.ScriptTarget.Latest, jsDocParsingMode: t.JSDocParsingMode.ParseNone };
  return t.createSourceFile(file, text, options, parents, kinds[path.extname(file).toLowerCase()] ?? t.ScriptKind.TS);
}

/** The 1-based line where `node` starts (its own text, leading comments left out). */
export function lineOf(source: TS.SourceFile, node: TS.Node): number {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}
