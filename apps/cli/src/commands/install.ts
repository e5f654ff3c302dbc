import * as os from 'node:os';
import * as path from 'node:path';
import { Command, Option, UsageError } from 'clipanion';
import * as t from 'typanion';
import type { InstallChange } from '@parallel-cc/claude-integration';
import { writeJson } from '../coordinator';
import type { PccContext } from '../context';
import { assertInstallFlagsAgree } from '../install-flags';
import { colorsFor } from '../output/colors';

/** `parallel-cc install`: hooks, alias and MCP entry for Claude Code. */
export class InstallCommand extends Command<PccContext> {
  static override paths = [['install']];
  static override usage = Command.Usage({
    category: 'Setup',
    description: 'Connect Claude Code: hooks, the claude alias, the MCP server entry',
    details: `
      \`--all\` installs the hooks (global), the alias \`claude=claude-parallel\` in your shell profile, the MCP server entry in \`~/.claude.json\`, and runs the database migrations. Or pick pieces: \`--hooks\` (\`--global\`, the default, writes \`~/.claude/settings.json\`; \`--local\` writes \`<repo>/.claude/settings.local.json\` and lists it in the repository's \`.git/info/exclude\` unless git ignores it already), \`--alias [--shell bash|zsh|fish]\`, \`--mcp\`.

      Installing again changes nothing; \`--uninstall\` removes exactly what was added (a folder it created, such as \`<repo>/.claude\`, goes too when nothing else is in it), leaving every other setting as it was. A settings file that is not valid JSON is never overwritten: that piece is skipped, the others are installed, and the command says what was skipped and why (exit 1). \`--dry-run\` prints the exact changes and writes nothing. Hooks and the MCP entry run this \`parallel-cc\` by its stable path, and the alias runs \`claude-parallel\` through your shell's PATH, so install it globally first (\`npm install -g @parallel-cc/cli\`); without \`claude-parallel\` on PATH, \`--alias\` writes nothing.

      \`--status\`, \`--uninstall\` and \`--interactive\` each decide what the command does: combined with each other or with the pieces (\`--all\`, \`--hooks\`, \`--global\`, \`--local\`, \`--alias\`, \`--mcp\`) they are refused (exit 2).
    `,
    examples: [
      ['Install everything', '$0 install --all'],
      ['See what would change', '$0 install --all --dry-run'],
      ['Hooks for one repository only', '$0 install --hooks --local --repo ~/code/app'],
      ['Check what is installed', '$0 install --status'],
      ['Remove everything parallel-cc added', '$0 install --uninstall'],
    ],
  });

  all = Option.Boolean('--all', false, { description: 'Hooks (global), alias, MCP entry and database migrations' });
  hooks = Option.Boolean('--hooks', false, { description: 'The SessionStart, PostToolUse and SessionEnd hooks' });
  global = Option.Boolean('--global', false, { description: 'Hooks in ~/.claude/settings.json (the default)' });
  local = Option.Boolean('--local', false, { description: 'Hooks in <repo>/.claude/settings.local.json' });
  repo = Option.String('--repo', { description: 'The repository for --local (default: the current folder)' });
  alias = Option.Boolean('--alias', false, { description: 'The alias claude=claude-parallel in your shell profile' });
  shell = Option.String('--shell', {
    description: 'The shell whose profile gets the alias: bash, zsh or fish (default: from $SHELL)',
    validator: t.isEnum(['bash', 'zsh', 'fish'] as const),
  });
  mcp = Option.Boolean('--mcp', false, { description: 'The MCP server entry in ~/.claude.json' });
  status = Option.Boolean('--status', false, { description: 'Report each piece as installed, missing or outdated' });
  uninstall = Option.Boolean('--uninstall', false, { description: 'Remove everything parallel-cc added' });
  interactive = Option.Boolean('--interactive', false, { description: 'Ask about each piece (needs a terminal)' });
  dryRun = Option.Boolean('--dry-run', false, { description: 'Print the exact changes; write nothing' });
  json = Option.Boolean('--json', false, { description: 'Print the result as JSON' });

  override async execute(): Promise<number> {
    const ci = await import('@parallel-cc/claude-integration');
    const { env } = this.context;
    const home = env.HOME ?? os.homedir();
    assertInstallFlagsAgree(this.givenFlags());
    const repoRoot = await this.repoRoot();
    const binary = ci.stableBinaryPath({ running: process.argv[1] ?? '', env });

    if (this.status) {
      const shell = this.shell ?? safeShell(ci.detectShell, env);
      const pieces = ci.installationStatus({ home, env, binary, shell, repoRoot });
      if (this.json) writeJson(this.context, { binary, pieces });
      else for (const p of pieces) this.context.stdout.write(`${p.state.padEnd(9)} ${p.piece.padEnd(11)} ${p.file}${p.detail !== p.state ? `: ${p.detail}` : ''}\n`);
      return pieces.every((p) => p.state === 'installed') ? 0 : 1;
    }
    if (this.uninstall) {
      const changes = ci.uninstall({ home, env, localRepos: repoRoot ? [repoRoot] : [], dryRun: this.dryRun });
      return this.report(changes, ci);
    }

    const choice = this.interactive ? await this.ask() : this.chosenPieces();
    if (!choice.hooks && !choice.alias && !choice.mcp && !choice.migrate) {
      throw new UsageError('Say what to install: --all, --hooks, --alias or --mcp (or --status, --uninstall).');
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
    return this.report(changes, ci);
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

  private async repoRoot(): Promise<string | undefined> {
    const dir = path.resolve(this.context.cwd, this.repo ?? '.');
    const { resolveRepository } = await import('@parallel-cc/worktree-gtr');
    try {
      return (await resolveRepository(dir)).root;
    } catch (error) {
      if (this.repo !== undefined) throw error;
      return undefined;
    }
  }

  private report(changes: InstallChange[], text: { lineDiff(a: string | null, b: string | null): string; shellQuote(s: string): string }): number {
    const skipped = changes.some((c) => c.action === 'skipped');
    if (this.json) {
      writeJson(this.context, {
        dryRun: this.dryRun,
        changes: changes.map(({ piece, file, action, reason }) => ({ piece, file, action, ...(reason ? { reason } : {}) })),
      });
      return skipped ? 1 : 0;
    }
    const colors = colorsFor(this.context);
    const verb = this.dryRun ? 'would ' : '';
    if (changes.every((c) => c.action === 'unchanged')) this.context.stdout.write('Nothing to change: everything is already as asked.\n');
    for (const c of changes) {
      if (c.action === 'unchanged') {
        this.context.stdout.write(`unchanged ${c.piece}: ${c.file}\n`);
        continue;
      }
      if (c.action === 'skipped') {
        // Why a piece failed goes with the errors; stdout keeps what was done.
        this.context.stderr.write(`${colors.yellow('skipped')} ${c.piece}: ${c.reason}\n`);
        continue;
      }
      this.context.stdout.write(`${verb}${c.action} ${c.piece}: ${c.file}\n`);
      if (this.dryRun) {
        const lines = text.lineDiff(c.before, c.after).split('\n').map((l) => (l.startsWith('+') ? colors.green(l) : colors.red(l)));
        this.context.stdout.write(`${lines.map((l) => `    ${l}`).join('\n')}\n`);
      }
    }
    const profile = changes.find((c) => c.piece === 'alias' && (c.action === 'create' || c.action === 'update'));
    if (profile && !this.dryRun && !this.uninstall) {
      // A running shell read its profile when it started: the alias reaches only shells started after.
      this.context.stdout.write(`The alias works in new terminals; in this one, run: source ${/^[\w./-]+$/.test(profile.file) ? profile.file : text.shellQuote(profile.file)}\n`);
    }
    if (skipped) this.context.stderr.write('Skipped pieces were left as they were: fix what is named above, then run this again.\n');
    return skipped ? 1 : 0;
  }
}

function safeShell<T>(detect: (env: NodeJS.ProcessEnv) => T, env: NodeJS.ProcessEnv): T | undefined {
  try {
    return detect(env);
  } catch {
    return undefined;
  }
}
