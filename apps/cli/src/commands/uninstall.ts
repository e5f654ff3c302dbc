import { Command, Option } from 'clipanion';
import type { PccContext } from '../context';
import { installTarget, reportChanges } from '../install-support';

/** `parallel-cc uninstall`: removes everything `install` added for Claude Code. */
export class UninstallCommand extends Command<PccContext> {
  static override paths = [['uninstall']];
  static override usage = Command.Usage({
    category: 'Setup',
    description: 'Remove the hooks, the claude alias and the MCP server entry that parallel-cc added',
    details: `
      Removes exactly what \`install\` added: the hooks from \`~/.claude/settings.json\` (and from \`<repo>/.claude/settings.local.json\` inside a repository, or the one of \`--repo\`), the MCP server entry from \`~/.claude.json\`, and the alias from every shell's profile. Every other setting stays as it was; a folder install created, such as \`<repo>/.claude\`, goes too when nothing else is in it. A settings file that is not valid JSON is never overwritten: that piece is skipped, the others are removed, and the command says what was skipped and why (exit 1). \`--dry-run\` prints the exact changes and writes nothing. The database is left alone.

      The older spelling \`install --uninstall\` still works.
    `,
    examples: [
      ['Remove everything parallel-cc added', '$0 uninstall'],
      ['See what would be removed', '$0 uninstall --dry-run'],
    ],
  });

  repo = Option.String('--repo', { description: 'Also the local hooks of this repository (default: the current folder, when in one)' });
  dryRun = Option.Boolean('--dry-run', false, { description: 'Print the exact changes; write nothing' });
  json = Option.Boolean('--json', false, { description: 'Print the result as JSON' });

  override execute(): Promise<number> {
    return uninstallEverything(this.context, { repo: this.repo, dryRun: this.dryRun, json: this.json });
  }
}

/** claude-integration's uninstall, for every shell and the repository if any; prints what changed. */
export async function uninstallEverything(context: PccContext, options: { repo: string | undefined; dryRun: boolean; json: boolean }): Promise<number> {
  const { ci, env, home, repoRoot } = await installTarget(context, options.repo);
  const changes = ci.uninstall({ home, env, localRepos: repoRoot ? [repoRoot] : [], dryRun: options.dryRun });
  return reportChanges(context, changes, { json: options.json, dryRun: options.dryRun, uninstall: true }, ci);
}
