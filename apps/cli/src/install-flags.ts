import { UsageError } from 'clipanion';

// A flag that decides what `install` does, and what that is: it cannot be combined with the
// flags listed after it, which ask for something else.
const EXCLUSIVE: Array<{ flag: string; does: string; excludes: string[] }> = [
  {
    flag: '--status',
    does: 'only reports what is installed',
    excludes: ['--uninstall', '--interactive', '--dry-run', '--all', '--hooks', '--global', '--local', '--alias', '--mcp'],
  },
  {
    flag: '--uninstall',
    does: 'removes every piece parallel-cc added, for every shell',
    excludes: ['--interactive', '--all', '--hooks', '--global', '--local', '--alias', '--mcp', '--shell'],
  },
  { flag: '--interactive', does: 'asks which pieces to install', excludes: ['--all', '--hooks', '--global', '--local', '--alias', '--mcp'] },
  { flag: '--global', does: 'puts the hooks in ~/.claude/settings.json, --local in the repository', excludes: ['--local'] },
];

/** Refuses (a usage error naming both) the first pair of `install` flags that make no sense together. */
export function assertInstallFlagsAgree(given: ReadonlySet<string>): void {
  for (const { flag, does, excludes } of EXCLUSIVE) {
    if (!given.has(flag)) continue;
    const other = excludes.find((f) => given.has(f));
    if (other) throw new UsageError(`${flag} and ${other} cannot be used together: ${flag} ${does}.`);
  }
}
