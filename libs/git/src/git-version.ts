import * as os from 'node:os';
import { parseGitVersion } from './parse/git-version';
import { runGit } from './run-git';

/** The oldest git parallel-cc works with: `merge-tree --write-tree` came in 2.38. */
export const MIN_GIT_VERSION = '2.38.0';

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

/** The version of the git found on `env.PATH`, or null when there is none. */
export async function gitVersion(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  try {
    // Any folder will do for --version; the temp folder exists even when the current one was deleted.
    const result = await runGit(os.tmpdir(), ['--version'], { env });
    return result.exitCode === 0 ? parseGitVersion(result.stdout) : null;
  } catch {
    return null;
  }
}
