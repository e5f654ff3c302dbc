import type { TSESTree } from '@typescript-eslint/types';
import { endOf, startOf } from './parse-code';

/** The first string argument of a call, written as a literal or a template without expressions. */
function titleOf(call: TSESTree.CallExpression): string | null {
  const first = call.arguments[0];
  if (first?.type === 'Literal' && typeof first.value === 'string') return first.value;
  if (first?.type === 'TemplateLiteral' && first.expressions.length === 0) return first.quasis[0]?.value.cooked ?? '';
  return null;
}

/**
 * A call chain by its innermost call (`program.command`, `describe`) and the first string title
 * found from there outwards; what is chained after it (`.option(…).action(…)`) is left out, so
 * that adding a link to a chain keeps its shape.
 */
function chain(node: TSESTree.Node): { path: string; called: boolean; title: string | null } {
  switch (node.type) {
    case 'Identifier':
      return { path: node.name, called: false, title: null };
    case 'ThisExpression':
      return { path: 'this', called: false, title: null };
    case 'MemberExpression': {
      const inner = chain(node.object);
      if (inner.called) return inner;
      const property = !node.computed && node.property.type === 'Identifier' ? node.property.name : '[]';
      return { ...inner, path: `${inner.path}.${property}` };
    }
    case 'CallExpression': {
      const inner = chain(node.callee);
      return { path: inner.path, called: true, title: inner.title ?? titleOf(node) };
    }
    case 'AwaitExpression':
      return chain(node.argument);
    case 'ChainExpression':
      return chain(node.expression);
    default:
      return { path: node.type, called: false, title: null };
  }
}

/**
 * What a top-level statement is, without what it holds: a call's callee path and innermost string
 * title (`describe("history")`, `program.command("init")…`), an assignment's target, or the kind of
 * statement with its loop variable (`for (const dialect of …)`). Edits inside the statement keep
 * its shape, so that with its rank among same-shaped statements it identifies the statement across
 * versions; its text would not survive an edit.
 */
export function statementShape(node: TSESTree.Node, source: string): string {
  const text = (n: TSESTree.Node) => source.slice(startOf(n), endOf(n)).replace(/\s+/g, ' ');
  if (node.type === 'ExpressionStatement') {
    const expression = node.expression;
    if (expression.type === 'AssignmentExpression') return `${text(expression.left)} ${expression.operator}`;
    const { path, called, title } = chain(expression);
    return called ? `${path}(${title === null ? '' : JSON.stringify(title)})` : path;
  }
  if (node.type === 'ForOfStatement' || node.type === 'ForInStatement') {
    return `for (${text(node.left)} ${node.type === 'ForOfStatement' ? 'of' : 'in'} …)`;
  }
  return node.type;
}

/** A top-level call with a string title, by its callee path and title (`describe` and `history` for `describe('history', …)`); null for any other statement. */
export function titledCall(node: TSESTree.Node): { path: string; title: string } | null {
  if (node.type !== 'ExpressionStatement') return null;
  const { path, called, title } = chain(node.expression);
  return called && title !== null ? { path, title } : null;
}
