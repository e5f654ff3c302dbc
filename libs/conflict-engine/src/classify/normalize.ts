import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ParsedCode } from './parse-code';

const CLOSERS = new Set([')', ']', '}']);

/** A string literal's value in one quoting style, so that `'a'` and `"a"` read alike. */
function canonicalString(raw: string): string {
  const body = raw.slice(1, -1).replace(/\\(["'])/g, '$1');
  return JSON.stringify(body);
}

/**
 * The code between `start` and `end` as a formatting-blind string: tokens and comment words
 * joined by single spaces, quotes unified, semicolons and trailing commas dropped. Two texts
 * with the same normalisation differ only in whitespace, line breaks, quotes or those marks.
 * Tokens inside a `skip` range are left out (a class without its members).
 */
export function normalizedCode(
  program: ParsedCode,
  start = 0,
  end = Number.POSITIVE_INFINITY,
  skip: ReadonlyArray<readonly [number, number]> = [],
): string {
  const inRange = (item: { range: TSESTree.Range }) =>
    item.range[0] >= start &&
    item.range[1] <= end &&
    !skip.some(([from, to]) => item.range[0] >= from && item.range[1] <= to);
  const tokens = program.tokens.filter(inRange);
  const parts: Array<{ at: number; text: string }> = [];
  tokens.forEach((token, i) => {
    if (token.value === ';') return;
    if (token.value === ',' && CLOSERS.has(tokens[i + 1]?.value ?? '')) return;
    // Without its members, a container's separating commas say nothing about the container.
    if (token.value === ',' && skip.length > 0) return;
    const text = token.type === 'String' ? canonicalString(token.value) : token.value;
    parts.push({ at: token.range[0], text });
  });
  for (const comment of program.comments.filter(inRange)) {
    parts.push({ at: comment.range[0], text: `/*${comment.value.trim().replace(/\s+/g, ' ')}*/` });
  }
  return parts
    .sort((a, b) => a.at - b.at)
    .map((p) => p.text)
    .join(' ');
}

/** Text with whitespace made irrelevant: lines trimmed, runs of blanks collapsed, empty lines dropped. */
export function normalizedText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter((line) => line !== '')
    .join('\n');
}
