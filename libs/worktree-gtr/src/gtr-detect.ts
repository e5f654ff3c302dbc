import * as fs from 'node:fs';
import * as path from 'node:path';
import { runGtr } from './run-gtr';

/** An installed gtr: v1 is the `gtr` binary, v2 is `git gtr` (a `git-gtr` executable on PATH). */
export interface GtrInstall {
  major: 1 | 2;
  version: string;
  /** The program and leading arguments that start gtr: `['gtr']` or `['git', 'gtr']`. */
  command: [string, ...string[]];
}

/** Finds an executable named `name` on `PATH` without starting a process. */
export function findOnPath(name: string, envPath = process.env.PATH ?? ''): string | null {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Parses `gtr version` / `git gtr version` output such as `git gtr version 2.11.0`. */
export function parseGtrVersion(output: string): string | null {
  return /version\s+v?(\d+\.\d+(?:\.\d+)?)/.exec(output)?.[1] ?? null;
}

/** Detects gtr: v2 (`git gtr`) first, then v1 (`gtr`); null when neither is installed. */
export async function detectGtr(env: NodeJS.ProcessEnv = process.env): Promise<GtrInstall | null> {
  const candidates: Array<{ exe: string; command: [string, ...string[]] }> = [
    { exe: 'git-gtr', command: ['git', 'gtr'] },
    { exe: 'gtr', command: ['gtr'] },
  ];
  for (const { exe, command } of candidates) {
    if (!findOnPath(exe, env.PATH)) continue;
    try {
      const { stdout } = await runGtr(command, ['version'], { env });
      const version = parseGtrVersion(stdout);
      if (!version) continue;
      const major = Number(version.split('.')[0]) >= 2 ? 2 : 1;
      return { major, version, command };
    } catch {
      // an executable that does not answer `version` is not gtr
    }
  }
  return null;
}
