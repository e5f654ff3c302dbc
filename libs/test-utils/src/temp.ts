import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];

/** A new empty folder under the system temp dir (real path, so macOS /private symlinks do not differ). */
export function makeTempDir(prefix = 'pcc-test-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

/** Removes every folder made by {@link makeTempDir} in this test file. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A temporary `HOME` and `PARALLEL_CC_HOME`, with the environment a child process should get. */
export interface TempHome {
  home: string;
  pccHome: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

/**
 * Makes a temp home; `env` is the current environment with HOME, PARALLEL_CC_HOME, NO_COLOR and a
 * git identity set, none of the machine's other PARALLEL_CC_* settings, and no real gtr on PATH
 * (so worktrees are made with plain git unless a test installs a fake gtr).
 */
export function makeTempHome(): TempHome {
  const root = makeTempDir('pcc-home-');
  const home = path.join(root, 'home');
  const pccHome = path.join(root, 'pcc-home');
  fs.mkdirSync(home, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...gitIdentityEnv(),
    HOME: home,
    PARALLEL_CC_HOME: pccHome,
    NO_COLOR: '1',
  };
  for (const key of Object.keys(env)) {
    if (key.startsWith('PARALLEL_CC_') && key !== 'PARALLEL_CC_HOME') delete env[key];
  }
  env.PATH = (env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => dir && !['gtr', 'git-gtr'].some((exe) => fs.existsSync(path.join(dir, exe))))
    .join(path.delimiter);
  // Nx sets FORCE_COLOR for its children; node then warns that NO_COLOR is ignored.
  delete env.FORCE_COLOR;
  return { home, pccHome, env, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** Environment variables that give git an identity and no signing, whatever the user's config says. */
export function gitIdentityEnv(): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
  };
}
