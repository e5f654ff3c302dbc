// Counts the git processes code under test starts, whichever runner starts them: a `git` placed
// first on PATH logs its arguments, then runs the real git.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir } from '@parallel-cc/test-utils';

/** The real git, found on PATH as the code under test would find it. */
function realGit(): string {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'git');
    if (dir && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error('git is not on PATH');
}

/** Runs `fn` with the logging git first on PATH; resolves to its result and each git call's arguments. */
export async function withGitCalls<T>(fn: () => Promise<T>): Promise<{ result: T; calls: string[][] }> {
  const dir = makeTempDir('pcc-git-shim-');
  const log = path.join(dir, 'calls.log');
  fs.writeFileSync(log, '');
  // One short line per call, appended in one write: processes running at once do not interleave.
  fs.writeFileSync(path.join(dir, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit()}' "$@"\n`, { mode: 0o755 });
  const before = process.env['PATH'];
  process.env['PATH'] = `${dir}${path.delimiter}${before ?? ''}`;
  try {
    const result = await fn();
    // Every git process has exited by now: the code under test awaited each one.
    const calls = fs.readFileSync(log, 'utf8').split('\n').filter((line) => line !== '').map((line) => line.split(' '));
    return { result, calls };
  } finally {
    if (before === undefined) delete process.env['PATH'];
    else process.env['PATH'] = before;
  }
}

/** How many of `calls` ran the git subcommand `name` (`merge-tree`, `merge-base`, …), global options such as `-c` skipped. */
export function countOf(calls: string[][], name: string): number {
  return calls.filter((args) => subcommandOf(args) === name).length;
}

/** The git subcommand a call ran: its first word that is not a global option. */
export function subcommandOf(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c' || args[i] === '-C') i++;
    else if (!args[i]!.startsWith('-')) return args[i];
  }
  return undefined;
}
