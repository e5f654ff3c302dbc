import type { JsonObject } from '../files/json-text';
import { MCP_SERVER_NAME } from './mcp-config';
import { shellQuote } from './shell-quote';

/** The Claude Code hook events parallel-cc installs, with the subcommand each runs. */
export const HOOK_EVENTS = [
  { event: 'SessionStart', subcommand: 'session-start', timeout: 10 },
  // The edit guard: Claude Code's editing tools only.
  { event: 'PreToolUse', subcommand: 'pre-tool-use', matcher: 'Edit|Write|MultiEdit|NotebookEdit', timeout: 5 },
  { event: 'PostToolUse', subcommand: 'post-tool-use', matcher: '*', timeout: 5 },
  { event: 'SessionEnd', subcommand: 'session-end', timeout: 10 },
  // Claude Code waits for the path; a `fresh` base fetches first, so allow for a slow remote.
  { event: 'WorktreeCreate', subcommand: 'worktree-create', timeout: 120 },
  { event: 'WorktreeRemove', subcommand: 'worktree-remove', timeout: 60 },
] as const;

/** Whether each of our hooks is in a settings object, with the right command. */
export type PieceState = 'installed' | 'missing' | 'outdated';

interface HookEntry {
  type?: string;
  command?: string;
  server?: string;
  tool?: string;
  input?: Record<string, string>;
  timeout?: number;
}

/**
 * How the hot-path hooks (PreToolUse, PostToolUse) run: `command` starts `parallel-cc hook <event>`
 * each time; `mcp_tool` has Claude Code call a tool of the session's running parallel-cc MCP
 * server instead (no process per tool call), which is how they are installed when that server is.
 */
export type HookForm = 'command' | 'mcp_tool';

// The tools answering the hot-path hooks as `mcp_tool` hooks, with their input interpolated by Claude Code from the hook's.
const MCP_TOOL_HOOKS: Record<string, { tool: string; input: Record<string, string> }> = {
  'pre-tool-use': {
    tool: 'guard_edit',
    input: { file_path: '${tool_input.file_path}', notebook_path: '${tool_input.notebook_path}', session_id: '${session_id}', cwd: '${cwd}' },
  },
  'post-tool-use': {
    tool: 'record_edit',
    input: {
      tool_name: '${tool_name}',
      file_path: '${tool_input.file_path}',
      notebook_path: '${tool_input.notebook_path}',
      session_id: '${session_id}',
      cwd: '${cwd}',
    },
  },
};

/** The hook entry we install for `subcommand`, in `form` (the hooks that have no tool are always commands). */
function expectedEntry(binary: string, subcommand: string, timeout: number, form: HookForm): HookEntry {
  const mcp = form === 'mcp_tool' ? MCP_TOOL_HOOKS[subcommand] : undefined;
  if (mcp) return { type: 'mcp_tool', server: MCP_SERVER_NAME, tool: mcp.tool, input: { ...mcp.input }, timeout };
  return { type: 'command', command: hookCommand(binary, subcommand), timeout };
}

// Ours: a command running `parallel-cc hook <subcommand>`, or an mcp_tool entry calling our server's tool for it.
function isOurs(entry: HookEntry, subcommand: string): boolean {
  if (OURS.exec(entry.command ?? '')?.[1] === subcommand) return true;
  return entry.type === 'mcp_tool' && entry.server === MCP_SERVER_NAME && entry.tool !== undefined && entry.tool === MCP_TOOL_HOOKS[subcommand]?.tool;
}
interface HookGroup {
  matcher?: string;
  hooks?: HookEntry[];
}

// Ours: any command that runs `parallel-cc hook <event>` (from whatever path an older install
// used: a global link `…/bin/parallel-cc`, or the package's own `…/cli/bin/parallel-cc.js`).
const OURS = /(?:^|[/'"\s])parallel-cc(?:\.[cm]?js)?['"]? hook (session-start|pre-tool-use|post-tool-use|session-end|worktree-create|worktree-remove)$/;

/** The shell command Claude Code runs for `subcommand`. */
export function hookCommand(binary: string, subcommand: string): string {
  return `${shellQuote(binary)} hook ${subcommand}`;
}

function groupsOf(settings: JsonObject, event: string): HookGroup[] | undefined {
  const hooks = settings.hooks as Record<string, unknown> | undefined;
  const groups = hooks?.[event];
  return Array.isArray(groups) ? (groups as HookGroup[]) : undefined;
}

function ourEntries(groups: HookGroup[] | undefined, subcommand: string): HookEntry[] {
  return (groups ?? []).flatMap((g) => (Array.isArray(g.hooks) ? g.hooks : [])).filter((h) => isOurs(h, subcommand));
}

/** The containers {@link addHooks} may create, as dotted keys. */
export const HOOK_CONTAINERS = ['hooks', ...HOOK_EVENTS.map((e) => `hooks.${e.event}`)];

/**
 * Adds our hooks to a settings object (or points existing ones at `binary`, in `form`); leaves
 * everything else as it was.
 */
export function addHooks(settings: JsonObject, binary: string, form: HookForm = 'command'): JsonObject {
  const hooks = (typeof settings.hooks === 'object' && settings.hooks !== null ? settings.hooks : {}) as Record<string, unknown>;
  settings.hooks = hooks;
  for (const { event, subcommand, timeout, ...rest } of HOOK_EVENTS) {
    const wanted = expectedEntry(binary, subcommand, timeout, form);
    const groups = Array.isArray(hooks[event]) ? (hooks[event] as HookGroup[]) : [];
    const existing = ourEntries(groups, subcommand);
    if (existing.length > 0) {
      for (const entry of existing) {
        // Our entry changes form in place, keeping a timeout the user set.
        const keptTimeout = entry.timeout ?? timeout;
        for (const key of ['type', 'command', 'server', 'tool', 'input'] as const) delete entry[key];
        Object.assign(entry, { ...wanted, timeout: keptTimeout });
      }
      continue;
    }
    const matcher = 'matcher' in rest ? { matcher: rest.matcher } : {};
    hooks[event] = [...groups, { ...matcher, hooks: [wanted] }];
  }
  return settings;
}

/**
 * Removes exactly our hooks, and the groups that held only them. An event list or the `hooks`
 * object left empty goes too when `mayDrop` says install created it.
 */
export function removeHooks(settings: JsonObject, mayDrop: (key: string) => boolean = () => true): JsonObject {
  const hooks = settings.hooks as Record<string, unknown> | undefined;
  if (typeof hooks !== 'object' || hooks === null) return settings;
  for (const { event, subcommand } of HOOK_EVENTS) {
    const groups = groupsOf(settings, event);
    if (!groups || ourEntries(groups, subcommand).length === 0) continue;
    const kept = groups
      .map((g) => {
        if (!Array.isArray(g.hooks) || !g.hooks.some((h) => isOurs(h, subcommand))) return g;
        const rest = g.hooks.filter((h) => !isOurs(h, subcommand));
        return rest.length > 0 ? { ...g, hooks: rest } : null;
      })
      .filter((g): g is HookGroup => g !== null);
    if (kept.length > 0 || !mayDrop(`hooks.${event}`)) hooks[event] = kept;
    else delete hooks[event];
  }
  if (Object.keys(hooks).length === 0 && mayDrop('hooks')) delete settings.hooks;
  return settings;
}

/** The state of our hooks in a settings object, for a given binary path and the form they should have. */
export function inspectHooks(settings: JsonObject, binary: string, form: HookForm = 'command'): Record<string, PieceState> {
  const states: Record<string, PieceState> = {};
  for (const { event, subcommand, timeout } of HOOK_EVENTS) {
    const entries = ourEntries(groupsOf(settings, event), subcommand);
    const wanted = expectedEntry(binary, subcommand, timeout, form);
    const same = (e: HookEntry) =>
      e.type === wanted.type && e.command === wanted.command && e.server === wanted.server && e.tool === wanted.tool && JSON.stringify(e.input) === JSON.stringify(wanted.input);
    states[event] = entries.length === 0 ? 'missing' : entries.every(same) ? 'installed' : 'outdated';
  }
  return states;
}

/** Which form our hot-path hooks have in a settings object (`mcp_tool` when any of them is one), or null when none is installed. */
export function installedHookForm(settings: JsonObject): HookForm | null {
  const entries = Object.keys(MCP_TOOL_HOOKS).flatMap((subcommand) => {
    const event = HOOK_EVENTS.find((e) => e.subcommand === subcommand)?.event ?? '';
    return ourEntries(groupsOf(settings, event), subcommand);
  });
  if (entries.length === 0) return null;
  return entries.some((e) => e.type === 'mcp_tool') ? 'mcp_tool' : 'command';
}

/** The binary paths our installed hooks run (to check that they still exist). */
export function installedHookBinaries(settings: JsonObject): string[] {
  const binaries = new Set<string>();
  for (const { event, subcommand } of HOOK_EVENTS) {
    for (const entry of ourEntries(groupsOf(settings, event), subcommand)) {
      const quoted = /^'((?:[^']|'\\'')*)' hook /.exec(entry.command ?? '');
      const plain = /^(\S+) hook /.exec(entry.command ?? '');
      const binary = quoted?.[1]?.replace(/'\\''/g, "'") ?? plain?.[1];
      if (binary) binaries.add(binary);
    }
  }
  return [...binaries];
}
