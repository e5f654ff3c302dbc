import * as v from 'valibot';
import type { McpTool } from './tool';
import type { ToolContext } from './tool-context';
import { ToolFailure } from './tool-failure';

/** A `tools/call` result as the MCP spec shapes it. */
export interface ToolResult {
  [key: string]: unknown;
  content: Array<{ type: 'text'; text: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** The lib errors a tool may throw: a stable `code` and a message meant for people (and models). */
function isCodedError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/** An `isError` result: what went wrong and what to do, for the model to read. */
export function errorResult(message: string, code?: string): ToolResult {
  return {
    content: [{ type: 'text', text: message }],
    structuredContent: { error: { code: code ?? 'FAILED', message } },
    isError: true,
  };
}

function describeIssues(tool: McpTool, issues: v.BaseIssue<unknown>[]): string {
  const lines = issues.map((issue) => {
    const where = issue.path?.map((p) => String(p.key)).join('.') || 'arguments';
    return `${where}: ${issue.message}`;
  });
  const fields = Object.keys(tool.input.entries).join(', ');
  return `Invalid arguments for ${tool.name}: ${lines.join('; ')}. It takes ${fields || 'no arguments'}.`;
}

/**
 * Runs one tool: validates the arguments against its schema, runs it, and returns its structured
 * result (also as JSON text, for clients that read only text). Invalid arguments and every failure
 * come back as `isError` results with a message the model can act on; only a bug in the tool
 * (an error without a code) is reported as such, with its message, never its stack.
 */
export async function callTool(tool: McpTool, args: unknown, context: ToolContext): Promise<ToolResult> {
  const parsed = v.safeParse(tool.input, args ?? {});
  if (!parsed.success) return errorResult(describeIssues(tool, parsed.issues), 'INVALID_INPUT');
  try {
    const result = await tool.run(parsed.output, context);
    return { content: [{ type: 'text', text: JSON.stringify(result, null, 2) }], structuredContent: result };
  } catch (error) {
    if (error instanceof ToolFailure || isCodedError(error)) return errorResult(error.message, error.code);
    const message = error instanceof Error ? error.message : String(error);
    return errorResult(`${tool.name} failed unexpectedly (a bug in parallel-cc): ${message}`, 'INTERNAL');
  }
}
