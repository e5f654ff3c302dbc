import { LruCache } from '../classify/focus/lru-cache';
import { DECLARES } from './declarations-only';
import { focusedSource } from './focused-source';
import { ts } from './typescript-source';
import { bindingNames, importMapOf } from './uses-in-lines';

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
  const source = focusedSource(file, text, false, (_, code) => (code.startsWith('import') || DECLARES.test(code) ? 'outline' : 'skip'));
  const names = new Set(importMapOf(source).keys());
  for (const statement of source.statements) {
    if (t.isImportEqualsDeclaration(statement)) names.add(statement.name.text);
    else if (t.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) for (const name of bindingNames(d.name)) names.add(name);
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
