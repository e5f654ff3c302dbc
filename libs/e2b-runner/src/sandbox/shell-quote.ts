// E2B's `commands.run` takes one shell string. It is only ever built here, from an argument
// array, each argument quoted so that the shell hands it to the program unchanged.

/**
 * Quotes `arg` for a POSIX shell: wrapped in single quotes, inside which nothing is special,
 * with each `'` written as `'\''` (close, an escaped quote, reopen). NUL cannot be passed in argv.
 */
export function quoteShellArg(arg: string): string {
  if (arg.includes('\0')) throw new TypeError('A command-line argument cannot contain a NUL byte.');
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The shell command that runs `argv` exactly: every element quoted by {@link quoteShellArg}. */
export function shellCommand(argv: readonly string[]): string {
  if (argv.length === 0) throw new TypeError('A command needs at least the program to run.');
  return argv.map(quoteShellArg).join(' ');
}
