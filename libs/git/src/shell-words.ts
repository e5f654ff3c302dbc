// Characters a POSIX shell reads as themselves in a word: a word of only these is shown bare.
const PLAIN = /^[A-Za-z0-9_./:=@%+,-]+$/;

/**
 * `arg` as one word of a POSIX shell command line, for a command shown to a person to copy: bare
 * when every character stands for itself (and it does not start with `=`, which zsh expands),
 * else in single quotes (the empty word too), each `'` written as `'\''`. Pasted into sh, bash or zsh, the program gets
 * `arg` unchanged, whatever a branch name or path holds (`$(…)`, spaces, quotes).
 */
export function shellWord(arg: string): string {
  if (PLAIN.test(arg) && !arg.startsWith('=')) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The command line that runs `argv` exactly (see {@link shellWord}). */
export function commandLine(argv: readonly string[]): string {
  return argv.map(shellWord).join(' ');
}
