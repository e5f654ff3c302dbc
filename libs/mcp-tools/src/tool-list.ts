import { toJsonSchema } from '@valibot/to-json-schema';
import type { McpTool } from './tool';

/** A tool as `tools/list` describes it. */
export interface ListedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: { type: 'object'; [key: string]: unknown };
  annotations: McpTool['annotations'] & { title: string };
}

/** The `tools/list` entries: each input schema converted to JSON Schema (draft-07) from its valibot schema. */
export function listTools(tools: readonly McpTool[]): ListedTool[] {
  return tools.map((tool) => {
    const schema = toJsonSchema(tool.input, { errorMode: 'ignore' }) as Record<string, unknown>;
    // MCP clients read the schema as it is; the draft marker only names the dialect.
    delete schema['$schema'];
    return {
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: { ...schema, type: 'object' },
      annotations: { title: tool.title, ...tool.annotations },
    };
  });
}
