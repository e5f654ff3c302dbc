/**
 * The line of git's stderr that says what went wrong (`fatal: …` or `error: …`), else its first
 * line: git may print progress ("Preparing worktree …") before it.
 */
export function gitComplaint(stderr: string): string {
  const lines = stderr.trim().split('\n');
  return lines.find((line) => /^(fatal|error):/.test(line)) ?? lines[0] ?? '';
}

/** `lines` as a git command's stdin: each ended by a newline. */
export function stdinLines(lines: Iterable<string>): string {
  return [...lines].map((line) => `${line}\n`).join('');
}
