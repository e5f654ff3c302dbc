// Reserved words never name a declaration that can be imported or called by name, and they fill
// every diff: leaving them out keeps the first filter sharp.
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with let static yield await async of from as ' +
    'type interface implements private protected public readonly declare abstract undefined string number boolean any unknown never'
  ).split(' '),
);

/** Every identifier-like word of `text` (`mul`, `$el`, `_private`: `[A-Za-z_$][\w$]*`) but reserved words: a cheap first filter before any parse. */
export function wordsOf(text: string): Set<string> {
  // A scan by character code: a regular expression's array of every word of a large diff costs twice as much.
  const words = new Set<string>();
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (!startsWord(text.charCodeAt(i))) continue;
    const start = i;
    while (i + 1 < n && inWord(text.charCodeAt(i + 1))) i++;
    const word = text.slice(start, i + 1);
    if (!RESERVED.has(word)) words.add(word);
  }
  return words;
}

/** `[A-Za-z_$]` */
function startsWord(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 36;
}

/** `[\w$]` */
function inWord(code: number): boolean {
  return startsWord(code) || (code >= 48 && code <= 57);
}

const DECLARED = /\b(?:function\*?|class|interface|type|enum|const|let|var|namespace|module)\s+([A-Za-z_$][\w$]*)/g;
const MEMBER = /^\s+(?:(?:public|protected|static|readonly|abstract|async|override|get|set)\s+)*\*?\s*([A-Za-z_$][\w$]*)\s*[?!]?\s*[(:=,<]/;

/** Whether an indented line is a statement rather than a member: a keyword first, or a call (`test('…', () => {`, `expect(x).toBe(1);`, `git(repo);`). */
function isStatement(line: string): boolean {
  if (/^\s*(?:const|let|var|function|return|await|yield|throw|if|for|while|switch|case|new|typeof|delete|else|do|try|catch)\b/.test(line)) return true;
  return /^\s*[\w$]+\s*\(\s*['"`\d[{]/.test(line) || /\)\s*\./.test(line) || /\);\s*$/.test(line);
}

/** Names lines of code may declare: those other files may reach, and those only the file itself can use. */
export interface DeclaredNames {
  /** On a line with `export`, or members (an indented `name(`, `name:`, `name =`, `name,`: methods, properties, enum members, export list items). */
  reachable: Set<string>;
  /** Top-level or local declarations without `export` (`function helper`, `const x`). */
  local: Set<string>;
}

/**
 * The names removed lines may declare: after a declaring keyword (`function mul`, `enum Color`),
 * at the start of an indented line before `(`, `:`, `=`, `,` or `<`, and inside the braces of an
 * export list. Removed lines that declare nothing (a changed statement, a call) cannot break a
 * name; a name declared without `export` can break only its own file.
 */
export function declaredNamesOf(text: string): DeclaredNames {
  const reachable = new Set<string>();
  const local = new Set<string>();
  for (const line of text.split('\n')) {
    const exported = /\bexport\b/.test(line);
    for (const m of line.matchAll(DECLARED)) (exported ? reachable : local).add(m[1]!);
    const member = MEMBER.exec(line)?.[1];
    if (member !== undefined && !isStatement(line)) reachable.add(member);
    const list = /\bexport\s+(?:type\s+)?\{([^}]*)\}?/.exec(line)?.[1];
    if (list !== undefined) for (const word of wordsOf(list)) reachable.add(word);
  }
  for (const word of RESERVED) {
    reachable.delete(word);
    local.delete(word);
  }
  return { reachable, local };
}
