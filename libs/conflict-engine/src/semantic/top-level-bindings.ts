import type * as TS from 'typescript';
import { LruCache } from '../classify/focus/lru-cache';
import { focusedSource } from './focused-source';
import { ts } from './typescript-source';

// The first words of the top-level statements that can bind a name: imports and declarations.
const BINDS = /^(?:import|export|function|class|interface|type|enum|namespace|module|declare|const|let|var|abstract|async|@)/;

// Kept by blob id: the checks of a matrix meet one side's file in several pairs. Weighed in names.
const kept = new LruCache<Set<string>>(1_000_000);

/**
 * The names a file binds at its top level: what it imports (default, namespace and named imports,
 * `import x = require(…)`) and what it declares (functions, classes, interfaces, types, enums,
 * namespaces, variables, destructured ones too), exported or not. Only statements that start with
 * an import or a declaration are parsed, without their bodies. Kept by `blob` when given.
 */
export function topLevelBindings(file: string, text: string, blob?: string): Set<string> {
  const key = blob === undefined ? null : `${blob}\0${file}`;
  const known = key === null ? undefined : kept.get(key);
  if (known) return known;
  const t = ts();
  const source = focusedSource(file, text, false, (_, code) => (BINDS.test(code) ? 'outline' : 'skip'));
  const names = new Set<string>();
  const bind = (name: TS.BindingName | undefined) => {
    if (!name) return;
    if (t.isIdentifier(name)) names.add(name.text);
    else for (const e of name.elements) if (!t.isOmittedExpression(e)) bind(e.name);
  };
  for (const statement of source.statements) {
    if (t.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && t.isNamespaceImport(bindings)) names.add(bindings.name.text);
      if (bindings && t.isNamedImports(bindings)) for (const e of bindings.elements) names.add(e.name.text);
    } else if (t.isImportEqualsDeclaration(statement)) names.add(statement.name.text);
    else if (t.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) bind(d.name);
    else if (
      t.isFunctionDeclaration(statement) ||
      t.isClassDeclaration(statement) ||
      t.isInterfaceDeclaration(statement) ||
      t.isTypeAliasDeclaration(statement) ||
      t.isEnumDeclaration(statement)
    ) {
      if (statement.name) names.add(statement.name.text);
    } else if (t.isModuleDeclaration(statement) && t.isIdentifier(statement.name)) names.add(statement.name.text);
  }
  if (key !== null) kept.set(key, names, names.size + 1);
  return names;
}
