import type { TSESTree } from '@typescript-eslint/types';
import type { Declaration, DeclarationKind } from './declaration';
import { identifiersIn } from './identifiers';
import { firstFrom, normalizedCode } from './normalize';
import { statementShape, titledCall } from './statement-shape';
import { endOf, startOf } from './parse-code';
import type { ParsedCode } from './parse-code';

interface Context {
  program: ParsedCode;
  source: string;
}

/** The declarations of a parsed file, in source order, keys made unique (`f`, `f #2` for overloads). */
export function extractDeclarations(program: ParsedCode, source: string): Declaration[] {
  const context = { program, source };
  return uniqueKeys(program.body.map((node) => describe(context, node)));
}

function uniqueKeys(declarations: Declaration[]): Declaration[] {
  const seen = new Map<string, number>();
  for (const d of declarations) {
    const n = (seen.get(d.key) ?? 0) + 1;
    seen.set(d.key, n);
    if (n > 1) d.key = `${d.key} #${n}`;
  }
  return declarations;
}

/** Where a node's text starts once the comments right above it (JSDoc, eslint directives) are counted in. */
function startWithComments(context: Context, node: TSESTree.Node): number {
  let start = startOf(node);
  const { comments } = context.program;
  // Comments are sorted and do not overlap: those ending before the node are a prefix of the list.
  for (let i = firstFrom(comments, start) - 1; i >= 0; i--) {
    const comment = comments[i]!;
    if (comment.range[1] > start) continue;
    if (context.source.slice(comment.range[1], start).trim() !== '') break;
    start = comment.range[0];
  }
  return start;
}

function base(
  context: Context,
  node: TSESTree.Node,
  fields: { key: string; name: string; kind: DeclarationKind; binds: string[]; signatureEnd?: number },
): Declaration {
  const { program, source } = context;
  const start = startWithComments(context, node);
  const nodeStart = startOf(node);
  const end = endOf(node);
  return {
    key: fields.key,
    name: fields.name,
    kind: fields.kind,
    binds: fields.binds,
    start,
    end,
    text: source.slice(start, end),
    code: normalizedCode(program, start, end),
    signature: normalizedCode(program, nodeStart, fields.signatureEnd ?? end),
    members: [],
  };
}

function nameOf(node: TSESTree.Node | null | undefined, source: string): string {
  if (!node) return 'default';
  if (node.type === 'Identifier' || node.type === 'PrivateIdentifier') return node.name;
  if (node.type === 'Literal') return String(node.value);
  return source.slice(startOf(node), endOf(node));
}

function describe(context: Context, node: TSESTree.ProgramStatement): Declaration {
  switch (node.type) {
    case 'ImportDeclaration':
      return describeList(context, node, 'import', node.source.value);
    case 'ExportNamedDeclaration':
      if (!node.declaration) return describeList(context, node, 'export', node.source?.value ?? null);
      return describeExported(context, node, describeInner(context, node.declaration));
    case 'ExportDefaultDeclaration': {
      const inner = describeInner(context, node.declaration as TSESTree.Node);
      return describeExported(context, node, { ...inner, key: 'export default', name: `export default ${inner.name}` });
    }
    case 'ExportAllDeclaration': {
      const key = `export * from ${node.source.value}`;
      return base(context, node, { key, name: key, kind: 'export', binds: [] });
    }
    default:
      return describeInner(context, node);
  }
}

/** An exported declaration: the inner one, its text widened to the `export` keyword, which joins its signature. */
function describeExported(context: Context, node: TSESTree.Node, inner: Declaration): Declaration {
  const outer = base(context, node, { key: inner.key, name: inner.name, kind: inner.kind, binds: inner.binds });
  const shell = inner.shell === undefined ? undefined : normalizedCode(context.program, outer.start, outer.end, inner.members.map((m) => [m.start, m.end]));
  return { ...outer, signature: `export ${inner.signature}`, members: inner.members, membersEnd: inner.membersEnd, shell };
}

function describeList(
  context: Context,
  node: TSESTree.ImportDeclaration | TSESTree.ExportNamedDeclaration,
  kind: 'import' | 'export',
  source: string | null,
): Declaration {
  const typeOnly = (node.type === 'ImportDeclaration' ? node.importKind : node.exportKind) === 'type';
  const key = `${kind}${typeOnly ? ' type' : ''} ${source ?? '{}'}`;
  const name = source === null ? `export { … }` : `${kind} '${source}'`;
  const binds = node.specifiers.map((s) => nameOf(s.local, context.source));
  const declaration = base(context, node, { key, name, kind, binds });
  const specifiers: TSESTree.Node[] = node.specifiers;
  const named = specifiers.filter((s) => s.type === 'ImportSpecifier' || s.type === 'ExportSpecifier');
  const others = specifiers.filter((s) => !named.some((n) => n === s));
  const src = (part: TSESTree.Node) => context.source.slice(startOf(part), endOf(part));
  // A list of `{ a, b as c }` can be merged item by item; a default or namespace import is kept as written.
  const head = `${kind}${typeOnly ? ' type' : ''} ${others.map(src).join(', ')}${others.length ? ', ' : ''}`;
  return { ...declaration, specifiers: { source, items: named.map(src), head } };
}

function describeInner(context: Context, node: TSESTree.Node): Declaration {
  const { source } = context;
  switch (node.type) {
    case 'FunctionDeclaration':
    case 'TSDeclareFunction':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression': {
      const name = 'id' in node && node.id ? node.id.name : 'default';
      const body = 'body' in node && node.body ? startOf(node.body) : undefined;
      return base(context, node, { key: name, name, kind: 'function', binds: [name], signatureEnd: body });
    }
    case 'ClassDeclaration':
    case 'ClassExpression': {
      const name = node.id?.name ?? 'default';
      const declaration = base(context, node, { key: name, name, kind: 'class', binds: [name], signatureEnd: startOf(node.body) });
      const members = node.body.body.map((m) => describeMember(context, m, name));
      return withMembers(context, declaration, members, endOf(node.body) - 1);
    }
    case 'TSInterfaceDeclaration': {
      const name = node.id.name;
      const declaration = base(context, node, { key: name, name, kind: 'type', binds: [name] });
      const members = node.body.body.map((m) => describeMember(context, m, name));
      return withMembers(context, declaration, members, endOf(node.body) - 1);
    }
    case 'TSTypeAliasDeclaration':
    case 'TSEnumDeclaration':
      return base(context, node, { key: node.id.name, name: node.id.name, kind: 'type', binds: [node.id.name] });
    case 'TSModuleDeclaration': {
      const name = nameOf(node.id, source);
      return base(context, node, { key: `namespace ${name}`, name, kind: 'type', binds: [name] });
    }
    case 'VariableDeclaration':
      return describeVariables(context, node);
    default: {
      const declaration = base(context, node, { key: '', name: '', kind: 'statement', binds: [] });
      // Named by its callee and title (`test.skipIf(…)('drops a column', …)` is `test.skipIf('drops a column')`),
      // else by its own first line: the comments before it (kept in its text) say nothing of what it is.
      const titled = titledCall(node);
      const name = titled ? `${titled.path}('${clipped(titled.title, 40)}')` : clipped(source.slice(startOf(node), endOf(node)).split('\n')[0] ?? '', 40);
      // A statement has no name: its shape and its rank among statements of that shape (uniqueKeys
      // numbers the second and later) identify it, so that an edited statement is one statement modified.
      return { ...declaration, key: `statement ${statementShape(node, source)}`, name, signature: '' };
    }
  }
}

function describeVariables(context: Context, node: TSESTree.VariableDeclaration): Declaration {
  const names = node.declarations.flatMap((d) => [...identifiersIn(d.id)]);
  const key = names.join(', ');
  const only = node.declarations.length === 1 ? node.declarations[0] : undefined;
  const init = only?.init;
  // The signature is what callers rely on: the binding and its type, and a function's parameters.
  let signatureEnd: number | undefined;
  if (init && (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression')) signatureEnd = startOf(init.body);
  else if (init) signatureEnd = startOf(init);
  const declaration = base(context, node, { key, name: key, kind: 'variable', binds: names, signatureEnd });
  if (init?.type !== 'ObjectExpression') return declaration;
  const members = init.properties.map((p) => describeMember(context, p, key));
  return withMembers(context, declaration, members, endOf(init) - 1);
}

function withMembers(context: Context, declaration: Declaration, members: Declaration[], membersEnd: number): Declaration {
  const ranges = members.map((m) => [m.start, m.end] as const);
  const shell = normalizedCode(context.program, declaration.start, declaration.end, ranges);
  return { ...declaration, members: uniqueKeys(members), membersEnd, shell };
}

function describeMember(context: Context, node: TSESTree.Node, owner: string): Declaration {
  const { source } = context;
  let memberName = '';
  let prefix = '';
  let signatureEnd: number | undefined;
  if ('key' in node && node.key) {
    memberName = nameOf(node.key as TSESTree.Node, source);
    if ('computed' in node && node.computed) memberName = `[${memberName}]`;
  }
  if ('static' in node && node.static) prefix += 'static ';
  if ('kind' in node && (node.kind === 'get' || node.kind === 'set')) prefix += `${node.kind} `;
  if ('value' in node && node.value && typeof node.value === 'object' && 'type' in node.value) {
    const value = node.value as TSESTree.Node;
    signatureEnd = 'body' in value && value.body && !Array.isArray(value.body) ? startOf(value.body as TSESTree.Node) : startOf(value);
  }
  if (node.type === 'SpreadElement') memberName = `...${source.slice(startOf(node.argument), endOf(node.argument))}`;
  if (node.type === 'StaticBlock') memberName = 'static block';
  if (node.type === 'TSIndexSignature') memberName = '[index]';
  if (node.type === 'TSCallSignatureDeclaration' || node.type === 'TSConstructSignatureDeclaration') memberName = '(call)';
  const key = `${prefix}${memberName}`;
  return base(context, node, { key, name: `${owner}.${memberName}`, kind: 'member', binds: [memberName], signatureEnd });
}

/** `text` cut to `max` characters, an ellipsis ending what was cut. */
function clipped(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
