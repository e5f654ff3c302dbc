import type { Coordinator } from '@parallel-cc/core-sessions';

/** What every tool call runs with: the server's environment and folder, and one shared database. */
export interface ToolContext {
  /** The server's environment: PARALLEL_CC_SESSION_ID names the calling session, PARALLEL_CC_HOME the database. */
  env: NodeJS.ProcessEnv;
  /** The server's working folder: the calling session is looked up by it when no id is set. */
  cwd: string;
  /** The coordinator database with every lib's tables, opened on first use and kept open. */
  coordinator(): Promise<Coordinator>;
  /** The current time (a seam for tests). */
  now(): Date;
}
