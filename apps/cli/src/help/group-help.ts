import type { PccCli } from './pcc-cli';

/** The words that start a group of commands (`claims`, `hook`, `sandbox`). */
export function commandGroups(cli: PccCli): string[] {
  return [...new Set(cli.commandPaths().filter((p) => p.length > 1).map((p) => p[0]!))];
}

/** What `parallel-cc <group>` prints: each command of the group with its one-line description. */
export function groupHelp(cli: PccCli, group: string): string {
  const commands = cli
    .commandPaths()
    .filter((p) => p.length > 1 && p[0] === group)
    .map((p) => ({ name: p.slice(1).join(' '), description: cli.commandAt(p)?.usage?.description ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}    ${c.description}`);
  return `${cli.binaryName} ${group} <command>\n\n${lines.join('\n')}\n\nRun \`${cli.binaryName} ${group} <command> --help\` for a command's options.\n`;
}
