/** Quotes a path for sh: single quotes, with any `'` inside written as `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
