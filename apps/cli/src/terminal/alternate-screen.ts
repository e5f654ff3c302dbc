import { fitWidth } from './fit-width';

const ENTER = '\x1b[?1049h\x1b[?25l';
const LEAVE = '\x1b[?25h\x1b[?1049l';

/**
 * A full-screen view on a terminal: the alternate screen (what was on the terminal comes back on
 * `leave`), the cursor hidden, and the keyboard in raw mode so that single keys arrive at once.
 * `draw` redraws in place, cut to the terminal's size.
 */
export class AlternateScreen {
  private onData: ((chunk: Buffer | string) => void) | null = null;
  private rawBefore = false;
  private entered = false;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly input: NodeJS.ReadStream | undefined,
  ) {}

  /** Switches to the alternate screen and sends each key pressed to `onKey`. */
  enter(onKey: (key: string) => void): void {
    this.out.write(ENTER);
    this.entered = true;
    const input = this.input;
    if (input?.isTTY) {
      this.rawBefore = input.isRaw;
      input.setRawMode(true);
      this.onData = (chunk) => onKey(chunk.toString());
      input.on('data', this.onData);
      input.resume();
    }
  }

  /** Redraws the screen with `lines`, each cut to the terminal's width, as many as fit. */
  draw(lines: string[]): void {
    const width = this.out.columns || 80;
    const height = this.out.rows || 24;
    const shown = lines.slice(0, height).map((l) => `${fitWidth(l, width)}\x1b[K`);
    this.out.write(`\x1b[H${shown.join('\r\n')}\x1b[J`);
  }

  /** Gives the terminal back as it was: keyboard mode, cursor, and the screen's previous content. */
  leave(): void {
    if (!this.entered) return;
    this.entered = false;
    const input = this.input;
    if (input && this.onData) {
      input.off('data', this.onData);
      this.onData = null;
      if (input.isTTY) input.setRawMode(this.rawBefore);
      input.pause();
    }
    this.out.write(LEAVE);
  }
}
