import type { PccContext } from './context';

/** The stable code of a usage mistake (a command, option or value that cannot be used) in `--json` errors. */
export const USAGE_ERROR = 'USAGE_ERROR';

/** The code of a failure that is a bug in parallel-cc, in `--json` errors. */
export const INTERNAL_ERROR = 'INTERNAL';

/**
 * Writes a failure to stderr: one line `<bin>: <message>`, or with `--json` one line holding
 * `{"error": {"code", "message"}}` (and `stack` with `--verbose`), so scripts can read it.
 */
export function writeError(context: PccContext, options: { bin: string; json: boolean }, error: { code: string; message: string; stack?: string }): void {
  if (options.json) {
    context.stderr.write(`${JSON.stringify({ error })}\n`);
    return;
  }
  context.stderr.write(`${options.bin}: ${error.message}\n`);
  if (error.stack) context.stderr.write(`${error.stack}\n`);
}
