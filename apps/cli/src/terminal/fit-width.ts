// An ANSI escape sequence (colours, cursor moves): no width on screen. Matching ESC is the point here.
// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b\[[0-9;?]*[A-Za-z]/y;

/** `line` cut to `width` visible characters, its colour codes kept (and reset when cut). */
export function fitWidth(line: string, width: number): string {
  let out = '';
  let visible = 0;
  let i = 0;
  while (i < line.length) {
    ESCAPE.lastIndex = i;
    const escape = ESCAPE.exec(line);
    if (escape) {
      out += escape[0];
      i += escape[0].length;
      continue;
    }
    if (visible === width) return `${out}\x1b[0m`;
    const char = String.fromCodePoint(line.codePointAt(i) ?? 0);
    out += char;
    visible += 1;
    i += char.length;
  }
  return out;
}
