import type { TSESTree } from '@typescript-eslint/types';
import { isCodeFile } from '../classify/code-files';
import { endOf, parseCode, startOf } from '../classify/parse-code';
import type { ParsedCode } from '../classify/parse-code';
import { statementShape } from '../classify/statement-shape';
import { jsonKeyRepeats } from './json-keys';

/** One version of a file to count things in: its text, and its tree when it is already parsed. */
export interface CountedText {
  text: string;
  program?: ParsedCode;
}

const TEST_CALLS = new Set(['describe', 'it', 'test', 'suite', 'context', 'bench']);

/** How often each thing that must not repeat appears in a version: `declaration greet`, `test a > b`, `key x`… */
function tally(path: string, version: CountedText): Map<string, number> | null {
  const counts = new Map<string, number>();
  const add = (identity: string) => counts.set(identity, (counts.get(identity) ?? 0) + 1);
  if (!isCodeFile(path)) {
    if (!/\.json5?$|\.jsonc$/i.test(path) && !/(^|\/)(\.[\w-]*rc|tsconfig[\w.-]*)$/.test(path)) return counts;
    for (const key of jsonKeyRepeats(version.text)) add(`key "${key}"`);
    return counts;
  }
  let program = version.program;
  if (!program) {
    const parsed = parseCode(path, version.text);
    if (!parsed.ok) return null;
    program = parsed.program;
  }
  const source = version.text;
  for (const node of program.body) {
    for (const name of declaredNames(node)) add(`declaration ${name}`);
    if (declaredNames(node).length === 0 && node.type !== 'ImportDeclaration' && !node.type.startsWith('Export')) {
      add(`statement ${source.slice(startOf(node), endOf(node)).replace(/\s+/g, ' ')}`);
      const shape = statementShape(node, source);
      if (/\(".*"\)$/.test(shape)) add(`statement ${shape}`);
    }
  }
  visit(program as TSESTree.Program, [], (node, titles) => {
    const title = testTitle(node);
    if (title !== null) add(`test ${[...titles, title].join(' > ')}`);
    if (node.type === 'ObjectExpression') for (const key of repeats(node.properties.map(propertyName))) add(`key ${key}`);
    if (node.type === 'ClassBody') for (const key of repeats(node.body.filter((m) => m.type !== 'TSAbstractMethodDefinition' && !('value' in m && m.value?.type === 'TSEmptyBodyFunctionExpression')).map(propertyName))) add(`member ${key}`);
    return title;
  });
  return counts;
}

/** The names that occur more than once in `names` (nulls ignored), once for each extra occurrence. */
function repeats(names: Array<string | null>): string[] {
  const seen = new Set<string>();
  const again: string[] = [];
  for (const name of names) {
    if (name === null) continue;
    if (seen.has(name)) again.push(name);
    seen.add(name);
  }
  return again;
}

function propertyName(node: TSESTree.Node): string | null {
  if (!('key' in node) || !node.key || ('computed' in node && node.computed)) return null;
  const key = node.key as TSESTree.Node;
  const prefix = 'kind' in node && (node.kind === 'get' || node.kind === 'set') ? `${node.kind} ` : '';
  const stat = 'static' in node && node.static ? 'static ' : '';
  if (key.type === 'Identifier' || key.type === 'PrivateIdentifier') return `${stat}${prefix}${key.name}`;
  if (key.type === 'Literal') return `${stat}${prefix}${String(key.value)}`;
  return null;
}

function declaredNames(node: TSESTree.Node): string[] {
  const inner = (node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration') && node.declaration ? node.declaration : node;
  switch (inner.type) {
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
      return inner.id ? [inner.id.name] : [];
    case 'TSInterfaceDeclaration':
    case 'TSTypeAliasDeclaration':
    case 'TSEnumDeclaration':
      return [inner.id.name];
    case 'VariableDeclaration':
      return inner.declarations.flatMap((d) => (d.id.type === 'Identifier' ? [d.id.name] : []));
    default:
      return [];
  }
}

/** The title of a test block (`describe("a", …)`, `it.each(…)("b", …)`, `test.skip("c", …)`), or null. */
function testTitle(node: TSESTree.Node): string | null {
  if (node.type !== 'CallExpression') return null;
  let callee: TSESTree.Node = node.callee;
  while (callee.type === 'MemberExpression' || callee.type === 'CallExpression') callee = callee.type === 'MemberExpression' ? callee.object : callee.callee;
  if (callee.type !== 'Identifier' || !TEST_CALLS.has(callee.name)) return null;
  const first = node.arguments[0];
  if (first?.type === 'Literal' && typeof first.value === 'string') return JSON.stringify(first.value);
  if (first?.type === 'TemplateLiteral') return JSON.stringify(first.quasis.map((q) => q.value.raw).join('${}'));
  return null;
}

/** Walks a tree, handing each node the titles of the test blocks around it. */
function visit(node: TSESTree.Node, titles: string[], each: (node: TSESTree.Node, titles: string[]) => string | null): void {
  const title = each(node, titles);
  const inside = title === null ? titles : [...titles, title];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || key === 'range' || key === 'loc' || key === 'tokens' || key === 'comments') continue;
    const children: unknown[] = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (child !== null && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string') visit(child as TSESTree.Node, inside, each);
    }
  }
}

/**
 * What a fix holds more often than either side does — a declaration, a top-level statement, a
 * test block (`describe`/`it`/`test` with one title under the same parents), an object key or
 * class member, a JSON key — or null when nothing repeats. A fix that keeps both sides' versions
 * of one thing fails here however well it parses. A side that does not parse counts nothing.
 */
export function duplicateIn(path: string, result: CountedText | string, sides: Array<CountedText | string>): string | null {
  const asCounted = (v: CountedText | string): CountedText => (typeof v === 'string' ? { text: v } : v);
  const mine = tally(path, asCounted(result));
  if (mine === null) return null;
  const theirs = sides.map((side) => tally(path, asCounted(side)) ?? new Map<string, number>());
  for (const [identity, n] of mine) {
    const most = Math.max(0, ...theirs.map((t) => t.get(identity) ?? 0));
    // Keys and members are counted once per repetition inside one object; the rest once per occurrence.
    const repetition = identity.startsWith('key ') || identity.startsWith('member ');
    if (n > most && (repetition || n > 1)) {
      const shown = identity.length > 80 ? `${identity.slice(0, 79)}…` : identity;
      return `${shown} appears ${n} times, more than in either side (${most})`;
    }
  }
  return null;
}
