import * as path from 'node:path';
import { IntegrationError } from '../errors';
import { addMarkedBlock, markedBlockBody, removeMarkedBlock } from '../files/marked-block';
import { executableOnPath } from './binary';
import type { PieceState } from './hooks-config';

/** What the alias line runs: `claude` becomes this command, found through the shell's PATH. */
export const ALIAS_TARGET = 'claude-parallel';

/** The shells whose profiles parallel-cc can add its alias to. */
export type Shell = 'bash' | 'zsh' | 'fish';

/** The shell from `$SHELL`, or a clear error naming the accepted ones. */
export function detectShell(env: NodeJS.ProcessEnv): Shell {
  const name = path.basename(env.SHELL ?? '');
  if (name === 'bash' || name === 'zsh' || name === 'fish') return name;
  throw new IntegrationError(
    'UNKNOWN_SHELL',
    `Cannot tell the shell from SHELL=${JSON.stringify(env.SHELL ?? '')}; pass --shell bash, zsh or fish.`,
    { shell: env.SHELL },
  );
}

/** The profile file a shell reads on start. */
export function profilePath(shell: Shell, home: string, env: NodeJS.ProcessEnv): string {
  if (shell === 'bash') return path.join(home, '.bashrc');
  if (shell === 'zsh') return path.join(env.ZDOTDIR || home, '.zshrc');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'fish', 'config.fish');
}

function aliasLine(shell: Shell): string {
  return shell === 'fish' ? `alias claude ${ALIAS_TARGET}` : `alias claude='${ALIAS_TARGET}'`;
}

/** The profile text with our alias block (added, or brought up to date in place). */
export function addAliasBlock(text: string | null, shell: Shell): string {
  return addMarkedBlock(text, `${aliasLine(shell)}\n`);
}

/** The profile text without our block, exactly as it was before; null when we had created the file. */
export function removeAliasBlock(text: string | null): string | null {
  return removeMarkedBlock(text);
}

/** Whether the profile has our alias block with the current line. */
export function inspectAlias(text: string | null, shell: Shell): PieceState {
  const body = markedBlockBody(text);
  if (body === null) return 'missing';
  return body === `${aliasLine(shell)}\n` ? 'installed' : 'outdated';
}

/**
 * Refuses to add the alias when `claude-parallel` is not on PATH: the alias would turn every
 * `claude` into "command not found". Says how to install it; nothing has been written yet.
 */
export function assertAliasTarget(env: NodeJS.ProcessEnv): void {
  if (executableOnPath(ALIAS_TARGET, env) !== null) return;
  throw new IntegrationError(
    'ALIAS_TARGET_MISSING',
    `The alias claude=${ALIAS_TARGET} needs \`${ALIAS_TARGET}\` on PATH, and it is not there, so \`claude\` would stop working; ` +
      'install parallel-cc globally first (`npm install -g @parallel-cc/cli`, or `npm run install:global` in a clone of its repository), then run this again. Nothing was written.',
    { path: env.PATH ?? '' },
  );
}
