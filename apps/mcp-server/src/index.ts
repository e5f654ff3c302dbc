// The programmatic face of @parallel-cc/mcp: everything exported here is public.
export { createServer, serveStdio } from '@parallel-cc/mcp-tools';
export type { ServerDeps, ParallelCcServer } from '@parallel-cc/mcp-tools';
export { version } from './version';
