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
  const groups = commandGroups(cli);
  const matched = paths.filter((p) => p.every((w, i) => words[i] === w));
  if (matched.length > 0 && !mistypedSubcommand(words, matched, groups, cli)) return { args };
  const hint = ` Run \`${cli.binaryName} --help\` for the list of commands.`;
  if (groups.includes(words[0]!)) {
    if (words.length === 1) return { print: groupHelp(cli, words[0]!) };
    const typed = words.slice(0, 2).join(' ');
    const inGroup = paths.filter((p) => p[0] === words[0] && p.length > 1).map((p) => p.join(' '));
    // A group word that is a command too (`conflicts`) runs that command: the general help lists the group.
    const listing = cli.commandAt([words[0]!]) ? hint : ` Run \`${cli.binaryName} ${words[0]}\` for its commands.`;
    return { usageError: `"${typed}" is not a command.${didYouMean(typed, inGroup)}${listing}` };
  }
  const known = [...new Set([...paths.map((p) => p[0]!), 'help', 'version'])];
  return { usageError: `"${words[0]}" is not a command.${didYouMean(words[0]!, known)}${hint}` };
}

function didYouMean(typed: string, candidates: string[]): string {
  const near = closest(typed, candidates);
  return near === undefined ? '' : ` Did you mean "${near}"?`;
}

/**
 * Whether `words` are a group word that is a command of its own (`conflicts`), taking no
 * arguments, followed by a word that is none of its subcommands (`conflicts histroy`).
 */
function mistypedSubcommand(words: string[], matched: string[][], groups: string[], cli: PccCli): boolean {
  const longest = Math.max(...matched.map((p) => p.length));
  return longest === 1 && words.length > 1 && groups.includes(words[0]!) && !takesArguments(cli, [words[0]!]);
}

/** Whether the command at `path` takes arguments besides its options (`<id>`, `[path]`, `-- <command>`). */
function takesArguments(cli: PccCli, path: string[]): boolean {
  const usage = cli.definitionAt(path)?.usage ?? '';
  return usage
    .split(' ')
    .slice(1 + path.length)
    .some((word) => word !== '[options]' && /^(<[^-]|\[[^-]|--$)/.test(word));
}
