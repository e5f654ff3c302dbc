/** `12.3 MB`, `512 B`: a byte count for people. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} ${units[0]}` : `${value.toFixed(1)} ${units[unit]}`;
}

/** `[########------------]  40%  4.0 MB of 10.0 MB`, the amounts as `amount` writes them (bytes by default). */
export function progressLine(label: string, done: number, total: number, width = 24, amount: (n: number) => string = formatBytes): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * width);
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${amount(done)} of ${amount(total)}`;
}

/**
 * Shows a byte count's progress on `stream`: on a terminal, one bar redrawn in place when the
 * whole percentage changes; elsewhere (a log, a pipe), one line when it is done.
 */
export function byteProgress(stream: NodeJS.WritableStream, label: string): (done: number, total: number) => void {
  const terminal = (stream as NodeJS.WriteStream).isTTY === true;
  let shown = -1;
  return (done, total) => {
    const percent = total > 0 ? Math.floor((100 * done) / total) : 100;
    const finished = done >= total;
    if (!terminal) {
      if (finished && shown < 100) stream.write(`${progressLine(label, done, total)}\n`);
      shown = finished ? 100 : shown;
      return;
    }
    if (percent === shown) return;
    shown = percent;
    stream.write(`\r${progressLine(label, done, total)}${finished ? '\n' : ''}`);
  };
}

/**
 * Shows how many of some steps are done, on a terminal only: one bar redrawn in place as the
 * count grows, wiped once all are done, so that what is printed next starts on a clean line.
 * Elsewhere (a log, a pipe) it prints nothing: the result says it all.
 */
export function countProgress(stream: NodeJS.WritableStream, label: string): (done: number, total: number) => void {
  if ((stream as NodeJS.WriteStream).isTTY !== true) return () => undefined;
  return (done, total) => {
    stream.write(done >= total ? '\r\x1b[K' : `\r${progressLine(label, done, total, 24, String)}`);
  };
}
