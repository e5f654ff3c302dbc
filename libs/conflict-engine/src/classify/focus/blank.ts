/** `piece` with every character but line breaks turned into a space: left out of a parse, lines and offsets kept. */
export function blank(piece: string): string {
  return piece.replace(/[^\n]+/g, (run) => ' '.repeat(run.length));
}
