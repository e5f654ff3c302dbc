import type { TSESTree } from '@typescript-eslint/types';
import { endOf, startOf } from './parse-code';
import type { ParsedCode } from './parse-code';

const CLOSERS = new Set([')', ']', '}']);

/** A string literal's value in one quoting style, so that `'a'` and `"a"` read alike. */
function canonicalString(raw: string): string {
  const body = raw.slice(1, -1).replace(/\\(["'])/g, '$1');
  return JSON.stringify(body);
}

/** The index of the first item of `items` (sorted, not overlapping) that starts at or after `offset`. */
export function firstFrom(items: ReadonlyArray<{ range: TSESTree.Range }>, offset: number): number {
  let [lo, hi] = [0, items.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.range[0] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The items of a sorted list lying wholly inside [start, end] and inside none of `skip` (sorted, merged). */
function within<T extends { range: TSESTree.Range }>(items: readonly T[], start: number, end: number, skip: ReadonlyArray<readonly [number, number]>): T[] {
  const out: T[] = [];
  let s = 0;
  for (let i = firstFrom(items, start); i < items.length; i++) {
    const [from, to] = items[i]!.range;
    if (from >= end) break;
    if (to > end) continue;
    while (s < skip.length && skip[s]![1] < to) s++;
    const gap = skip[s];
    if (gap && from >= gap[0] && to <= gap[1]) continue;
    out.push(items[i]!);
  }
  return out;
}

/** The skip ranges sorted and overlapping ones joined, so that one forward walk can test each item. */
function mergedRanges(skip: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = [...skip].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

const BRACED_BODIES: Record<string, readonly string[]> = {
  IfStatement: ['consequent', 'alternate'],
  ForStatement: ['body'],
  ForInStatement: ['body'],
  ForOfStatement: ['body'],
  WhileStatement: ['body'],
  DoWhileStatement: ['body'],
};
/** Statements that braces around change nothing, whatever follows (no dangling `else` to capture). */
const SIMPLE = new Set(['ExpressionStatement', 'ReturnStatement', 'ThrowStatement', 'BreakStatement', 'ContinueStatement']);
const optionalBraceCache = new WeakMap<ParsedCode, Set<number>>();

/**
 * The offsets of the braces a style rule adds or drops without changing the code: `if (x) return
 * y` and `if (x) { return y }` alike (the body of an if, else or loop holding one simple statement).
 */
function optionalBraces(program: ParsedCode): Set<number> {
  const cached = optionalBraceCache.get(program);
  if (cached) return cached;
  const offsets = new Set<number>();
  const stack: unknown[] = [...program.body];
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown> | null;
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    for (const key of BRACED_BODIES[node['type'] as string] ?? []) {
      const body = node[key] as TSESTree.BlockStatement | null | undefined;
      if (body?.type === 'BlockStatement' && body.body.length === 1 && SIMPLE.has(body.body[0]!.type)) {
        offsets.add(startOf(body)).add(endOf(body) - 1);
      }
    }
    for (const key in node) {
      if (key === 'parent') continue;
      const value = node[key];
      if (value && typeof value === 'object') stack.push(value);
    }
  }
  optionalBraceCache.set(program, offsets);
  return offsets;
}

/**
 * The code between `start` and `end` as a formatting-blind string: tokens and comment words
 * joined by single spaces, quotes unified, semicolons, trailing commas and optional braces (around
 * the one simple statement of an if, else or loop) dropped. Two texts with the same normalisation
 * differ only in whitespace, line breaks, quotes or those marks.
 * Tokens inside a `skip` range are left out (a class without its members). Linear in the
 * tokens of the range: found by binary search, so that a file's many declarations cost no more
 * than the file.
 */
export function normalizedCode(
  program: ParsedCode,
  start = 0,
  end = Number.POSITIVE_INFINITY,
  skip: ReadonlyArray<readonly [number, number]> = [],
  dropOptionalBraces = true,
): string {
  if (skip.length > 0 || !dropOptionalBraces) return normalize(program, start, end, skip, dropOptionalBraces, skip.length > 0);
  // A declaration's code, its signature and its exported form often cover one range: worked out once.
  let known = rangeCodes.get(program);
  if (!known) rangeCodes.set(program, (known = new Map()));
  const key = `${start}:${end}`;
  let code = known.get(key);
  if (code === undefined) known.set(key, (code = normalize(program, start, end, [], true, false)));
  return code;
}

// The formatting-blind code of ranges of a program without skips, by range.
const rangeCodes = new WeakMap<ParsedCode, Map<string, string>>();

/**
 * `program` without its tree's nodes (`body` empty), for keeping: what {@link normalizedCode}
 * reads of it stays (tokens, comments, left-out units, the optional braces' offsets worked out
 * now), at about half the memory. For a parse whose declarations are already extracted.
 */
export function withoutTree(program: ParsedCode): ParsedCode {
  const braces = optionalBraces(program);
  const kept: ParsedCode = { ...program, body: [] };
  optionalBraceCache.set(kept, braces);
  return kept;
}

/**
 * A whole program's formatting-blind code (`code`, as {@link normalizedCode} of it) and its code
 * outside the `parts` (`rest`, as {@link normalizedCode} skipping them), from the parts' own code
 * and the gaps between them: `parts` are the top-level statements (sorted, apart, together
 * holding every token but none of a gap's), whose code is worked out anyway.
 */
export function wholeCode(program: ParsedCode, parts: ReadonlyArray<{ start: number; end: number; code: string }>): { code: string; rest: string } {
  const code: string[] = [];
  const rest: string[] = [];
  let at = 0;
  const gap = (to: number) => {
    const text = normalize(program, at, to, [], true, false);
    if (text !== '') code.push(text);
    // Outside the parts, as with them skipped: without commas.
    const outside = normalize(program, at, to, [], true, true);
    if (outside !== '') rest.push(outside);
  };
  for (const part of parts) {
    if (part.start < at) return { code: normalizedCode(program), rest: normalizedCode(program, 0, Infinity, parts.map((p) => [p.start, p.end])) };
    gap(part.start);
    if (part.code !== '') code.push(part.code);
    at = part.end;
  }
  gap(Number.POSITIVE_INFINITY);
  return { code: code.join(' '), rest: rest.join(' ') };
}

function normalize(
  program: ParsedCode,
  start: number,
  end: number,
  skip: ReadonlyArray<readonly [number, number]>,
  dropOptionalBraces: boolean,
  dropCommas: boolean,
): string {
  const gaps = mergedRanges(skip);
  const tokens = within(program.tokens, start, end, gaps);
  const comments = within(program.comments, start, end, gaps);
  const elided = program.elided ? within(program.elided, start, end, gaps) : [];
  const braces = dropOptionalBraces ? optionalBraces(program) : new Set<number>();
  const parts: string[] = [];
  let [c, e] = [0, 0];
  const flushComments = (before: number) => {
    for (;;) {
      const [comment, unit] = [comments[c], elided[e]];
      const commentAt = comment && comment.range[0] < before ? comment.range[0] : Infinity;
      const unitAt = unit && unit.range[0] < before ? unit.range[0] : Infinity;
      if (commentAt === Infinity && unitAt === Infinity) return;
      if (commentAt < unitAt) {
        parts.push(`/*${comment!.value.trim().replace(/\s+/g, ' ')}*/`);
        c++;
      } else {
        parts.push(unit!.mark);
        e++;
      }
    }
  };
  tokens.forEach((token, i) => {
    if (token.value === ';' || ((token.value === '{' || token.value === '}') && braces.has(token.range[0]))) return;
    if (token.value === ',' && CLOSERS.has(tokens[i + 1]?.value ?? '')) return;
    // Without its members, a container's separating commas say nothing about the container.
    if (token.value === ',' && dropCommas) return;
    flushComments(token.range[0]);
    parts.push(token.type === 'String' ? canonicalString(token.value) : token.value);
  });
  flushComments(Number.POSITIVE_INFINITY);
  return parts.join(' ');
}

/** Text with whitespace made irrelevant: lines trimmed, runs of blanks collapsed, empty lines dropped. */
export function normalizedText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter((line) => line !== '')
    .join('\n');
}
