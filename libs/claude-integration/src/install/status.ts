import * as fs from 'node:fs';
import { readText } from '../files/atomic-file';
import { parseJsonObject } from '../files/json-text';
import { inspectAlias, profilePath } from './alias';
import type { Shell } from './alias';
import { inspectHooks, installedHookBinaries, installedHookForm } from './hooks-config';
import type { HookForm } from './hooks-config';
import type { PieceState } from './hooks-config';
import { localSettingsIgnored } from './local-settings-exclude';
import { inspectMcpServer } from './mcp-config';
import { claudeJsonPath, globalSettingsPath, localSettingsPath } from './targets';

/** One installable piece as found on disk. */
export interface PieceStatus {
  piece: 'hooks' | 'local-hooks' | 'alias' | 'mcp';
  file: string;
  state: PieceState | 'invalid';
  detail: string;
}

/** What `install status` reports: each piece installed, missing, outdated (or its file invalid). */
export function installationStatus(options: {
  home: string;
  env: NodeJS.ProcessEnv;
  binary: string;
  shell?: Shell;
  repoRoot?: string;
}): PieceStatus[] {
  const { home, env, binary } = options;
  const mcp = jsonStatus('mcp', claudeJsonPath(home), (c) => inspectMcpServer(c, binary));
  // With our MCP server installed, the hot-path hooks should be mcp_tool hooks it answers.
  const form: HookForm = mcp.state === 'installed' || mcp.state === 'outdated' ? 'mcp_tool' : 'command';
  const statuses: PieceStatus[] = [hookStatus('hooks', globalSettingsPath(home), binary, form)];
  if (options.repoRoot) {
    const local = localHookStatus(options.repoRoot, binary, form);
    if (local.state !== 'missing') statuses.push(local);
  }
  statuses.push(mcp);
  if (options.shell) {
    const file = profilePath(options.shell, home, env);
    const state = inspectAlias(readText(file), options.shell);
    statuses.push({ piece: 'alias', file, state, detail: state === 'installed' ? 'claude=claude-parallel' : state });
  }
  return statuses;
}

// Local hooks installed before the exclude block existed leave the settings file offered for a commit.
function localHookStatus(repoRoot: string, binary: string, form: HookForm): PieceStatus {
  const status = hookStatus('local-hooks', localSettingsPath(repoRoot), binary, form);
  if (status.state !== 'installed' || ignoredOrUnknown(repoRoot)) return status;
  return { ...status, state: 'outdated', detail: 'git would offer .claude/settings.local.json for a commit (installing again lists it in .git/info/exclude)' };
}

function ignoredOrUnknown(repoRoot: string): boolean {
  try {
    return localSettingsIgnored(repoRoot);
  } catch {
    return true; // git could not answer: a report does not guess
  }
}

/** What `install status` and `doctor` say of installed hooks: how the hot-path ones run. */
const HOOK_FORM_DETAIL: Record<HookForm, string> = {
  mcp_tool: 'installed; PreToolUse and PostToolUse are mcp_tool hooks answered by the running parallel-cc MCP server',
  command: 'installed; PreToolUse and PostToolUse are command hooks (one process per call; installing the MCP server makes them mcp_tool hooks)',
};
const HOOK_FORM_CHANGE: Record<HookForm, string> = {
  mcp_tool: 'PreToolUse and PostToolUse are command hooks, but the parallel-cc MCP server is installed: installing the hooks again makes them mcp_tool hooks it answers',
  command: 'PreToolUse and PostToolUse are mcp_tool hooks, but the parallel-cc MCP server is not installed: installing the hooks again makes them commands',
};

function hookStatus(piece: 'hooks' | 'local-hooks', file: string, binary: string, form: HookForm): PieceStatus {
  const status = jsonStatus(piece, file, (settings) => {
    const events = inspectHooks(settings, binary, form);
    const states = Object.values(events);
    return states.every((s) => s === 'installed') ? 'installed' : states.every((s) => s === 'missing') ? 'missing' : 'outdated';
  });
  if (status.state === 'outdated' || status.state === 'installed') {
    const settings = parseJsonObject(file, readText(file));
    const gone = installedHookBinaries(settings).filter((b) => !fs.existsSync(b));
    if (gone.length > 0) return { ...status, state: 'outdated', detail: `hooks run ${gone.join(', ')}, which does not exist` };
    const found = installedHookForm(settings);
    if (status.state === 'installed') return { ...status, detail: HOOK_FORM_DETAIL[found ?? form] };
    if (found !== null && found !== form) return { ...status, detail: HOOK_FORM_CHANGE[form] };
  }
  return status;
}

function jsonStatus(
  piece: PieceStatus['piece'],
  file: string,
  inspect: (value: Record<string, unknown>) => PieceState,
): PieceStatus {
  try {
    const state = inspect(parseJsonObject(file, readText(file)));
    return { piece, file, state, detail: state };
  } catch (error) {
    return { piece, file, state: 'invalid', detail: (error as Error).message };
  }
}
