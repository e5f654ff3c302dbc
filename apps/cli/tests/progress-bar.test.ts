import { PassThrough } from 'node:stream';
import { byteProgress, countProgress, formatBytes, progressLine } from '../src/output/progress-bar';

function stream(isTTY: boolean): { stream: NodeJS.WritableStream; text: () => string } {
  const s = new PassThrough();
  let text = '';
  s.on('data', (d: Buffer) => (text += d.toString('utf8')));
  Object.assign(s, { isTTY });
  return { stream: s, text: () => text };
}

describe('upload progress', () => {
  it('draws a bar with the share and the sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(12_345_678)).toBe('12.3 MB');
    expect(progressLine('packing', 4_000_000, 10_000_000, 10)).toBe('packing [####------]  40%  4.0 MB of 10.0 MB');
    expect(progressLine('packing', 0, 0, 4)).toBe('packing [####] 100%  0 B of 0 B');
  });

  it('redraws in place on a terminal only when the percentage changes, and prints one line elsewhere', () => {
    const terminal = stream(true);
    const show = byteProgress(terminal.stream, 'p');
    for (let done = 0; done <= 1000; done += 1) show(done, 1000);
    expect(terminal.text().split('\r').filter(Boolean)).toHaveLength(101);
    expect(terminal.text().endsWith('100%  1.0 kB of 1.0 kB\n')).toBe(true);

    const piped = stream(false);
    const log = byteProgress(piped.stream, 'p');
    for (let done = 0; done <= 1000; done += 100) log(done, 1000);
    expect(piped.text()).toBe('p [########################] 100%  1.0 kB of 1.0 kB\n');
  });
});

describe('progress of a count', () => {
  it('redraws a bar of the count on a terminal and wipes it when all are done; prints nothing elsewhere', () => {
    const terminal = stream(true);
    const show = countProgress(terminal.stream, 'checking pairs');
    for (let done = 1; done <= 4; done++) show(done, 4);
    expect(terminal.text()).toBe(
      ['checking pairs [######------------------]  25%  1 of 4', 'checking pairs [############------------]  50%  2 of 4', 'checking pairs [##################------]  75%  3 of 4', '\x1b[K']
        .map((line) => `\r${line}`)
        .join(''),
    );

    const piped = stream(false);
    const log = countProgress(piped.stream, 'checking pairs');
    for (let done = 1; done <= 4; done++) log(done, 4);
    expect(piped.text()).toBe('');
  });
});
