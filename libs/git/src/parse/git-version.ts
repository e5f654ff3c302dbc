/** Reads `git --version` output (`git version 2.39.5`, `git version 2.39.3 (Apple Git-146)`) as `2.39.5`; null when it is not git's. */
export function parseGitVersion(output: string): string | null {
  return /git version (\d+\.\d+(?:\.\d+)?)/.exec(output)?.[1] ?? null;
}
