import * as path from 'node:path';
import { readText, updateFileAtomically } from '../files/atomic-file';
import { actionOf, updateJsonFile } from '../files/update-json-file';
import type { FileChange } from '../files/update-json-file';
import type { JsonObject } from '../files/json-text';
import { IntegrationError } from '../errors';
import { addAliasBlock, assertAliasTarget, profilePath, removeAliasBlock } from './alias';
import type { Shell } from './alias';
import { missingFolders, removeEmptyFolders } from './created-folders';
import { addHooks, HOOK_CONTAINERS, removeHooks } from './hooks-config';
import { forgetFile, missingKeys, readInstallRecord, rememberCreated } from './install-record';
import type { FileRecord } from './install-record';
import { withLocalSettingsExcluded, withoutLocalSettingsExcluded } from './local-settings-exclude';
import { addMcpServer, inspectMcpServer, removeMcpServer } from './mcp-config';
import { parseJsonObject } from '../files/json-text';
import type { HookForm } from './hooks-config';
import { claudeJsonPath, gitExcludePath, globalSettingsPath, localSettingsPath } from './targets';

/** Where hooks go: Claude Code's global settings, or one repository's per-user local settings. */
export type HookScope = { scope: 'global' } | { scope: 'local'; repoRoot: string };

/** What to install; pieces left out are not touched. */
export interface InstallOptions {
  home: string;
  env: NodeJS.ProcessEnv;
  /** The stable path of the `parallel-cc` binary that hooks and the MCP entry run. */
  binary: string;
  hooks?: HookScope;
  alias?: { shell: Shell };
  mcp?: boolean;
  /** Compute and report the changes, write nothing. */
  dryRun?: boolean;
}

/** One file's change, and which piece it belongs to; `skipped` (with the reason) when its file could not be used. */
export interface InstallChange extends Omit<FileChange, 'action'> {
  piece: 'hooks' | 'alias' | 'mcp';
  action: FileChange['action'] | 'skipped';
  reason?: string;
}

/** The settings file for a hook scope. */
export function hookSettingsPath(home: string, hooks: HookScope): string {
  return hooks.scope === 'global' ? globalSettingsPath(home) : localSettingsPath(hooks.repoRoot);
}

/**
 * Installs the chosen pieces; running it again changes nothing. With the MCP server installed (now
 * or before), the PreToolUse and PostToolUse hooks are `mcp_tool` hooks answered by the session's
 * running server; otherwise commands. A settings file that is not valid
 * JSON is never overwritten: its piece is `skipped` with the reason and the other pieces are
 * installed. The alias is refused (`ALIAS_TARGET_MISSING`, nothing written) when `claude-parallel`
 * is not on PATH.
 */
export function install(options: InstallOptions): InstallChange[] {
  const { home, env, binary, dryRun } = options;
  if (options.alias) assertAliasTarget(env);
  const changes: InstallChange[] = [];
  const edit = (piece: 'hooks' | 'mcp', file: string, containers: string[], add: (value: JsonObject) => JsonObject, mode?: number) => {
    let created: FileRecord = { createdFile: false, createdKeys: [] };
    const createdDirs = missingFolders(path.dirname(file));
    const change = updateJsonFile(
      file,
      (value, existed) => {
        created = { createdFile: !existed, createdKeys: missingKeys(value, containers), createdDirs };
        assertContainerTypes(file, value, containers);
        return add(value);
      },
      { dryRun, mode },
    );
    if (!dryRun && change.action !== 'unchanged') rememberCreated(env, file, created);
    changes.push({ piece, ...change });
  };
  if (options.hooks) {
    const hooks = options.hooks;
    const file = hookSettingsPath(home, hooks);
    skipUnusable(changes, 'hooks', file, () => {
      const form: HookForm = options.mcp || mcpServerInstalled(home) ? 'mcp_tool' : 'command';
      edit('hooks', file, HOOK_CONTAINERS, (s) => addHooks(s, binary, form));
      // Per user, never committed: git is told so unless the repository already ignores the file.
      if (hooks.scope === 'local') {
        changes.push({ piece: 'hooks', ...updateText(gitExcludePath(hooks.repoRoot), withLocalSettingsExcluded(hooks.repoRoot), dryRun) });
      }
    });
  }
  // ~/.claude.json holds Claude Code's own state; it is private to the user.
  if (options.mcp) {
    const file = claudeJsonPath(home);
    skipUnusable(changes, 'mcp', file, () => edit('mcp', file, ['mcpServers'], (c) => addMcpServer(c, binary), 0o600));
  }
  if (options.alias) {
    const { shell } = options.alias;
    changes.push({ piece: 'alias', ...updateText(profilePath(shell, home, env), (t) => addAliasBlock(t, shell), dryRun) });
  }
  return changes;
}

/** What to remove; every piece found is removed exactly, leaving the rest of each file as it was. */
export interface UninstallOptions {
  home: string;
  env: NodeJS.ProcessEnv;
  /** Repositories whose local settings should lose our hooks too. */
  localRepos?: string[];
  dryRun?: boolean;
}

/**
 * Removes our hooks (global and the given local ones), the MCP entry and the alias from every
 * shell profile, and the folders install created for a settings file once they are empty. A
 * settings file that is not valid JSON is left alone and reported `skipped`.
 */
export function uninstall(options: UninstallOptions): InstallChange[] {
  const { home, env, dryRun } = options;
  const changes: InstallChange[] = [];
  const record = readInstallRecord(env);
  const remove = (piece: 'hooks' | 'mcp', file: string, strip: (value: JsonObject, mayDrop: (key: string) => boolean) => JsonObject) => {
    // Without a record (an older install, or a lost home), containers left empty are dropped.
    const created = record?.[file];
    const mayDrop = (key: string) => !record || (created?.createdKeys.includes(key) ?? false);
    skipUnusable(changes, piece, file, () => {
      const change = updateJsonFile(
        file,
        (value, existed) => {
          if (!existed) return null;
          const stripped = strip(value, mayDrop);
          return Object.keys(stripped).length === 0 && (!record || created?.createdFile) ? null : stripped;
        },
        { dryRun },
      );
      if (!dryRun && change.action === 'delete') removeEmptyFolders(created?.createdDirs ?? []);
      if (!dryRun) forgetFile(env, file);
      changes.push({ piece, ...change });
    });
  };
  for (const file of [globalSettingsPath(home), ...(options.localRepos ?? []).map(localSettingsPath)]) remove('hooks', file, removeHooks);
  for (const repoRoot of options.localRepos ?? []) {
    // Settings left in place (skipped) stay out of commits.
    if (changes.some((c) => c.action === 'skipped' && c.file === localSettingsPath(repoRoot))) continue;
    changes.push({ piece: 'hooks', ...updateText(gitExcludePath(repoRoot), withoutLocalSettingsExcluded, dryRun) });
  }
  remove('mcp', claudeJsonPath(home), removeMcpServer);
  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    changes.push({ piece: 'alias', ...updateText(profilePath(shell, home, env), removeAliasBlock, dryRun) });
  }
  return changes.filter((c) => c.action !== 'unchanged');
}

/** Whether our MCP server is in `~/.claude.json` already: then the hot-path hooks are `mcp_tool` hooks it answers. */
export function mcpServerInstalled(home: string): boolean {
  try {
    return inspectMcpServer(parseJsonObject(claudeJsonPath(home), readText(claudeJsonPath(home))), '') !== 'missing';
  } catch {
    return false;
  }
}

/** Runs one piece's edits; a settings file that cannot be used (invalid JSON) skips that piece alone. */
function skipUnusable(changes: InstallChange[], piece: InstallChange['piece'], file: string, work: () => void): void {
  try {
    work();
  } catch (error) {
    if (!(error instanceof IntegrationError) || error.code !== 'INVALID_SETTINGS') throw error;
    changes.push({ piece, file, action: 'skipped', reason: error.message, before: null, after: null });
  }
}

function updateText(file: string, next: (text: string | null) => string | null, dryRun?: boolean): FileChange {
  if (dryRun) {
    const before = readText(file);
    const after = next(before);
    return { file, action: actionOf(before, after), before, after };
  }
  const { before, after } = updateFileAtomically(file, next);
  return { file, action: actionOf(before, after), before, after };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Refuses a file where one of our containers (`hooks`, `hooks.<Event>`, `mcpServers`) holds a value
 * of another type: adding to it would drop that value, or silently drop our entry.
 */
function assertContainerTypes(file: string, value: JsonObject, containers: string[]): void {
  for (const key of containers) {
    const parts = key.split('.');
    let node: unknown = value;
    for (const part of parts) node = isPlainObject(node) ? node[part] : undefined;
    if (node === undefined) continue;
    const wantsList = parts.length > 1;
    if (wantsList ? Array.isArray(node) : isPlainObject(node)) continue;
    const shown = (JSON.stringify(node) ?? String(node)).slice(0, 40);
    throw new IntegrationError(
      'INVALID_SETTINGS',
      `${file}: "${key}" holds ${shown} where ${wantsList ? 'a list' : 'an object'} belongs; fix it by hand, parallel-cc will not overwrite it.`,
      { file, key },
    );
  }
}
