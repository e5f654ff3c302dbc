import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import { writeJson } from '../../coordinator';
import type { PccContext } from '../../context';
import { installTarget } from '../../install-support';

/** `parallel-cc install status`: which pieces of the Claude Code connection are installed. */
export class InstallStatusCommand extends Command<PccContext> {
  static override paths = [['install', 'status']];
  static override usage = Command.Usage({
    category: 'Setup',
    description: 'Report each piece of the Claude Code connection as installed, missing or outdated',
    details: `
      Looks at the hooks (\`~/.claude/settings.json\`, and \`<repo>/.claude/settings.local.json\` inside a repository), the MCP server entry in \`~/.claude.json\` and the alias in your shell's profile, and says for each whether it is installed, missing, outdated (it runs another \`parallel-cc\` than this one) or in a file that is not valid JSON. Writes nothing.

      Exit code 0 when every piece is installed, 1 otherwise. With \`--json\`, prints \`{binary, pieces: [{piece, file, state, detail}]}\`. The older spelling \`install --status\` still works.
    `,
    examples: [
      ['Check what is installed', '$0 install status'],
      ['As JSON, for the zsh profile', '$0 install status --shell zsh --json'],
    ],
  });

  shell = Option.String('--shell', {
    description: 'The shell whose profile is checked for the alias: bash, zsh or fish (default: from $SHELL)',
    validator: t.isEnum(['bash', 'zsh', 'fish'] as const),
  });
  repo = Option.String('--repo', { description: 'The repository whose local hooks are checked (default: the current folder)' });
  json = Option.Boolean('--json', false, { description: 'Print the result as JSON' });

  override execute(): Promise<number> {
    return showInstallStatus(this.context, { shell: this.shell, repo: this.repo, json: this.json });
  }
}

/** Prints claude-integration's installationStatus; exit code 1 unless every piece is installed. */
export async function showInstallStatus(context: PccContext, options: { shell: 'bash' | 'zsh' | 'fish' | undefined; repo: string | undefined; json: boolean }): Promise<number> {
  const { ci, env, home, repoRoot, binary } = await installTarget(context, options.repo);
  const shell = options.shell ?? safeShell(ci.detectShell, env);
  const pieces = ci.installationStatus({ home, env, binary, shell, repoRoot });
  if (options.json) writeJson(context, { binary, pieces });
  else for (const p of pieces) context.stdout.write(`${p.state.padEnd(9)} ${p.piece.padEnd(11)} ${p.file}${p.detail !== p.state ? `: ${p.detail}` : ''}\n`);
  return pieces.every((p) => p.state === 'installed') ? 0 : 1;
}

// A status reports what it can: with no shell known, the alias piece says so instead of failing.
function safeShell<T>(detect: (env: NodeJS.ProcessEnv) => T, env: NodeJS.ProcessEnv): T | undefined {
  try {
    return detect(env);
  } catch {
    return undefined;
  }
}
