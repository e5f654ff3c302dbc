import * as v from 'valibot';
import type { McpTool } from './tool';
import type { ToolContext } from './tool-context';
import { ToolFailure } from './tool-failure';

/** The `_meta` key of an `isError` result that holds the failure's stable code (e.g. NO_SESSION). */
export const ERROR_CODE_META_KEY = 'parallel-cc/errorCode';

/** A `tools/call` result as the MCP spec shapes it. */
export interface ToolResult {
  [key: string]: unknown;
  content: Array<{ type: 'text'; text: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  _meta?: Record<string, unknown>;
}

/** The lib errors a tool may throw: a stable `code` and a message meant for people (and models). */
function isCodedError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * An `isError` result: what went wrong and what to do, for the model to read. It carries no
 * `structuredContent` (a client checks that against the tool's output schema, which describes
 * success); the stable code rides in `_meta` for programs.
 */
export function errorResult(message: string, code?: string): ToolResult {
  return { content: [{ type: 'text', text: message }], isError: true, _meta: { [ERROR_CODE_META_KEY]: code ?? 'FAILED' } };
}

function describeIssues(issues: v.BaseIssue<unknown>[], fallback: string): string {
  return issues
    .map((issue) => {
      const where = issue.path?.map((p) => String(p.key)).join('.') || fallback;
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * Runs one tool: validates the arguments against its input schema, runs it, and checks the result
 * against its output schema, which also drops any field the schema does not declare. The result
 * goes out as `structuredContent`, with the tool's short summary as the text. Invalid arguments
 * and every failure come back as `isError` results with a message the model can act on; only a
 * bug in the tool (an error without a code, a result its schema refuses) is reported as such,
 * with its message, never its stack.
 */
export async function callTool(tool: McpTool, args: unknown, context: ToolContext): Promise<ToolResult> {
  const parsed = v.safeParse(tool.input, args ?? {});
  if (!parsed.success) {
    const fields = Object.keys(tool.input.entries).join(', ');
    const message = `Invalid arguments for ${tool.name}: ${describeIssues(parsed.issues, 'arguments')}. It takes ${fields || 'no arguments'}.`;
    return errorResult(message, 'INVALID_INPUT');
  }
  let result: unknown;
  try {
    result = await tool.run(parsed.output, context);
  } catch (error) {
    if (error instanceof ToolFailure || isCodedError(error)) return errorResult(error.message, error.code);
    const message = error instanceof Error ? error.message : String(error);
    return errorResult(`${tool.name} failed unexpectedly (a bug in parallel-cc): ${message}`, 'INTERNAL');
  }
  const output = v.safeParse(tool.output, result);
  if (!output.success) {
    const issues = describeIssues(output.issues, 'result');
    return errorResult(`${tool.name} returned a result its output schema refuses (a bug in parallel-cc): ${issues}`, 'INTERNAL');
  }
  return { content: [{ type: 'text', text: tool.summary(output.output) }], structuredContent: output.output };
}
