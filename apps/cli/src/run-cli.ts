import { createCli } from './cli';
import type { PccContext } from './context';
import { explainParseError } from './dispatch/explain-parse-error';
import { route } from './dispatch/route';
import { INTERNAL_ERROR, USAGE_ERROR, writeError } from './error-output';
import type { PccCli } from './help/pcc-cli';
import { colorsFor } from './output/colors';

/** Library failures a user can act on: they carry a stable string `code`. */
interface CodedError extends Error {
  code: string;
}

// Codes that mean the user's input was wrong rather than the operation failing.
const USAGE_CODES = new Set(['INVALID_INPUT', 'INVALID_REF', 'PATH_OUTSIDE_REPOSITORY', 'SESSION_ID_AMBIGUOUS']);

/**
 * Runs the CLI with the project's error boundary: a usage mistake prints one line and exits 2, a
 * library failure prints its message and exits 1, anything else is reported as a bug (the stack
 * only with `--verbose`). Errors go to stderr, as one JSON object with `--json`; stdout carries only data.
 */
export async function runCli(argv: string[], context: PccContext, cli: PccCli = createCli({ colors: colorsFor(context).isColorSupported })): Promise<number> {
  // `--verbose` and `--json` are ours only before `--`: what follows belongs to the agent of `run`.
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const verbose = argv.slice(0, end).includes('--verbose');
  const output = { bin: cli.binaryName, json: argv.slice(0, end).includes('--json') };
  const routed = route(
    argv.filter((a, i) => i >= end || a !== '--verbose'),
    cli,
  );
  if ('print' in routed) {
    context.stdout.write(routed.print);
    return 0;
  }
  if ('usageError' in routed) {
    writeError(context, output, { code: USAGE_ERROR, message: routed.usageError });
    return 2;
  }
  let command;
  try {
    command = cli.process(routed.args, context);
  } catch (error) {
    writeError(context, output, { code: USAGE_ERROR, message: explainParseError(error, routed.args, cli) });
    return 2;
  }
  if (command.help) {
    context.stdout.write(cli.usage(command, { detailed: true }));
    return 0;
  }
  command.context = context;
  command.cli = {
    binaryLabel: cli.binaryLabel,
    binaryName: cli.binaryName,
    binaryVersion: cli.binaryVersion,
    enableCapture: false,
    enableColors: cli.enableColors,
    definitions: () => cli.definitions(),
    error: (e, opts) => cli.error(e, opts),
    format: (colored) => cli.format(colored),
    process: (input, sub) => cli.process(input, { ...context, ...sub }),
    run: (input, sub) => runCli(input, { ...context, ...sub } as PccContext, cli),
    usage: (c, opts) => cli.usage(c, opts),
  };
  try {
    return await command.validateAndExecute();
  } catch (error) {
    if (isUsageError(error)) {
      writeError(context, output, { code: USAGE_ERROR, message: firstLine(error) });
      return 2;
    }
    if (isCodedError(error)) {
      writeError(context, output, { code: error.code, message: error.message, ...(verbose && error.stack ? { stack: error.stack } : {}) });
      return USAGE_CODES.has(error.code) ? 2 : 1;
    }
    const err = error instanceof Error ? error : new Error(String(error));
    const hint = verbose ? '' : ' Run again with --verbose for the stack trace.';
    writeError(context, output, {
      code: INTERNAL_ERROR,
      message: `internal error: ${err.message}\nThis is a bug in parallel-cc.${hint}`,
      ...(verbose && err.stack ? { stack: err.stack } : {}),
    });
    return 1;
  }
}

function isUsageError(error: unknown): boolean {
  const meta = (error as { clipanion?: { type?: string } } | null)?.clipanion;
  return meta?.type === 'usage' || (error instanceof Error && error.name === 'UsageError');
}

function isCodedError(error: unknown): error is CodedError {
  // Every lib's error class carries a stable upper-case `code` and a `data` payload (STYLE.md);
  // Node's own errors (ENOENT, …) have no `data`.
  return (
    error instanceof Error &&
    typeof (error as Partial<CodedError>).code === 'string' &&
    /^[A-Z][A-Z_]+$/.test((error as CodedError).code) &&
    'data' in error
  );
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n')[0] ?? text;
}
