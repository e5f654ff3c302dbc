import * as os from 'node:os';
import * as path from 'node:path';

/** The coordinator's home: `PARALLEL_CC_HOME`, defaulting to `~/.parallel-cc` (the HOME of `env`). */
export function coordinatorHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PARALLEL_CC_HOME) return path.resolve(env.PARALLEL_CC_HOME);
  return path.join(env.HOME || os.homedir(), '.parallel-cc');
}

/** The database file: `<home>/coordinator.db`. */
export function databasePath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(coordinatorHome(env), 'coordinator.db');
}
