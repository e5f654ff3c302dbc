import type { JsonObject } from '../files/json-text';
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
  timeout?: number;
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
  return (groups ?? []).flatMap((g) => (Array.isArray(g.hooks) ? g.hooks : [])).filter((h) => OURS.exec(h.command ?? '')?.[1] === subcommand);
}

/** The containers {@link addHooks} may create, as dotted keys. */
export const HOOK_CONTAINERS = ['hooks', ...HOOK_EVENTS.map((e) => `hooks.${e.event}`)];

/** Adds our hooks to a settings object (or points existing ones at `binary`); leaves everything else as it was. */
export function addHooks(settings: JsonObject, binary: string): JsonObject {
  const hooks = (typeof settings.hooks === 'object' && settings.hooks !== null ? settings.hooks : {}) as Record<string, unknown>;
  settings.hooks = hooks;
  for (const { event, subcommand, timeout, ...rest } of HOOK_EVENTS) {
    const command = hookCommand(binary, subcommand);
    const groups = Array.isArray(hooks[event]) ? (hooks[event] as HookGroup[]) : [];
    const existing = ourEntries(groups, subcommand);
    if (existing.length > 0) {
      for (const entry of existing) entry.command = command;
      continue;
    }
    const matcher = 'matcher' in rest ? { matcher: rest.matcher } : {};
    hooks[event] = [...groups, { ...matcher, hooks: [{ type: 'command', command, timeout }] }];
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
        if (!Array.isArray(g.hooks) || !g.hooks.some((h) => OURS.exec(h.command ?? '')?.[1] === subcommand)) return g;
        const rest = g.hooks.filter((h) => OURS.exec(h.command ?? '')?.[1] !== subcommand);
        return rest.length > 0 ? { ...g, hooks: rest } : null;
      })
      .filter((g): g is HookGroup => g !== null);
    if (kept.length > 0 || !mayDrop(`hooks.${event}`)) hooks[event] = kept;
    else delete hooks[event];
  }
  if (Object.keys(hooks).length === 0 && mayDrop('hooks')) delete settings.hooks;
  return settings;
}

/** The state of our hooks in a settings object, for a given binary path. */
export function inspectHooks(settings: JsonObject, binary: string): Record<string, PieceState> {
  const states: Record<string, PieceState> = {};
  for (const { event, subcommand } of HOOK_EVENTS) {
    const entries = ourEntries(groupsOf(settings, event), subcommand);
    states[event] =
      entries.length === 0 ? 'missing' : entries.every((e) => e.command === hookCommand(binary, subcommand)) ? 'installed' : 'outdated';
  }
  return states;
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
