import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import type { McpTool } from './tool';

/** A JSON Schema of an object, as MCP wants a tool's input and output schemas. */
export type ObjectJsonSchema = { type: 'object'; [key: string]: unknown };

/** A tool as `tools/list` describes it. */
export interface ListedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: ObjectJsonSchema;
  outputSchema: ObjectJsonSchema;
  annotations: McpTool['annotations'] & { title: string };
}

/** A valibot schema as JSON Schema (draft-07), typed as an object. */
function objectSchema(schema: v.GenericSchema): ObjectJsonSchema {
  const json = toJsonSchema(schema, { errorMode: 'ignore' }) as Record<string, unknown>;
  // MCP clients read the schema as it is; the draft marker only names the dialect.
  delete json['$schema'];
  // A variant (claim_file's granted or not) converts to a bare oneOf of objects: say it is one.
  return { ...json, type: 'object' };
}

/** The `tools/list` entries: each input and output schema converted to JSON Schema from its valibot schema. */
export function listTools(tools: readonly McpTool[]): ListedTool[] {
  return tools.map((tool) => ({
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: objectSchema(tool.input),
    outputSchema: objectSchema(tool.output),
    annotations: { title: tool.title, ...tool.annotations },
  }));
}
