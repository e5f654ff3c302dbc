import type * as v from 'valibot';
import type { McpTool } from '../tool';

/** A tool, with its `run` input typed by its own schema, as an entry of a list of tools. */
export function defineTool<S extends v.ObjectSchema<v.ObjectEntries, undefined>>(tool: McpTool<S>): McpTool {
  return tool as unknown as McpTool;
}
