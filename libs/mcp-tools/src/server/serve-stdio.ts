import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createServer } from './create-server';
import type { ServerDeps } from './create-server';

/**
 * Serves MCP over stdin/stdout until the client goes away. stdout carries protocol only: every
 * log goes to stderr. Resolves when the connection closes, after the database is closed.
 */
export async function serveStdio(deps: ServerDeps = {}): Promise<void> {
  const { server, close } = createServer(deps);
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
  });
  server.onerror = (error) => process.stderr.write(`parallel-cc-mcp: ${error.message}\n`);
  await server.connect(new StdioServerTransport());
  process.stdin.once('end', () => void server.close());
  // A client that closed its end mid-reply is gone: the reply is dropped and the server closes.
  process.stdout.on('error', () => void server.close());
  await closed;
  await close();
}
