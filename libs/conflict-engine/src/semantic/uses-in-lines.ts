import type * as TS from 'typescript';
import { LruCache } from '../classify/focus/lru-cache';
import { focusedSource } from './focused-source';
import { lineOf, ts } from './typescript-source';

/** A name written in an added or changed line of a file, with how it is used. */
export interface NameUse {
  name: string;
  /** `import`: named in an import list; `identifier`: a plain reference; `member`: after a dot (`x.name`, `E.Name`). */
  how: 'import' | 'identifier' | 'member';
  /** For an import, the module it names; for a member, the code before the dot. */
  from: string | null;
  /** The number of arguments when it is called (`f(1, 2)`, `x.f(1)`), null otherwise or when an argument is spread. */
  args: number | null;
  line: number;
  /** The line, trimmed. */
  code: string;
}

/** What a file imports: local name → the imported name and module (`*` for a namespace import). */
export type ImportMap = Map<string, { imported: string; module: string }>;

// A file's parse for its uses depends on its text and the lines looked in, not on the names: the
// checks of a matrix meet one side's file once per pair. Kept by blob id and lines, weighed in the
// file's characters: four million at most.
const sources = new LruCache<{ source: TS.SourceFile; lines: string[] }>(4_000_000);

/**
 * The file's imports and the uses of `names` in the lines `ranges` hold (1-based, inclusive).
 * `blob`, the text's blob id when known, keeps the parse for the next names asked of these lines.
 */
export function usesInLines(
  file: string,
  text: string,
  ranges: Array<[number, number]>,
  names: Set<string>,
  blob?: string,
): { imports: ImportMap; uses: NameUse[] } {
  const t = ts();
  const key = blob === undefined ? null : `${blob}\0${file}\0${ranges.join(';')}`;
  let parsed = key === null ? undefined : sources.get(key);
  if (!parsed) {
    const lines = text.split('\n');
    parsed = { source: usesSource(file, text, lines, ranges), lines };
    if (key !== null) sources.set(key, parsed, text.length);
  }
  const { source, lines } = parsed;
  const imports = importMapOf(source);
  const inRanges = (line: number) => ranges.some(([a, b]) => line >= a && line <= b);
  const uses: NameUse[] = [];
  const visit = (node: TS.Node): void => {
    if (t.isIdentifier(node) && names.has(node.text)) {
      const line = lineOf(source, node);
      const use = inRanges(line) ? describeUse(node, source) : null;
      if (use) uses.push({ ...use, name: node.text, line, code: (lines[line - 1] ?? '').trim() });
    }
    t.forEachChild(node, visit);
  };
  visit(source);
  return { imports, uses };
}

/** What a parsed file imports: each local name with the name it imports (`default`, `*` for a namespace) and from which module. */
export function importMapOf(source: TS.SourceFile): ImportMap {
  const t = ts();
  const imports: ImportMap = new Map();
  for (const statement of source.statements) {
    if (!t.isImportDeclaration(statement) || !t.isStringLiteral(statement.moduleSpecifier)) continue;
    const module = statement.moduleSpecifier.text;
    const clause = statement.importClause;
    if (clause?.name) imports.set(clause.name.text, { imported: 'default', module });
    const bindings = clause?.namedBindings;
    if (bindings && t.isNamespaceImport(bindings)) imports.set(bindings.name.text, { imported: '*', module });
    if (bindings && t.isNamedImports(bindings)) {
      for (const e of bindings.elements) imports.set(e.name.text, { imported: (e.propertyName ?? e.name).text, module });
    }
  }
  return imports;
}

/**
 * `text` parsed (parents set) with what can hold a use in `ranges`: the imports, and the top-level
 * statements those lines touch, without the statements inside them the lines do not touch (a
 * 4,000-line test file with one added line parses that line's statements).
 */
function usesSource(file: string, text: string, lines: readonly string[], ranges: Array<[number, number]>): TS.SourceFile {
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  const lineAt = (offset: number) => {
    let [lo, hi] = [0, starts.length];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const touched = ({ start, end }: { start: number; end: number }) => {
    const [first, last] = [lineAt(start), lineAt(Math.max(start, end - 1))];
    return ranges.some(([a, b]) => a <= last && b >= first);
  };
  return focusedSource(file, text, true, (unit, code) => (code.startsWith('import') ? 'whole' : touched(unit) ? 'outline' : 'skip'), touched);
}

function describeUse(node: TS.Identifier, source: TS.SourceFile): Pick<NameUse, 'how' | 'from' | 'args'> | null {
  const t = ts();
  const parent = node.parent;
  if (t.isImportSpecifier(parent)) {
    // `import { a as b }`: the imported name is the one that must exist; the local one is not a use.
    if ((parent.propertyName ?? parent.name) !== node) return null;
    const declaration = parent.parent.parent.parent;
    return t.isStringLiteral(declaration.moduleSpecifier) ? { how: 'import', from: declaration.moduleSpecifier.text, args: null } : null;
  }
  if (t.isExportSpecifier(parent)) {
    // `export { a as b }` (from a module, or of a local): `a` is used, `b` is declared.
    if ((parent.propertyName ?? parent.name) !== node) return null;
    const declaration = parent.parent.parent;
    const from = declaration.moduleSpecifier;
    if (!from) return { how: 'identifier', from: null, args: null };
    return t.isStringLiteral(from) ? { how: 'import', from: from.text, args: null } : null;
  }
  if (t.isPropertyAccessExpression(parent) && parent.name === node) {
    return { how: 'member', from: parent.expression.getText(source), args: argumentsOf(parent) };
  }
  if (t.isQualifiedName(parent) && parent.right === node) return { how: 'member', from: parent.left.getText(source), args: null };
  if (isDeclarationName(node) || boundInside(node)) return null;
  return { how: 'identifier', from: null, args: argumentsOf(node) };
}

/**
 * Whether a scope around `node`, below the file's top level, binds its name: a parameter, a local
 * `const`, `let` or `var` (destructured too), function, class or enum of an enclosing block, a loop's
 * or a catch clause's variable, a function or class expression's own name. Such a use means the
 * local, not the file's or an import's declaration of that name. Only what the parse holds is seen
 * (statements left out of it, far from the lines looked in, are not).
 */
function boundInside(node: TS.Identifier): boolean {
  const t = ts();
  const name = node.text;
  for (let scope = node.parent; !t.isSourceFile(scope); scope = scope.parent) {
    if (t.isFunctionLike(scope)) {
      if (scope.parameters.some((p) => binds(p.name, name))) return true;
      if ((t.isFunctionExpression(scope) || t.isClassExpression(scope)) && scope.name?.text === name) return true;
    } else if (t.isClassExpression(scope) && scope.name?.text === name) return true;
    else if (t.isBlock(scope) || t.isCaseClause(scope) || t.isDefaultClause(scope)) {
      if (scope.statements.some((statement) => declaresIn(statement, name))) return true;
    } else if (t.isForStatement(scope) || t.isForOfStatement(scope) || t.isForInStatement(scope)) {
      const init = scope.initializer;
      if (init && t.isVariableDeclarationList(init) && init.declarations.some((d) => binds(d.name, name))) return true;
    } else if (t.isCatchClause(scope) && scope.variableDeclaration && binds(scope.variableDeclaration.name, name)) return true;
  }
  return false;
}

/** Whether a statement of a block declares `name` in that block. */
function declaresIn(statement: TS.Statement, name: string): boolean {
  const t = ts();
  if (t.isVariableStatement(statement)) return statement.declarationList.declarations.some((d) => binds(d.name, name));
  if (t.isFunctionDeclaration(statement) || t.isClassDeclaration(statement) || t.isEnumDeclaration(statement)) return statement.name?.text === name;
  return false;
}

/** Whether a binding (a name, or a destructuring pattern) binds `name`. */
function binds(binding: TS.BindingName, name: string): boolean {
  return bindingNames(binding).includes(name);
}

/** The names a binding binds: a name, or each name of a destructuring pattern. */
export function bindingNames(binding: TS.BindingName): string[] {
  const t = ts();
  if (t.isIdentifier(binding)) return [binding.text];
  return binding.elements.flatMap((e) => (t.isOmittedExpression(e) ? [] : bindingNames(e.name)));
}

/** How many arguments the call of `callee` passes; null when it is not called or spreads an argument. */
function argumentsOf(callee: TS.Expression): number | null {
  const t = ts();
  const call = callee.parent;
  if (!t.isCallExpression(call) || call.expression !== callee) return null;
  return call.arguments.some((a) => t.isSpreadElement(a)) ? null : call.arguments.length;
}

/** Whether `node` names something being declared (or a property key), rather than using a name declared elsewhere. */
function isDeclarationName(node: TS.Identifier): boolean {
  const t = ts();
  const parent = node.parent;
  if (t.isShorthandPropertyAssignment(parent)) return false;
  return 'name' in parent && (parent as { name?: TS.Node }).name === node && !t.isPropertyAccessExpression(parent);
}
