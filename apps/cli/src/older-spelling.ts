import type { PccContext } from './context';

/**
 * Says once, on stderr, how a mode given by its older flag (`conflicts --history`) is spelled now
 * (`conflicts history`): scripts that use the flag keep working, and their stdout stays as it was.
 */
export function sayNewSpelling(context: PccContext, bin: string, older: string, now: string): void {
  context.stderr.write(`${bin}: \`${older}\` is now \`${bin} ${now}\`\n`);
}
