// Reserved words never name a declaration that can be imported or called by name, and they fill
// every diff: leaving them out keeps the first filter sharp.
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with let static yield await async of from as ' +
    'type interface implements private protected public readonly declare abstract undefined string number boolean any unknown never'
  ).split(' '),
);

/** Every identifier-like word of `text` (`mul`, `$el`, `_private`) but reserved words: a cheap first filter before any parse. */
export function wordsOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const word of text.match(/[A-Za-z_$][\w$]*/g) ?? []) if (!RESERVED.has(word)) words.add(word);
  return words;
}

const DECLARED = /\b(?:function\*?|class|interface|type|enum|const|let|var|namespace|module)\s+([A-Za-z_$][\w$]*)/g;
const MEMBER = /^\s*(?:(?:export|default|declare|public|protected|static|readonly|abstract|async|override|get|set)\s+)*\*?\s*([A-Za-z_$][\w$]*)\s*[?!]?\s*[(:=,<]/;

/**
 * The names lines of code may declare: after a declaring keyword (`function mul`, `enum Color`),
 * at the start of a line before `(`, `:`, `=`, `,` or `<` (methods, properties, enum members,
 * items of a multi-line export list), and inside the braces of an export list. Removed lines
 * that declare nothing (a changed statement, a call) cannot break a name.
 */
export function declaredWordsOf(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    for (const m of line.matchAll(DECLARED)) names.add(m[1]!);
    const member = MEMBER.exec(line)?.[1];
    if (member !== undefined) names.add(member);
    const list = /\bexport\s+(?:type\s+)?\{([^}]*)\}?/.exec(line)?.[1];
    if (list !== undefined) for (const word of wordsOf(list)) names.add(word);
  }
  for (const word of RESERVED) names.delete(word);
  return names;
}
