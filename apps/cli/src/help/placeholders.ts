// What each option's value is called in help (`--onto <branch>`): clipanion has no placeholder of
// its own and prints `#0`. An option not named here shows its own name (`--template <template>`).
const BY_OPTION: Record<string, string> = {
  '--agent': 'command',
  '--apply': 'id',
  '--auth-method': 'method',
  '--branch': 'branch',
  '--concurrency': 'n',
  '--limit': 'n',
  '--older-than': 'days',
  '--onto': 'branch',
  '--pid': 'n',
  '--port': 'n',
  '--prompt': 'text',
  '--prompt-file': 'file',
  '--repo': 'path',
  '--session-id': 'id',
  '--target': 'branch',
  '--target-branch': 'branch',
  '--timeout': 'minutes',
  '--ttl': 'seconds',
  '--with': 'branch',
  '--worktree': 'path',
};

// The same option with a different meaning in one command, keyed by command path and option.
const BY_COMMAND: Record<string, string> = {
  'watch-merges --interval': 'seconds',
  'sandbox logs --interval': 'ms',
};

/** How the value of `option` (its long name) of the command at `commandPath` is shown in help, without brackets. */
export function placeholderFor(commandPath: string, option: string): string {
  return BY_COMMAND[`${commandPath} ${option}`] ?? BY_OPTION[option] ?? option.replace(/^-+/, '');
}
