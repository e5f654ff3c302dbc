/**
 * Claude Code's subcommands: none of them is a working session. Read from `claude --help` of
 * Claude Code 2.1.197, plus `config` and `migrate-installer` of earlier versions. Kept here
 * rather than asked of `claude --help` on every start, which takes about a second.
 */
export const CLAUDE_SUBCOMMANDS: readonly string[] = [
  'agents',
  'auth',
  'auto-mode',
  'config',
  'doctor',
  'gateway',
  'install',
  'mcp',
  'migrate-installer',
  'plugin',
  'plugins',
  'project',
  'setup-token',
  'ultrareview',
  'update',
  'upgrade',
];

// Flags with which Claude Code prints something and exits, wherever they stand before `--`.
const PRINT_AND_EXIT_FLAGS = new Set(['--help', '-h', '--version', '-v']);

/** Whether `claude <args>` starts a working session (false for `--version`, `mcp list`, `doctor`, …). */
export function claudeStartsSession(args: readonly string[]): boolean {
  const first = args[0];
  if (first !== undefined && CLAUDE_SUBCOMMANDS.includes(first)) return false;
  return !optionsOf(args).some((a) => PRINT_AND_EXIT_FLAGS.has(a));
}

/**
 * Whether `claude <args>` makes its own worktree: `-w`/`--worktree`, with or without a name
 * (`-w NAME`, `-wNAME`, `-w=NAME`, `--worktree NAME`, `--worktree=NAME`), before any `--`.
 */
export function claudeMakesWorktree(args: readonly string[]): boolean {
  return optionsOf(args).some((a) => a === '--worktree' || a.startsWith('--worktree=') || /^-w/.test(a));
}

// The arguments Claude Code reads as options: everything before a `--`.
function optionsOf(args: readonly string[]): readonly string[] {
  return args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
}
