import type { BaseContext } from 'clipanion';

/** What every command reads instead of globals, so tests can run the CLI in-process with their own streams. */
export interface PccContext extends BaseContext {
  /** The folder the command was started in. */
  cwd: string;
}
