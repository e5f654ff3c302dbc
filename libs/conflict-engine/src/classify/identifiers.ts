import type { TSESTree } from '@typescript-eslint/types';

/** Every identifier name written inside `node` (variables, calls, property and member names, JSX tags). */
export function identifiersIn(node: TSESTree.Node, into: Set<string> = new Set()): Set<string> {
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const child = value as { type?: unknown; name?: unknown };
    if (typeof child.type !== 'string') return;
    if ((child.type === 'Identifier' || child.type === 'JSXIdentifier') && typeof child.name === 'string') {
      into.add(child.name);
    }
    for (const [key, inner] of Object.entries(child)) {
      if (key !== 'parent' && key !== 'range' && key !== 'loc') visit(inner);
    }
  };
  visit(node);
  return into;
}
