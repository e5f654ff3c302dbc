import type { JsonObject } from '../files/json-text';
import type { PieceState } from './hooks-config';

/** The name of our entry under `mcpServers` in `~/.claude.json`. */
export const MCP_SERVER_NAME = 'parallel-cc';

/** Our entry, in the shape `claude mcp add --scope user` writes. */
export function mcpServerEntry(binary: string): JsonObject {
  return { type: 'stdio', command: binary, args: ['mcp-serve'], env: {} };
}

/** Adds (or updates) our MCP server entry; every other key stays as it was, in its order. */
export function addMcpServer(config: JsonObject, binary: string): JsonObject {
  const servers = typeof config.mcpServers === 'object' && config.mcpServers !== null ? (config.mcpServers as JsonObject) : {};
  servers[MCP_SERVER_NAME] = mcpServerEntry(binary);
  config.mcpServers = servers;
  return config;
}

/** Removes our MCP server entry, and `mcpServers` when that leaves it empty and `mayDrop` says install created it. */
export function removeMcpServer(config: JsonObject, mayDrop: (key: string) => boolean = () => true): JsonObject {
  const servers = config.mcpServers as JsonObject | undefined;
  if (typeof servers !== 'object' || servers === null || !(MCP_SERVER_NAME in servers)) return config;
  delete servers[MCP_SERVER_NAME];
  if (Object.keys(servers).length === 0 && mayDrop('mcpServers')) delete config.mcpServers;
  return config;
}

/** Whether our MCP entry is there and starts `binary`. */
export function inspectMcpServer(config: JsonObject, binary: string): PieceState {
  const entry = (config.mcpServers as JsonObject | undefined)?.[MCP_SERVER_NAME] as JsonObject | undefined;
  if (!entry) return 'missing';
  return JSON.stringify(entry) === JSON.stringify(mcpServerEntry(binary)) ? 'installed' : 'outdated';
}
