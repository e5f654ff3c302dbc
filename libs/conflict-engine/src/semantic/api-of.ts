import type * as TS from 'typescript';
import { declarationsSource } from './declarations-only';
import { fileOffset } from './focused-source';
import { lineOf, ts } from './typescript-source';

/** How many arguments a function or method accepts. */
export interface Arity {
  min: number;
  /** Infinity with a rest parameter. */
  max: number;
}

/** One name a file offers to other code: a top-level declaration or export, or a member of a class, interface or enum. */
export interface ApiItem {
  /** `mul`, `Calc.add`, `Color.Red`. */
  key: string;
  /** The name itself: `mul`, `add`, `Red`. */
  name: string;
  /** The class, interface or enum it belongs to; null at the top level. */
  owner: string | null;
  kind: 'function' | 'class' | 'interface' | 'type' | 'enum' | 'variable' | 'namespace' | 're-export' | 'method' | 'property' | 'enum member';
  /** Whether other files can import it (top level only; members follow their owner). */
  exported: boolean;
  /** 1-based line of its declaration (worked out on first use). */
  readonly line: number;
  /** For functions and methods; null otherwise. */
  arity: Arity | null;
  /** Its code with its own name blanked and spaces squeezed: equal shapes under two names mean a rename (worked out on first use). */
  readonly shape: string;
}

/**
 * Every name `text` (the file `file`) declares for other code, by key; overloads widen one item's
 * arity. With `keep`, only in the top-level statements it accepts (by their code).
 */
export function apiOf(file: string, text: string, keep?: (code: string) => boolean): Map<string, ApiItem> {
  const t = ts();
  const source = declarationsSource(file, text, keep);
  const items = new Map<string, ApiItem>();
  const exportedLocals = new Set<string>();
  const add = (node: TS.Node, fields: Omit<ApiItem, 'key' | 'line' | 'shape'>) => {
    const key = fields.owner === null ? fields.name : `${fields.owner}.${fields.name}`;
    const known = items.get(key);
    if (known) {
      if (known.arity && fields.arity) known.arity = { min: Math.min(known.arity.min, fields.arity.min), max: Math.max(known.arity.max, fields.arity.max) };
      known.exported ||= fields.exported;
      return;
    }
    items.set(key, lazily({ ...fields, key }, { line: () => lineOf(source, node), shape: () => shapeOf(text.slice(fileOffset(source, node.getStart(source)), fileOffset(source, node.end)), fields.name) }));
  };
  for (const statement of source.statements) {
    const exported = hasModifier(statement, t.SyntaxKind.ExportKeyword);
    if (t.isFunctionDeclaration(statement) && statement.name) {
      add(statement, { name: statement.name.text, owner: null, kind: 'function', exported, arity: arityOf(statement.parameters) });
    } else if (t.isClassDeclaration(statement) && statement.name) {
      const owner = statement.name.text;
      add(statement, { name: owner, owner: null, kind: 'class', exported, arity: null });
      for (const member of statement.members) classMember(member, owner, add);
    } else if (t.isInterfaceDeclaration(statement)) {
      const owner = statement.name.text;
      add(statement, { name: owner, owner: null, kind: 'interface', exported, arity: null });
      for (const member of statement.members) typeMember(member, owner, add);
    } else if (t.isTypeAliasDeclaration(statement)) {
      add(statement, { name: statement.name.text, owner: null, kind: 'type', exported, arity: null });
    } else if (t.isEnumDeclaration(statement)) {
      const owner = statement.name.text;
      add(statement, { name: owner, owner: null, kind: 'enum', exported, arity: null });
      for (const member of statement.members) {
        const name = propertyName(member.name);
        if (name !== null) add(member, { name, owner, kind: 'enum member', exported, arity: null });
      }
    } else if (t.isModuleDeclaration(statement) && t.isIdentifier(statement.name)) {
      add(statement, { name: statement.name.text, owner: null, kind: 'namespace', exported, arity: null });
    } else if (t.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!t.isIdentifier(declaration.name)) continue;
        const init = declaration.initializer;
        const fn = init && (t.isArrowFunction(init) || t.isFunctionExpression(init)) ? init : null;
        add(declaration, { name: declaration.name.text, owner: null, kind: fn ? 'function' : 'variable', exported, arity: fn ? arityOf(fn.parameters) : null });
      }
    } else if (t.isExportDeclaration(statement) && statement.exportClause && t.isNamedExports(statement.exportClause)) {
      for (const specifier of statement.exportClause.elements) {
        if (statement.moduleSpecifier) add(specifier, { name: specifier.name.text, owner: null, kind: 're-export', exported: true, arity: null });
        else exportedLocals.add((specifier.propertyName ?? specifier.name).text);
      }
    }
  }
  for (const name of exportedLocals) {
    const item = items.get(name);
    if (item) item.exported = true;
  }
  // Members are as visible as their owner.
  for (const item of items.values()) if (item.owner !== null) item.exported = items.get(item.owner)?.exported ?? false;
  return items;
}

/** `item` with getters that compute each of `later` once, when first read: most items are never reported. */
function lazily<T extends object, L extends Record<string, () => unknown>>(item: T, later: L): T & { readonly [K in keyof L]: ReturnType<L[K]> } {
  for (const [name, compute] of Object.entries(later)) {
    let value: unknown;
    let known = false;
    Object.defineProperty(item, name, {
      enumerable: true,
      get: () => {
        if (!known) [value, known] = [compute(), true];
        return value;
      },
    });
  }
  return item as T & { readonly [K in keyof L]: ReturnType<L[K]> };
}

type Add = (node: TS.Node, fields: Omit<ApiItem, 'key' | 'line' | 'shape'>) => void;

function classMember(member: TS.ClassElement, owner: string, add: Add): void {
  const t = ts();
  if (!member.name || hasModifier(member, t.SyntaxKind.PrivateKeyword) || t.isPrivateIdentifier(member.name)) return;
  const name = propertyName(member.name);
  if (name === null) return;
  if (t.isMethodDeclaration(member)) add(member, { name, owner, kind: 'method', exported: false, arity: arityOf(member.parameters) });
  else add(member, { name, owner, kind: 'property', exported: false, arity: null });
}

function typeMember(member: TS.TypeElement, owner: string, add: Add): void {
  const t = ts();
  const name = member.name ? propertyName(member.name) : null;
  if (name === null) return;
  if (t.isMethodSignature(member)) add(member, { name, owner, kind: 'method', exported: false, arity: arityOf(member.parameters) });
  else add(member, { name, owner, kind: 'property', exported: false, arity: null });
}

function propertyName(name: TS.PropertyName): string | null {
  const t = ts();
  if (t.isIdentifier(name) || t.isStringLiteral(name) || t.isNumericLiteral(name)) return name.text;
  return null;
}

function hasModifier(node: TS.Node, kind: TS.SyntaxKind): boolean {
  const t = ts();
  return t.canHaveModifiers(node) && (t.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** How many arguments `parameters` take: required ones at least, all of them at most (any number after a rest). */
function arityOf(parameters: readonly TS.ParameterDeclaration[]): Arity {
  const t = ts();
  const real = parameters.filter((p) => !(t.isIdentifier(p.name) && p.name.text === 'this'));
  const rest = real.some((p) => p.dotDotDotToken);
  // A parameter after an optional one is optional to callers too (it may be passed undefined, but not left out before a later one).
  let min = 0;
  real.forEach((p, i) => {
    if (!p.questionToken && !p.initializer && !p.dotDotDotToken) min = i + 1;
  });
  return { min, max: rest ? Infinity : real.length };
}

/** `code` (a declaration's own text, read from the whole file: the tree may have left its body out) with its name blanked. */
function shapeOf(code: string, name: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return code
    .replace(new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`, 'g'), '§')
    .replace(/\s+/g, ' ')
    .trim();
}
