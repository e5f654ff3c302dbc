import type { PortBlock } from '@parallel-cc/worktree-gtr';

/** The variables a session's agent, hooks and setup get for its ports: PORT (the first) and PARALLEL_CC_PORTS (`first-last`). */
export function portEnv(ports: PortBlock | null): Record<string, string> {
  return ports ? { PORT: String(ports.first), PARALLEL_CC_PORTS: `${ports.first}-${ports.last}` } : {};
}

/** A row's ports as a block, or null. */
export function rowPorts(row: { port_first: number | null; port_last: number | null }): PortBlock | null {
  return row.port_first === null || row.port_last === null ? null : { first: row.port_first, last: row.port_last };
}
