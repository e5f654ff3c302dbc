/**
 * One top-level unit of a code file: a statement (or a few on one line) with the comments and
 * blank lines before it, from the end of the previous statement's code to the end of its own;
 * the last unit holds what follows the last statement (comments, blank lines) and has no code.
 */
export interface TopLevelUnit {
  start: number;
  end: number;
  /** Offset of the unit's first code character; -1 for the trailing unit. */
  codeStart: number;
}

// A line whose code starts at column 0 with one of these may start a new top-level statement.
const STARTS_STATEMENT = /[A-Za-z_$@'"#\u0080-\uffff]/;
// A statement whose code ends with one of these goes on in the next line.
const GOES_ON = new Set(['=', ',', '(', '[', '{', '+', '-', '*', '/', '%', '?', ':', '&', '|', '.', '<', '>', '!', '^', '~']);
// After these words a `/` opens a regular expression, not a division.
const BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);
const LONGEST_BEFORE_REGEX = Math.max(...[...BEFORE_REGEX].map((word) => word.length));

/** Whether a character code belongs to a word (`[A-Za-z0-9_$\u0080-\uffff]`): a code test, asked of nearly every character. */
function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36 || code >= 0x80;
}

/**
 * Cuts a TypeScript or JavaScript text into its top-level units with a light scan (strings,
 * template literals, comments, regular expressions and bracket depth; no syntax tree): a unit
 * starts where a line's code begins at column 0, outside every bracket, and the code before
 * does not go on. Formatted code puts exactly its top-level statements there. Null when the scan
 * does not end balanced: the caller parses the whole file then, as it does when a cut proves
 * wrong on parsing. With an `indent`, the same cut of a block's inside: statements start where a
 * line's code begins after exactly that indentation.
 */
export function topLevelUnits(text: string, indent = ''): TopLevelUnit[] | null {
  const units: TopLevelUnit[] = [];
  // Brace depths at which a template literal's `${` was opened.
  const templates: number[] = [];
  let depth = 0;
  let unitStart = 0;
  let unitCode = -1;
  let onlyDecorators = false;
  let codeEnd = 0;
  let last = '';
  // The last code's word, as offsets: sliced only when a `/` asks what came before it.
  let wordStart = 0;
  let wordEnd = 0;
  const n = text.length;
  // A `#!` line is no statement: it joins the first unit.
  const firstLineEnd = text.indexOf('\n');
  let i = !text.startsWith('#!') ? 0 : firstLineEnd === -1 ? n : firstLineEnd;
  const code = (at: number, end: number, char: string, word = false) => {
    if (unitCode === -1) {
      unitCode = at;
      onlyDecorators = char === '@';
    }
    codeEnd = end;
    last = char;
    wordStart = at;
    wordEnd = word ? end : at;
  };
  const skipTemplate = (): boolean => {
    // In a template literal's text: up to its closing backtick, or into a `${` expression.
    for (; i < n; i++) {
      const c = text[i];
      if (c === '\\') i++;
      else if (c === '`') {
        i++;
        return true;
      } else if (c === '$' && text[i + 1] === '{') {
        templates.push(depth);
        depth++;
        i += 2;
        return true;
      }
    }
    return false;
  };
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? n : eol;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close === -1) return null;
      i = close + 2;
      continue;
    }
    const atLineStart = indent === '' ? i === 0 || text[i - 1] === '\n' : startsIndented(text, i, indent);
    if (atLineStart && depth === 0 && unitCode !== -1 && STARTS_STATEMENT.test(c) && !GOES_ON.has(last)) {
      if (onlyDecorators) onlyDecorators = c === '@';
      else {
        units.push({ start: unitStart, end: codeEnd, codeStart: unitCode });
        unitStart = codeEnd;
        unitCode = -1;
      }
    }
    const at = i;
    if (c === "'" || c === '"') {
      // A string ends at its quote, or (unterminated: JSX text, say) at the end of the line.
      for (i++; i < n && text[i] !== c && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
      i++;
      code(at, Math.min(i, n), c);
    } else if (c === '`') {
      i++;
      if (!skipTemplate()) return null;
      code(at, i, '`');
    } else if (c === '/' && (last === '' || GOES_ON.has(last) || last === ';' || last === '}' || (wordEnd - wordStart <= LONGEST_BEFORE_REGEX && BEFORE_REGEX.has(text.slice(wordStart, wordEnd)))) && last !== ')' && last !== ']') {
      let inClass = false;
      for (i++; i < n && text[i] !== '\n'; i++) {
        const r = text[i];
        if (r === '\\') i++;
        else if (r === '[') inClass = true;
        else if (r === ']') inClass = false;
        else if (r === '/' && !inClass) break;
      }
      if (text[i] !== '/') return null;
      for (i++; i < n && isWordCode(text.charCodeAt(i)); i++);
      code(at, i, '/');
    } else if (isWordCode(c.charCodeAt(0))) {
      while (i < n && isWordCode(text.charCodeAt(i))) i++;
      code(at, i, c, true);
    } else {
      i++;
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        depth--;
        if (depth < 0) return null;
        if (c === '}' && templates.length > 0 && templates[templates.length - 1] === depth) {
          // The end of a `${…}`: back into the template literal's text.
          templates.pop();
          if (!skipTemplate()) return null;
          code(at, i, '`');
          continue;
        }
      }
      code(at, i, c);
    }
  }
  if (depth !== 0 || templates.length > 0) return null;
  if (unitCode !== -1) units.push({ start: unitStart, end: codeEnd, codeStart: unitCode });
  units.push({ start: units.length > 0 ? codeEnd : 0, end: n, codeStart: -1 });
  return units;
}

/** Whether the line holding offset `at` is `indent` up to it: code starting at that indentation. */
function startsIndented(text: string, at: number, indent: string): boolean {
  const lineStart = at - indent.length;
  return lineStart >= 0 && (lineStart === 0 || text[lineStart - 1] === '\n') && text.startsWith(indent, lineStart);
}
