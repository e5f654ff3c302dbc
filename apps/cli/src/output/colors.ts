import { createColors } from 'picocolors';
import type { PccContext } from '../context';

/** Colours for `context.stdout`: only on a terminal, never with NO_COLOR. */
export function colorsFor(context: Pick<PccContext, 'stdout' | 'env'>) {
  const tty = (context.stdout as NodeJS.WriteStream).isTTY === true;
  const enabled = tty && !context.env.NO_COLOR && context.env.TERM !== 'dumb';
  return createColors(enabled);
}
