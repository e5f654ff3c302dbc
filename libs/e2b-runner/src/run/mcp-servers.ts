import * as fs from 'node:fs';
import * as path from 'node:path';

/** One MCP server of the project's Claude settings. */
export interface McpServer {
  name: string;
  command: string;
  args: string[];
}

/**
 * The stdio MCP servers the worktree's `.claude/settings.json` or `.mcp.json` lists under
 * `mcpServers` (servers without a command, such as remote ones, are left out). Unreadable files
 * count as none.
 */
export function projectMcpServers(worktree: string): McpServer[] {
  const servers = new Map<string, McpServer>();
  for (const file of [path.join(worktree, '.claude', 'settings.json'), path.join(worktree, '.mcp.json')]) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    const listed = (parsed as { mcpServers?: unknown } | null)?.mcpServers;
    if (!listed || typeof listed !== 'object') continue;
    for (const [name, value] of Object.entries(listed as Record<string, unknown>)) {
      const server = value as { command?: unknown; args?: unknown } | null;
      // The name goes into `claude mcp add … NAME --`: one that reads as an option is left out.
      // eslint-disable-next-line no-control-regex -- names with whitespace or control characters are refused
      if (servers.has(name) || name.startsWith('-') || /[\x00-\x20\x7f]/.test(name) || typeof server?.command !== 'string') continue;
      const args = Array.isArray(server.args) ? server.args.filter((a): a is string => typeof a === 'string') : [];
      servers.set(name, { name, command: server.command, args });
    }
  }
  return [...servers.values()];
}

/** The argv that installs `server` for the sandbox's user: `claude mcp add --scope user NAME -- CMD ARGS…`. */
export function mcpAddCommand(server: McpServer): string[] {
  return ['claude', 'mcp', 'add', '--scope', 'user', server.name, '--', server.command, ...server.args];
}
