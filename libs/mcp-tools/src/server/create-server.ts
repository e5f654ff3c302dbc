import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Coordinator } from '@parallel-cc/core-sessions';
import { callTool } from '../call-tool';
import type { McpTool } from '../tool';
import type { ToolContext } from '../tool-context';
import { listTools } from '../tool-list';
import { allTools } from '../tools/all-tools';
import { openAllTables } from './open-all-tables';

/** What the server runs with; every field has a default, so `createServer()` serves the real thing. */
export interface ServerDeps {
  /** The environment tools read (PARALLEL_CC_SESSION_ID, PARALLEL_CC_HOME); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The folder the calling session is looked up by; default process.cwd(). */
  cwd?: string;
  /** Opens the database; default: the coordinator with every lib's tables, opened on the first call that needs it. */
  openCoordinator?: () => Promise<Coordinator>;
  tools?: readonly McpTool[];
  version?: string;
  now?: () => Date;
}

/** A server and the way to stop it (closing its database too). */
export interface ParallelCcServer {
  server: Server;
  close(): Promise<void>;
}

const INSTRUCTIONS = [
  'parallel-cc coordinates several coding sessions on one git repository, each in its own worktree and branch.',
  'Start with get_my_session and get_parallel_status; claim files with claim_file before changing them;',
  'preview_session_conflicts shows which sessions would conflict before anyone merges;',
  'get_notifications delivers messages from other sessions when your client has no hooks.',
].join(' ');

/**
 * The parallel-cc MCP server: `tools/list` and `tools/call` over the given tools. No side effects:
 * nothing is opened until a tool needs the database, and nothing is connected — pass a transport
 * to `server.connect`. Unknown tools are protocol errors (InvalidParams); everything else a tool
 * meets comes back as an `isError` result, and the server keeps serving.
 */
export function createServer(deps: ServerDeps = {}): ParallelCcServer {
  const tools = deps.tools ?? allTools;
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  const env = deps.env ?? process.env;
  let opening: Promise<Coordinator> | undefined;
  const context: ToolContext = {
    env,
    cwd: deps.cwd ?? process.cwd(),
    coordinator: () => {
      opening ??= (deps.openCoordinator ?? (() => openAllTables(env)))();
      // A failed open is retried by the next call instead of failing every call after it.
      opening.catch(() => (opening = undefined));
      return opening;
    },
    now: deps.now ?? (() => new Date()),
  };
  const server = new Server(
    { name: 'parallel-cc', version: deps.version ?? '0.0.0' },
    { capabilities: { tools: {} }, instructions: INSTRUCTIONS },
  );
  const listed = listTools(tools);
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listed }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const tool = byName.get(request.params.name);
    if (!tool) {
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}. Call tools/list for the ${tools.length} tools there are.`);
    }
    return callTool(tool, request.params.arguments, context);
  });
  return {
    server,
    async close() {
      await server.close();
      const open = opening;
      opening = undefined;
      if (open) await (await open.catch(() => null))?.close();
    },
  };
}
