import { commandGroups, groupHelp } from '../help/group-help';
import type { PccCli } from '../help/pcc-cli';
import { closest } from './closest';

/** What to do with a command line before clipanion parses it. */
export type Route = { args: string[] } | { print: string } | { usageError: string };

/**
 * Reads the command words of `args`: `help [command]` and `version` become `--help` and
 * `--version`, a group word alone (`claims`) lists the group's commands, and a command that does
 * not exist is refused with the closest one suggested. Everything else goes on to clipanion.
 */
export function route(args: string[], cli: PccCli): Route {
  if (args[0] === 'help') {
    const topic = args.slice(1).filter((a) => !a.startsWith('-'));
    return topic.length === 0 ? { args: ['--help'] } : route([...topic, '--help'], cli);
  }
  if (args[0] === 'version' && args.length === 1) return { args: ['--version'] };
  const end = args.findIndex((a) => a.startsWith('-'));
  const words = end === -1 ? args : args.slice(0, end);
  if (words.length === 0) return { args };
  const paths = cli.commandPaths();
  if (paths.some((p) => p.every((w, i) => words[i] === w))) return { args };
  const groups = commandGroups(cli);
  const hint = ` Run \`${cli.binaryName} --help\` for the list of commands.`;
  if (groups.includes(words[0]!)) {
    if (words.length === 1) return { print: groupHelp(cli, words[0]!) };
    const typed = words.slice(0, 2).join(' ');
    const inGroup = paths.filter((p) => p[0] === words[0]).map((p) => p.join(' '));
    return { usageError: `"${typed}" is not a command.${didYouMean(typed, inGroup)} Run \`${cli.binaryName} ${words[0]}\` for its commands.` };
  }
  const known = [...new Set([...paths.map((p) => p[0]!), 'help', 'version'])];
  return { usageError: `"${words[0]}" is not a command.${didYouMean(words[0]!, known)}${hint}` };
}

function didYouMean(typed: string, candidates: string[]): string {
  const near = closest(typed, candidates);
  return near === undefined ? '' : ` Did you mean "${near}"?`;
}
