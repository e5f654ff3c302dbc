import { Command, Option, UsageError } from 'clipanion';
import * as t from 'typanion';
import type { PccContext } from '../context';
import { assertInstallFlagsAgree } from '../install-flags';
import { installTarget, reportChanges } from '../install-support';
import { sayNewSpelling } from '../older-spelling';
import { showInstallStatus } from './install/status';
import { uninstallEverything } from './uninstall';

/** `parallel-cc install`: hooks, alias and MCP entry for Claude Code. */
export class InstallCommand extends Command<PccContext> {
  static override paths = [['install']];
  /** The modes' older flags: out of the help, still accepted (each says its command). */
  static readonly olderOptions = ['--status', '--uninstall'];
  static override usage = Command.Usage({
    category: 'Setup',
    description: 'Connect Claude Code: hooks, the claude alias, the MCP server entry',
    details: `
      \`--all\` installs the hooks (global), the alias \`claude=claude-parallel\` in your shell profile, the MCP server entry in \`~/.claude.json\`, and runs the database migrations. Or pick pieces: \`--hooks\` (SessionStart, SessionEnd, PreToolUse (the edit guard), PostToolUse (heartbeat and notifications), and WorktreeCreate and WorktreeRemove, with which parallel-cc makes and removes the worktrees of \`claude -w\` and of subagents instead of Claude Code; \`--global\`, the default, writes \`~/.claude/settings.json\`; \`--local\` writes \`<repo>/.claude/settings.local.json\` and lists it in the repository's \`.git/info/exclude\` unless git ignores it already), \`--alias [--shell bash|zsh|fish]\`, \`--mcp\`.

      Installing again changes nothing; \`parallel-cc uninstall\` removes exactly what was added, and \`parallel-cc install status\` says what is installed. A settings file that is not valid JSON is never overwritten: that piece is skipped, the others are installed, and the command says what was skipped and why (exit 1). \`--dry-run\` prints the exact changes and writes nothing. Hooks and the MCP entry run this \`parallel-cc\` by its stable path, and the alias runs \`claude-parallel\` through your shell's PATH, so install it globally first (\`npm install -g @parallel-cc/cli\`); without \`claude-parallel\` on PATH, \`--alias\` writes nothing.

      \`--interactive\` asks about each piece: combined with the pieces (\`--all\`, \`--hooks\`, \`--global\`, \`--local\`, \`--alias\`, \`--mcp\`) it is refused (exit 2). The older spellings \`install --status\` and \`install --uninstall\` still work.
    `,
    examples: [
      ['Install everything', '$0 install --all'],
      ['See what would change', '$0 install --all --dry-run'],
      ['Hooks for one repository only', '$0 install --hooks --local --repo ~/code/app'],
      ['Check what is installed', '$0 install status'],
    ],
  });

  all = Option.Boolean('--all', false, { description: 'Hooks (global), alias, MCP entry and database migrations' });
  hooks = Option.Boolean('--hooks', false, { description: 'The SessionStart, SessionEnd, PreToolUse, PostToolUse, WorktreeCreate and WorktreeRemove hooks' });
  global = Option.Boolean('--global', false, { description: 'Hooks in ~/.claude/settings.json (the default)' });
  local = Option.Boolean('--local', false, { description: 'Hooks in <repo>/.claude/settings.local.json' });
  repo = Option.String('--repo', { description: 'The repository for --local (default: the current folder)' });
  alias = Option.Boolean('--alias', false, { description: 'The alias claude=claude-parallel in your shell profile' });
  shell = Option.String('--shell', {
    description: 'The shell whose profile gets the alias: bash, zsh or fish (default: from $SHELL)',
    validator: t.isEnum(['bash', 'zsh', 'fish'] as const),
  });
  mcp = Option.Boolean('--mcp', false, { description: 'The MCP server entry in ~/.claude.json' });
  status = Option.Boolean('--status', false, { hidden: true, description: 'Older spelling of `install status`' });
  uninstall = Option.Boolean('--uninstall', false, { hidden: true, description: 'Older spelling of `uninstall`' });
  interactive = Option.Boolean('--interactive', false, { description: 'Ask about each piece (needs a terminal)' });
  dryRun = Option.Boolean('--dry-run', false, { description: 'Print the exact changes; write nothing' });
  json = Option.Boolean('--json', false, { description: 'Print the result as JSON' });

  override async execute(): Promise<number> {
    assertInstallFlagsAgree(this.givenFlags());
    if (this.status) {
      sayNewSpelling(this.context, this.cli.binaryName, 'install --status', 'install status');
      return showInstallStatus(this.context, { shell: this.shell, repo: this.repo, json: this.json });
    }
    if (this.uninstall) {
      sayNewSpelling(this.context, this.cli.binaryName, 'install --uninstall', 'uninstall');
      return uninstallEverything(this.context, { repo: this.repo, dryRun: this.dryRun, json: this.json });
    }
    const { ci, env, home, repoRoot, binary } = await installTarget(this.context, this.repo);
    const choice = this.interactive ? await this.ask() : this.chosenPieces();
    if (!choice.hooks && !choice.alias && !choice.mcp && !choice.migrate) {
      throw new UsageError('Say what to install: --all, --hooks, --alias or --mcp (`install status` says what is installed, `uninstall` removes it).');
    }
    if (choice.hooks && this.local && !repoRoot) throw new UsageError('--local needs a repository: run it inside one or pass --repo.');
    const shell = choice.alias ? (this.shell ?? ci.detectShell(env)) : undefined;
    const changes = ci.install({
      home,
      env,
      binary,
      hooks: choice.hooks ? (this.local && repoRoot ? { scope: 'local', repoRoot } : { scope: 'global' }) : undefined,
      alias: shell ? { shell } : undefined,
      mcp: choice.mcp,
      dryRun: this.dryRun,
    });
    if (choice.migrate && !this.dryRun) {
      // The same as `parallel-cc update`: every lib's tables, and an earlier version's merges imported.
      const { updateAndImport } = await import('../update-and-import');
      await updateAndImport(this.context);
    }
    return reportChanges(this.context, changes, { json: this.json, dryRun: this.dryRun, uninstall: false }, ci);
  }

  private givenFlags(): Set<string> {
    const flags: Array<[string, boolean]> = [
      ['--all', this.all],
      ['--hooks', this.hooks],
      ['--global', this.global],
      ['--local', this.local],
      ['--alias', this.alias],
      ['--shell', this.shell !== undefined],
      ['--mcp', this.mcp],
      ['--status', this.status],
      ['--uninstall', this.uninstall],
      ['--interactive', this.interactive],
      ['--dry-run', this.dryRun],
    ];
    return new Set(flags.filter(([, given]) => given).map(([flag]) => flag));
  }

  private chosenPieces() {
    return {
      hooks: this.all || this.hooks || this.global || this.local,
      alias: this.all || this.alias,
      mcp: this.all || this.mcp,
      migrate: this.all,
    };
  }

  private async ask() {
    const stdin = this.context.stdin as NodeJS.ReadStream;
    if (!stdin.isTTY) throw new UsageError('--interactive needs a terminal; pass --all or the pieces you want instead.');
    const readline = await import('node:readline/promises');
    const rl = readline.createInterface({ input: stdin, output: this.context.stderr as NodeJS.WritableStream });
    const yes = async (question: string) => !/^n/i.test((await rl.question(`${question} [Y/n] `)).trim());
    try {
      return {
        hooks: await yes('Install the Claude Code hooks (heartbeats, session attach, notifications)?'),
        alias: await yes('Add the alias claude=claude-parallel to your shell profile?'),
        mcp: await yes('Add the parallel-cc MCP server to ~/.claude.json?'),
        migrate: true,
      };
    } finally {
      rl.close();
    }
  }
}
