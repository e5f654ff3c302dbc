import { execFileText } from './exec-file';

/** The oldest git parallel-cc works with: `merge-tree --write-tree` came in 2.38. */
export const MIN_GIT_VERSION = '2.38.0';

/** Parses `git --version` output (`git version 2.39.5`, `git version 2.39.3 (Apple Git-146)`). */
export function parseGitVersion(output: string): string | null {
  return /git version (\d+\.\d+(?:\.\d+)?)/.exec(output)?.[1] ?? null;
}

/** Whether dotted version `a` is at least `b`. */
export function versionAtLeast(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** The installed git's version, or null when git is not found. */
export async function gitVersion(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  try {
    return parseGitVersion((await execFileText('git', ['--version'], { env })).stdout);
  } catch {
    return null;
  }
}
