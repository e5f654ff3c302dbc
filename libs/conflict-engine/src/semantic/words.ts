/** Every identifier-like word of `text` (`mul`, `$el`, `_private`): a cheap first filter before any parse. */
export function wordsOf(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z_$][\w$]*/g) ?? []);
}
