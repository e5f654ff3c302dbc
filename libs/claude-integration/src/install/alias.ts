import * as path from 'node:path';
import { IntegrationError } from '../errors';
import type { PieceState } from './hooks-config';

/** The shells whose profiles parallel-cc can add its alias to. */
export type Shell = 'bash' | 'zsh' | 'fish';

const START = '# >>> parallel-cc >>>';
const END = '# <<< parallel-cc <<<';
// Recorded in the start line so that uninstalling restores the profile byte for byte.
const ADDED_NEWLINE = ' (a newline was added before this block)';
const CREATED_FILE = ' (this file was created for this block)';
const BLOCK = /(\n)?# >>> parallel-cc >>>([^\n]*)\n[\s\S]*?# <<< parallel-cc <<<\n?/;

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
  return shell === 'fish' ? 'alias claude claude-parallel' : "alias claude='claude-parallel'";
}

/** The profile text with our alias block (added, or brought up to date in place). */
export function addAliasBlock(text: string | null, shell: Shell): string {
  const current = BLOCK.exec(text ?? '');
  if (text !== null && current) {
    const note = current[2] ?? '';
    return text.replace(BLOCK, `${current[1] ?? ''}${START}${note}\n${aliasLine(shell)}\n${END}\n`);
  }
  if (text === null) return `${START}${CREATED_FILE}\n${aliasLine(shell)}\n${END}\n`;
  if (text === '') return `${START}\n${aliasLine(shell)}\n${END}\n`;
  const needsNewline = !text.endsWith('\n');
  return `${text}${needsNewline ? '\n' : ''}${START}${needsNewline ? ADDED_NEWLINE : ''}\n${aliasLine(shell)}\n${END}\n`;
}

/** The profile text without our block, exactly as it was before; null when we had created the file. */
export function removeAliasBlock(text: string | null): string | null {
  if (text === null) return null;
  const match = BLOCK.exec(text);
  if (!match) return text;
  const note = match[2] ?? '';
  if (note === CREATED_FILE && text.replace(BLOCK, '') === '') return null;
  const keepNewline = match[1] !== undefined && note !== ADDED_NEWLINE ? '\n' : '';
  return text.replace(BLOCK, keepNewline);
}

/** Whether the profile has our alias block with the current line. */
export function inspectAlias(text: string | null, shell: Shell): PieceState {
  const match = BLOCK.exec(text ?? '');
  if (!match) return 'missing';
  return match[0].includes(`\n${aliasLine(shell)}\n`) ? 'installed' : 'outdated';
}
