/** One object of `git cat-file --batch`'s answer: its contents, or null for a name git could not find. */
export type BatchObject = Buffer | null;

const LF = 0x0a;
// "<object id> <type> <size>": a name git found (anything else is "<name> missing" or "<name> ambiguous").
const FOUND = /^[0-9a-f]{40,64} [a-z]+ (\d+)$/;

/**
 * Reads `git cat-file --batch`'s output as it arrives, in chunks of any size, and hands out each
 * object in order. Each chunk is copied at most once: an object's bytes are joined when they are
 * all there, never once per chunk.
 */
export class BatchAnswerReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  // Bytes of contents (and the newline after them) the object being read still needs; -1 between objects.
  private size = -1;

  constructor(private readonly onObject: (object: BatchObject) => void) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.size === -1) {
        const data = this.joined();
        const newline = data.indexOf(LF);
        if (newline === -1) return;
        const size = FOUND.exec(data.subarray(0, newline).toString('utf8'))?.[1];
        this.rest(data, newline + 1);
        if (size === undefined) this.onObject(null);
        else this.size = Number(size);
      } else {
        if (this.buffered < this.size + 1) return;
        const data = this.joined();
        const object = data.subarray(0, this.size);
        this.rest(data, this.size + 1);
        this.size = -1;
        this.onObject(object);
      }
    }
  }

  private joined(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!;
  }

  private rest(data: Buffer, from: number): void {
    this.chunks = [data.subarray(from)];
    this.buffered = data.length - from;
  }
}

/** Every object of a whole `git cat-file --batch` answer, in order. */
export function batchObjects(output: Buffer): BatchObject[] {
  const objects: BatchObject[] = [];
  new BatchAnswerReader((object) => objects.push(object)).push(output);
  return objects;
}
