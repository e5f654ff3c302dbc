import type { DiagnosticCheck } from '@parallel-cc/core-sessions';
import { detectShell } from './alias';
import type { Shell } from './alias';
import { installationStatus } from './status';

const FIXES: Record<string, string> = {
  hooks: 'parallel-cc install --hooks',
  'local-hooks': 'parallel-cc install --hooks --local',
  mcp: 'parallel-cc install --mcp',
  alias: 'parallel-cc install --alias',
};

/** `doctor`'s view of the Claude Code integration: hooks (pointing at a binary that exists), alias, MCP entry. */
export function integrationChecks(options: {
  home: string;
  env: NodeJS.ProcessEnv;
  binary: string;
  repoRoot?: string;
}): DiagnosticCheck[] {
  let shell: Shell | undefined;
  const checks: DiagnosticCheck[] = [];
  try {
    shell = detectShell(options.env);
  } catch (error) {
    checks.push({ name: 'alias', status: 'warn', detail: (error as Error).message, fix: 'parallel-cc install --alias --shell bash|zsh|fish' });
  }
  for (const piece of installationStatus({ ...options, shell })) {
    const name = piece.piece;
    if (piece.state === 'installed') checks.push({ name, status: 'ok', detail: piece.file });
    else if (piece.state === 'invalid') checks.push({ name, status: 'fail', detail: piece.detail, fix: `repair the JSON in ${piece.file}` });
    else checks.push({ name, status: 'warn', detail: `${piece.state}: ${piece.detail === piece.state ? piece.file : piece.detail}`, fix: FIXES[name] });
  }
  return checks;
}
