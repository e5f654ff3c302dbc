import type { LiveState, LiveStateChange } from '@parallel-cc/live-state';
import type { PccContext } from '../../context';
import { colorsFor } from '../../output/colors';
import { AlternateScreen } from '../../terminal/alternate-screen';

/** What `status --watch` watches and how it prints. */
export interface WatchStatusOptions {
  /** One repository's main checkout, or every repository of the home. */
  repoRoot: string | undefined;
  json: boolean;
}

// Keys that quit the full-screen view: q, Q, Ctrl-C (raw mode delivers it as a byte, not SIGINT).
const QUIT_KEYS = new Set(['q', 'Q', '\x03']);
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * `status --watch`: on a terminal, the sessions and their collision grid on the alternate screen,
 * redrawn in place on each change until `q` or Ctrl-C; otherwise one block of lines per change
 * (with `json`, one JSON object a line), until a signal ends it or stdout closes. Exit code 0.
 */
export async function watchStatus(context: PccContext, options: WatchStatusOptions): Promise<number> {
  const { watchLiveState } = await import('@parallel-cc/live-state');
  const { plural } = await import('@parallel-cc/core-sessions');
  const { watchScreenLines } = await import('../../output/watch-screen');
  const out = context.stdout as NodeJS.WriteStream;
  const fullScreen = out.isTTY === true && !options.json;
  const colors = colorsFor(context);

  let quit: () => void = () => undefined;
  const quitting = new Promise<void>((resolve) => (quit = resolve));
  const changes: LiveStateChange[] = [];
  let wake: () => void = () => undefined;
  const watch = watchLiveState({ env: context.env, repoRoot: options.repoRoot }, (change) => {
    changes.push(change);
    wake();
  });
  const screen = fullScreen ? new AlternateScreen(out, context.stdin as NodeJS.ReadStream) : null;
  const header = `${colors.bold('parallel-cc status --watch')}  ${colors.dim('q quits')}`;
  const draw = (state: LiveState) => screen?.draw([`${header}  ${colors.dim(`updated ${new Date().toLocaleTimeString()}`)}`, '', ...watchScreenLines(state, colors, plural)]);
  const onResize = () => {
    const state = watch.current();
    if (state) draw(state);
  };
  const onKey = (key: string) => {
    if (QUIT_KEYS.has(key)) quit();
  };
  const onSignal = () => quit();
  const onOutputError = () => quit();

  for (const signal of SIGNALS) process.on(signal, onSignal);
  out.on('error', onOutputError);
  try {
    const first = await watch.ready;
    if (screen) {
      screen.enter(onKey);
      out.on('resize', onResize);
      draw(first);
    } else {
      printBlock(context, options.json, { part: 'initial', repo: null, state: first }, watchScreenLines(first, colors, plural));
    }
    for (;;) {
      const next = new Promise<void>((resolve) => (wake = resolve));
      if (changes.length === 0 && (await Promise.race([quitting.then(() => 'quit'), next.then(() => 'change')])) === 'quit') break;
      // Changes that came together make one redraw, or one block each when printing lines.
      const batch = changes.splice(0);
      const last = batch[batch.length - 1];
      if (!last) continue;
      if (screen) draw(last.state);
      else for (const change of batch) printBlock(context, options.json, change, watchScreenLines(change.state, colors, plural));
    }
  } finally {
    for (const signal of SIGNALS) process.off(signal, onSignal);
    out.off('resize', onResize);
    out.off('error', onOutputError);
    screen?.leave();
    await watch.close();
  }
  return 0;
}

/** One change as printed when stdout is not a terminal: a header line and the screen's lines, or one JSON line. */
function printBlock(context: PccContext, json: boolean, change: { part: string; repo: string | null; state: LiveState }, lines: string[]): void {
  if (json) {
    context.stdout.write(`${JSON.stringify(change)}\n`);
    return;
  }
  const about = change.repo ? ` ${change.repo}` : '';
  context.stdout.write(`--- ${new Date().toISOString()} ${change.part}${about}\n${lines.join('\n')}\n`);
}
