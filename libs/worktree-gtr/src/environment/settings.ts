import { WorktreeError } from '../errors';
import { parseConfigList } from '../config';
import { tryGit } from '../git';
import { readProjectFile } from './project-file';

/** A block of ports: `first` to `last`, both included. */
export interface PortBlock {
  first: number;
  last: number;
}

/** What each new session's environment gets: ports, shared folders, a setup command, variables. */
export interface EnvironmentSettings {
  /** Ports per session (`parallel-cc.ports`, `.parallel-cc.json` `ports`; default 10; 0: none). */
  ports: number;
  /** Where blocks come from (`parallel-cc.portRange`, default 4100-4999). */
  portRange: PortBlock;
  /** Folders to clone into new worktrees (`parallel-cc.shareDirs`); null: the default (`node_modules` when the main checkout has one). */
  shareDirs: string[] | null;
  /** The setup command (`parallel-cc.setup`, `.parallel-cc.json` `setup`), or null. */
  setup: string | null;
  /** How long setup may run (`parallel-cc.setupTimeout`, seconds; default 600). */
  setupTimeoutMs: number;
  /** Variables for the setup command and the agent (`.parallel-cc.json` `env`). */
  env: Record<string, string>;
}

/** The default port range. */
export const DEFAULT_PORT_RANGE: PortBlock = { first: 4100, last: 4999 };

/**
 * Reads the environment settings of the repository at `repoRoot`: git config `parallel-cc.*`
 * (the user's, winning) over the committed `.parallel-cc.json` (the project's). One git call.
 */
export async function readEnvironmentSettings(repoRoot: string): Promise<EnvironmentSettings> {
  const git = parseConfigList((await tryGit(repoRoot, ['config', '-z', '--get-regexp', '^parallel-cc\\.'])) ?? '');
  const file = readProjectFile(repoRoot);
  const portsText = git.get('parallel-cc.ports');
  const ports = portsText === undefined ? (file.ports ?? 10) : wholeNumber('parallel-cc.ports', portsText, 0, 100);
  const rangeText = git.get('parallel-cc.portrange');
  const shareText = git.get('parallel-cc.sharedirs');
  const timeoutText = git.get('parallel-cc.setuptimeout');
  return {
    ports,
    portRange: rangeText === undefined ? DEFAULT_PORT_RANGE : parsePortRange(rangeText),
    shareDirs: shareText !== undefined ? splitList(shareText) : (file.shareDirs ?? null),
    setup: (git.get('parallel-cc.setup') ?? file.setup ?? '').trim() || null,
    setupTimeoutMs: timeoutText === undefined ? 600_000 : wholeNumber('parallel-cc.setupTimeout', timeoutText, 1, 86_400) * 1000,
    env: file.env ?? {},
  };
}

/** Parses `first-last` (1024-65535, first ≤ last); refused naming the value otherwise. */
export function parsePortRange(text: string): PortBlock {
  const match = /^\s*(\d{1,5})\s*-\s*(\d{1,5})\s*$/.exec(text);
  const first = Number(match?.[1]);
  const last = Number(match?.[2]);
  if (!match || first < 1024 || last > 65535 || first > last) {
    throw new WorktreeError(
      'INVALID_INPUT',
      `parallel-cc.portRange "${text}" is not a port range; use first-last between 1024 and 65535, e.g. 4100-4999.`,
      { key: 'parallel-cc.portRange', value: text },
    );
  }
  return { first, last };
}

// Folder lists in git config: separated by commas or white space; an empty value shares nothing.
function splitList(text: string): string[] {
  return text.split(/[,\s]+/).filter((entry) => entry.length > 0);
}

function wholeNumber(key: string, text: string, min: number, max: number): number {
  const value = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    throw new WorktreeError('INVALID_INPUT', `${key} "${text}" is not valid; use a whole number from ${min} to ${max}.`, { key, value: text });
  }
  return value;
}
