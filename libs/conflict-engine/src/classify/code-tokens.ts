/** One token of code, as formatting-blind comparison needs it: strings marked, so that their quoting can be unified. */
export interface CodeToken {
  type: 'String' | 'Code';
  value: string;
  range: [number, number];
}

/** One comment: `//` (Line) or `/* … *\/` (Block), `value` without its delimiters. */
export interface CodeComment {
  type: 'Line' | 'Block';
  value: string;
  range: [number, number];
}

// Longest first, so that the first that matches is the longest.
const PUNCTUATORS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<', '>>',
];
const PUNCTUATOR_STARTS = new Set(PUNCTUATORS.map((p) => p.charCodeAt(0)));
// Literals, template parts and JSX text: taken from the tree whole, never scanned (a regular
// expression or a template's text is not tokens).
const WHOLE = new Set(['Literal', 'TemplateElement', 'JSXText']);

/** Whether a character code belongs to a word: letters, digits, `_`, `$`, `\` (escapes) and every non-ASCII character that is not a space. */
function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36 || code === 92 || (code >= 0x80 && !isSpaceCode(code));
}

function isSpaceCode(code: number): boolean {
  return code <= 32 || code === 0xa0 || code === 0xfeff || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}

/** The nodes of `program` that are one token each (literals, template parts, JSX text), sorted by start. */
function wholeTokens(program: unknown): Array<{ range: [number, number]; string: boolean }> {
  const found: Array<{ range: [number, number]; string: boolean }> = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) if (item !== null && typeof item === 'object') visit(item);
      return;
    }
    const n = node as Record<string, unknown> & { type?: unknown; start?: number; end?: number };
    if (typeof n.type === 'string' && WHOLE.has(n.type) && n.start !== undefined && n.end !== undefined) {
      found.push({ range: [n.start, n.end], string: n.type === 'Literal' && typeof n['value'] === 'string' });
      return;
    }
    for (const key in n) {
      if (key === 'range' || key === 'parent') continue;
      const value = n[key];
      if (value !== null && typeof value === 'object') visit(value);
    }
  };
  visit(program);
  return found.sort((a, b) => a.range[0] - b.range[0]);
}

/**
 * The tokens of `text`, which parsed as `program` with `comments`: a light scanner for what lies
 * between the tree's literals, template parts and JSX text (words, punctuators; spaces and the
 * comments skipped), those taken whole from the tree. Two texts that differ only in layout give
 * the same token values.
 */
export function codeTokens(text: string, program: unknown, comments: readonly CodeComment[]): CodeToken[] {
  const whole = wholeTokens(program);
  const tokens: CodeToken[] = [];
  const n = text.length;
  let w = 0;
  let c = 0;
  // A `#!` line is no code.
  let i = text.startsWith('#!') ? (text.indexOf('\n') + 1 || n) : 0;
  while (i < n) {
    while (w < whole.length && whole[w]!.range[0] < i) w++;
    while (c < comments.length && comments[c]!.range[0] < i) c++;
    const nextWhole = whole[w]?.range[0] ?? n;
    const nextComment = comments[c]?.range[0] ?? n;
    if (i === nextWhole) {
      const { range, string } = whole[w]!;
      tokens.push({ type: string ? 'String' : 'Code', value: text.slice(range[0], range[1]), range: [range[0], range[1]] });
      i = Math.max(range[1], i + 1);
      continue;
    }
    if (i === nextComment) {
      i = Math.max(comments[c]!.range[1], i + 1);
      continue;
    }
    const limit = Math.min(nextWhole, nextComment);
    // Blanked-out code leaves long runs of spaces: skipped in one tight loop.
    while (i < limit && isSpaceCode(text.charCodeAt(i))) i++;
    if (i === limit) continue;
    const code = text.charCodeAt(i);
    let end = i + 1;
    if (isWordCode(code)) {
      while (end < limit && isWordCode(text.charCodeAt(end))) end++;
    } else if (code === 34 || code === 39) {
      // A quoted string the tree did not hold (none should be left): up to its closing quote.
      while (end < limit && text.charCodeAt(end) !== code && text.charCodeAt(end) !== 10) end += text.charCodeAt(end) === 92 ? 2 : 1;
      end = Math.min(end + 1, limit);
    } else {
      const punctuator = PUNCTUATOR_STARTS.has(code) ? PUNCTUATORS.find((p) => p.length <= limit - i && text.startsWith(p, i)) : undefined;
      if (punctuator) end = i + punctuator.length;
    }
    tokens.push({ type: code === 34 || code === 39 ? 'String' : 'Code', value: text.slice(i, end), range: [i, end] });
    i = end;
  }
  return tokens;
}
