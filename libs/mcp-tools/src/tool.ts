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

/** A tool's input: a valibot object schema whose keys are snake_case. */
export type InputSchema = v.ObjectSchema<v.ObjectEntries, undefined>;

/** A tool's result: a valibot schema of an object (or a variant of objects), camelCase keys. */
export type OutputSchema = v.GenericSchema<Record<string, unknown>>;

/**
 * One MCP tool: a thin adapter over the libs. `input` is served as the tool's JSON Schema and
 * `output` as its outputSchema; `run` returns the structured result (`structuredContent`), and
 * `summary` turns it into the text content: a line or a few that a model can act on, the data
 * staying in `structuredContent` only. A failure is thrown as a lib error (or {@link ToolFailure})
 * and becomes an `isError` result whose message tells the model what to do.
 */
export interface McpTool<Input extends InputSchema = InputSchema, Output extends OutputSchema = OutputSchema> {
  name: string;
  title: string;
  /** What it does and when to use it, written for a model. */
  description: string;
  input: Input;
  output: Output;
  annotations: ToolAnnotations;
  run(input: v.InferOutput<Input>, context: ToolContext): Promise<v.InferInput<Output>>;
  /** The text content of a successful call: what a model needs to act, in a line or a few. */
  summary(output: v.InferOutput<Output>): string;
}
