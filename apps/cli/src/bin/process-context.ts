import { Cli } from 'clipanion';
import type { PccContext } from '../context';

/** The real process's streams, environment and folder, as a command context. */
export function processContext(): PccContext {
  return { ...Cli.defaultContext, env: process.env, cwd: process.cwd() };
}
