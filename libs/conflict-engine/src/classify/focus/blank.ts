// Spaces to slice a blanked line from: most lines are shorter.
const SPACES = ' '.repeat(4096);

/** `piece` with every character but line breaks turned into a space: left out of a parse, lines and offsets kept. */
export function blank(piece: string): string {
  const lines: string[] = [];
  let at = 0;
  for (;;) {
    const newline = piece.indexOf('\n', at);
    const length = (newline === -1 ? piece.length : newline) - at;
    lines.push(length <= SPACES.length ? SPACES.slice(0, length) : ' '.repeat(length));
    if (newline === -1) return lines.join('\n');
    at = newline + 1;
  }
}
