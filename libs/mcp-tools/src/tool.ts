import type * as v from 'valibot';
import type { ToolContext } from './tool-context';

/** What MCP clients are told about a tool's effects (the spec's tool annotations). */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  /** True for tools that reach beyond the local machine (a language model). */
  openWorldHint: boolean;
}

/**
 * One MCP tool: a thin adapter over the libs. `input` is a valibot object schema whose keys are
 * snake_case (served as JSON Schema); `run` returns the structured result, which is also sent as
 * JSON text. A failure is thrown as a lib error (or {@link ToolFailure}) and becomes an `isError`
 * result whose message tells the model what to do.
 */
export interface McpTool<Schema extends v.ObjectSchema<v.ObjectEntries, undefined> = v.ObjectSchema<v.ObjectEntries, undefined>> {
  name: string;
  title: string;
  /** What it does and when to use it, written for a model. */
  description: string;
  input: Schema;
  annotations: ToolAnnotations;
  run(input: v.InferOutput<Schema>, context: ToolContext): Promise<Record<string, unknown>>;
}
