import type { InputSchema, McpTool, OutputSchema } from '../tool';

/** A tool, with its `run` and `summary` typed by its own schemas, as an entry of a list of tools. */
export function defineTool<I extends InputSchema, O extends OutputSchema>(tool: McpTool<I, O>): McpTool {
  return tool as unknown as McpTool;
}
