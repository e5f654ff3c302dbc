import type { DiagnosticCheck } from '@parallel-cc/core-sessions';
import { ALIAS_TARGET, detectShell } from './alias';
import type { Shell } from './alias';
import { executableOnPath } from './binary';
import { installationStatus } from './status';
import type { PieceStatus } from './status';

const FIXES: Record<string, string> = {
  hooks: 'parallel-cc install --hooks',
  'local-hooks': 'parallel-cc install --hooks --local',
  mcp: 'parallel-cc install --mcp',
  alias: 'parallel-cc install --alias',
};

// What is missing, said of the piece: "missing: ~/.bashrc" read as if the profile were missing.
const MISSING: Record<PieceStatus['piece'], (file: string) => string> = {
  hooks: (file) => `parallel-cc's hooks are not in ${file}`,
  'local-hooks': (file) => `parallel-cc's hooks are not in ${file}`,
  mcp: (file) => `the parallel-cc MCP server is not in ${file}`,
  alias: (file) => `the alias claude=${ALIAS_TARGET} is not in ${file}`,
};

const INSTALL_GLOBALLY = 'npm install -g @parallel-cc/cli';

/** `doctor`'s view of the Claude Code integration: hooks (pointing at a binary that exists), alias (and what it runs), MCP entry. */
export function integrationChecks(options: {
  home: string;
  env: NodeJS.ProcessEnv;
  binary: string;
  repoRoot?: string;
}): DiagnosticCheck[] {
  let shell: Shell | undefined;
  const checks: DiagnosticCheck[] = [];
  const target = executableOnPath(ALIAS_TARGET, options.env);
  try {
    shell = detectShell(options.env);
  } catch (error) {
    checks.push({ name: 'alias', status: 'warn', detail: (error as Error).message, fix: 'parallel-cc install --alias --shell bash|zsh|fish' });
  }
  for (const piece of installationStatus({ ...options, shell })) {
    const name = piece.piece;
    if (name === 'alias') checks.push(aliasCheck(piece, target));
    else if (piece.state === 'installed') checks.push({ name, status: 'ok', detail: piece.detail === 'installed' ? piece.file : `${piece.file} (${piece.detail})` });
    else if (piece.state === 'invalid') checks.push({ name, status: 'fail', detail: piece.detail, fix: `repair the JSON in ${piece.file}` });
    else checks.push({ name, status: 'warn', detail: pieceDetail(piece), fix: FIXES[name] });
  }
  if (!shell && target === null) {
    checks.push({ name: 'alias', status: 'warn', detail: `${ALIAS_TARGET} is not on PATH: an alias claude=${ALIAS_TARGET} could not run it`, fix: INSTALL_GLOBALLY });
  }
  return checks;
}

function pieceDetail(piece: PieceStatus): string {
  if (piece.state === 'missing') return MISSING[piece.piece](piece.file);
  return `${piece.state}: ${piece.detail === piece.state ? piece.file : piece.detail}`;
}

// The alias runs claude-parallel through the shell's PATH: without it there, `claude` itself fails.
function aliasCheck(piece: PieceStatus, target: string | null): DiagnosticCheck {
  const noTarget = `${ALIAS_TARGET} is not on PATH`;
  if (piece.state === 'installed') {
    return target !== null
      ? { name: 'alias', status: 'ok', detail: `claude=${ALIAS_TARGET} in ${piece.file} (runs ${target})` }
      : {
          name: 'alias',
          status: 'warn',
          detail: `the alias claude=${ALIAS_TARGET} is in ${piece.file}, but ${noTarget}, so \`claude\` fails with "command not found"`,
          fix: `${INSTALL_GLOBALLY} (or remove the alias: parallel-cc uninstall)`,
        };
  }
  if (target !== null) return { name: 'alias', status: 'warn', detail: pieceDetail(piece), fix: FIXES.alias };
  return { name: 'alias', status: 'warn', detail: `${pieceDetail(piece)}, and ${noTarget} for it to run`, fix: `${INSTALL_GLOBALLY}, then ${FIXES.alias}` };
}
