import * as fs from 'node:fs';
import * as path from 'node:path';
import { IntegrationError } from '../errors';

/** Whether a path lies in npm's temporary npx cache, which is cleaned without notice. */
export function isInNpxCache(file: string): boolean {
  return /[/\\]_npx[/\\]/.test(file);
}

/**
 * The path installed hooks and the MCP entry should run: the `parallel-cc` on PATH when it is
 * this very program (a global install's link survives upgrades), else this program's real path.
 * Refuses a temporary npx cache, which would leave hooks pointing at nothing, and a program that
 * is not executable (a script run as `node file.js`), which a hook's shell could not start.
 */
export function stableBinaryPath(options: { running: string; env: NodeJS.ProcessEnv }): string {
  const running = fs.realpathSync(options.running);
  for (const candidate of pathCandidates('parallel-cc', options.env)) {
    try {
      if (fs.realpathSync(candidate) === running && !isInNpxCache(candidate)) return candidate;
    } catch {
      // not on this PATH entry
    }
  }
  if (isInNpxCache(running)) {
    throw new IntegrationError(
      'NPX_CACHE',
      'parallel-cc is running from a temporary npx cache, which npm may delete at any time; install it first with `npm install -g @parallel-cc/cli`, then run `parallel-cc install`.',
      { running },
    );
  }
  if (!isExecutable(running)) {
    throw new IntegrationError(
      'NOT_EXECUTABLE',
      `parallel-cc is running from ${running}, which is not executable (run as \`node ${path.basename(running)}\`), so hooks and the MCP entry could not start it: ` +
        'install it first (`npm install -g @parallel-cc/cli`, or `npm run install:global` in a clone), then run `parallel-cc install`.',
      { running },
    );
  }
  return running;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable file called `name` on env.PATH, the one a shell would run; null when there is none. */
export function executableOnPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const candidate of pathCandidates(name, env)) {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not on this PATH entry
    }
  }
  return null;
}

function pathCandidates(name: string, env: NodeJS.ProcessEnv): string[] {
  return (env.PATH ?? '').split(path.delimiter).flatMap((dir) => (dir ? [path.join(dir, name)] : []));
}
