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

// Character codes the scan compares against.
const SPACE = 32, TAB = 9, LF = 10, CR = 13, SLASH = 47, STAR = 42, BACKSLASH = 92, BACKTICK = 96, DOLLAR = 36;
const SINGLE = 39, DOUBLE = 34, OPEN_BRACE = 123, CLOSE_BRACE = 125, SEMICOLON = 59, AT = 64, HASH = 35;
const OPEN_PAREN = 40, CLOSE_PAREN = 41, OPEN_BRACKET = 91, CLOSE_BRACKET = 93;
// A statement whose code ends with one of these goes on in the next line (a table by code).
const GOES_ON = new Uint8Array(128);
for (const c of '=,([{+-*/%?:&|.<>!^~') GOES_ON[c.charCodeAt(0)] = 1;
// After these words a `/` opens a regular expression, not a division.
const BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);
const LONGEST_BEFORE_REGEX = Math.max(...[...BEFORE_REGEX].map((word) => word.length));
// No code yet: `last` before the first token.
const NONE = -1;

/** Whether a character code belongs to a word (`[A-Za-z0-9_$\u0080-\uffff]`): a code test, asked of nearly every character. */
function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36 || code >= 0x80;
}

/** Whether code starting with this character, at the start of a line, may start a new top-level statement (`[A-Za-z_$@'"#\u0080-\uffff]`). */
function startsStatement(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === DOLLAR || code === AT || code === SINGLE || code === DOUBLE || code === HASH || code >= 0x80;
}

const goesOn = (code: number) => code >= 0 && code < 128 && GOES_ON[code] === 1;

/**
 * Cuts a TypeScript or JavaScript text into its top-level units with a light scan (strings,
 * template literals, comments, regular expressions and bracket depth; no syntax tree): a unit
 * starts where a line's code begins at column 0, outside every bracket, and the code before
 * does not go on. Formatted code puts exactly its top-level statements there. Null when the scan
 * does not end balanced: the caller parses the whole file then, as it does when a cut proves
 * wrong on parsing. With an `indent`, the same cut of a block's inside: statements start where a
 * line's code begins after exactly that indentation. Character codes throughout: it reads every
 * character of every version it cuts.
 */
export function topLevelUnits(text: string, indent = ''): TopLevelUnit[] | null {
  // Plain locals and no closure over them: the loop reads and writes them in registers, in every
  // tier of the engine (this runs cold in a one-shot process, and on megabytes of text).
  const units: TopLevelUnit[] = [];
  // Brace depths at which a template literal's `${` was opened.
  const templates: number[] = [];
  let depth = 0;
  let unitStart = 0;
  let unitCode = -1;
  let onlyDecorators = false;
  let codeEnd = 0;
  // The first character of the last code token, as a code.
  let last = NONE;
  // The last code's word, as offsets: sliced only when a `/` asks what came before it.
  let wordStart = 0;
  let wordEnd = 0;
  const n = text.length;
  // A `#!` line is no statement: it joins the first unit.
  const firstLineEnd = text.indexOf('\n');
  let i = !text.startsWith('#!') ? 0 : firstLineEnd === -1 ? n : firstLineEnd;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === LF || c === CR) {
      i++;
      continue;
    }
    if (c === SLASH) {
      const next = text.charCodeAt(i + 1);
      if (next === SLASH) {
        const eol = text.indexOf('\n', i);
        i = eol === -1 ? n : eol;
        continue;
      }
      if (next === STAR) {
        const close = text.indexOf('*/', i + 2);
        if (close === -1) return null;
        i = close + 2;
        continue;
      }
    }
    if (depth === 0 && unitCode !== -1 && startsStatement(c) && !goesOn(last) && atLineStart(text, i, indent)) {
      if (onlyDecorators) onlyDecorators = c === AT;
      else {
        units.push({ start: unitStart, end: codeEnd, codeStart: unitCode });
        unitStart = codeEnd;
        unitCode = -1;
      }
    }
    // The token from `at` to `i` is code: its first character (a backtick for a template's text) and whether it is a word.
    const at = i;
    let token = c;
    let word = false;
    if (c === SINGLE || c === DOUBLE) {
      // A string ends at its quote, or (unterminated: JSX text, say) at the end of the line.
      for (i++; i < n; i++) {
        const q = text.charCodeAt(i);
        if (q === c || q === LF) break;
        if (q === BACKSLASH) i++;
      }
      i = Math.min(i + 1, n);
    } else if (c === BACKTICK) {
      i = templateTextEnd(text, i + 1);
      if (i === -1) return null;
      if (text.charCodeAt(i - 1) === OPEN_BRACE) templates.push(depth++);
    } else if (c === SLASH && opensRegex(text, last, wordStart, wordEnd)) {
      let inClass = false;
      for (i++; i < n; i++) {
        const r = text.charCodeAt(i);
        if (r === LF) break;
        if (r === BACKSLASH) i++;
        else if (r === OPEN_BRACKET) inClass = true;
        else if (r === CLOSE_BRACKET) inClass = false;
        else if (r === SLASH && !inClass) break;
      }
      if (text.charCodeAt(i) !== SLASH) return null;
      for (i++; i < n && isWordCode(text.charCodeAt(i)); i++);
    } else if (isWordCode(c)) {
      while (i < n && isWordCode(text.charCodeAt(i))) i++;
      word = true;
    } else {
      i++;
      if (c === OPEN_PAREN || c === OPEN_BRACKET || c === OPEN_BRACE) depth++;
      else if (c === CLOSE_PAREN || c === CLOSE_BRACKET || c === CLOSE_BRACE) {
        depth--;
        if (depth < 0) return null;
        if (c === CLOSE_BRACE && templates.length > 0 && templates[templates.length - 1] === depth) {
          // The end of a `${…}`: back into the template literal's text.
          templates.pop();
          i = templateTextEnd(text, i);
          if (i === -1) return null;
          if (text.charCodeAt(i - 1) === OPEN_BRACE) templates.push(depth++);
          token = BACKTICK;
        }
      }
    }
    if (unitCode === -1) {
      unitCode = at;
      onlyDecorators = token === AT;
    }
    codeEnd = i;
    last = token;
    wordStart = at;
    wordEnd = word ? i : at;
  }
  if (depth !== 0 || templates.length > 0) return null;
  if (unitCode !== -1) units.push({ start: unitStart, end: codeEnd, codeStart: unitCode });
  units.push({ start: units.length > 0 ? codeEnd : 0, end: n, codeStart: -1 });
  return units;
}

/** Whether a statement may start at offset `at`: at a line's start, or (with an `indent`) after exactly that indentation. */
function atLineStart(text: string, at: number, indent: string): boolean {
  return indent === '' ? at === 0 || text.charCodeAt(at - 1) === LF : startsIndented(text, at, indent);
}

/** Where a template literal's text from `from` ends: just past its closing backtick, or past its next `${` (the scan goes into that expression); -1 when it does not end. */
function templateTextEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === BACKTICK) return i + 1;
    else if (c === DOLLAR && text.charCodeAt(i + 1) === OPEN_BRACE) return i + 2;
  }
  return -1;
}

/** Whether a `/` after the token `last` (its first character; its word at `wordStart`..`wordEnd`) opens a regular expression rather than dividing. */
function opensRegex(text: string, last: number, wordStart: number, wordEnd: number): boolean {
  if (last === CLOSE_PAREN || last === CLOSE_BRACKET) return false;
  if (last === NONE || goesOn(last) || last === SEMICOLON || last === CLOSE_BRACE) return true;
  return wordEnd - wordStart <= LONGEST_BEFORE_REGEX && BEFORE_REGEX.has(text.slice(wordStart, wordEnd));
}

/** Whether the line holding offset `at` is `indent` up to it: code starting at that indentation. */
function startsIndented(text: string, at: number, indent: string): boolean {
  const lineStart = at - indent.length;
  return lineStart >= 0 && (lineStart === 0 || text.charCodeAt(lineStart - 1) === LF) && text.startsWith(indent, lineStart);
}
