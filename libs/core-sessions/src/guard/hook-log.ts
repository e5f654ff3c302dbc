import * as fs from 'node:fs';
import * as path from 'node:path';
import { coordinatorHome } from '../db/paths';

/** Appends a hook's failure to `$PARALLEL_CC_HOME/logs/hooks.log`; never throws (logging must not fail a hook either). */
export function logHookFailure(env: NodeJS.ProcessEnv, name: string, error: unknown): void {
  try {
    const dir = path.join(coordinatorHome(env), 'logs');
    fs.mkdirSync(dir, { recursive: true });
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    fs.appendFileSync(path.join(dir, 'hooks.log'), `${new Date().toISOString()} hook ${name} failed: ${message.slice(0, 2000)}\n`);
  } catch {
    // Nothing left to tell.
  }
}
