// The public API of @parallel-cc/mcp-tools: everything exported here is public.
export { callTool, ERROR_CODE_META_KEY } from './call-tool';
export type { ToolResult } from './call-tool';
export { listTools } from './tool-list';
export type { ListedTool } from './tool-list';
export type { McpTool, ToolAnnotations, InputSchema, OutputSchema } from './tool';
export type { ToolContext } from './tool-context';
export { ToolFailure } from './tool-failure';
export { createServer } from './server/create-server';
export type { ServerDeps, ParallelCcServer } from './server/create-server';
export { serveStdio } from './server/serve-stdio';
export { openAllTables } from './server/open-all-tables';
export { allTools } from './tools/all-tools';
