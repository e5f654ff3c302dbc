import type { PccCli } from '../help/pcc-cli';
import { closest } from './closest';

/**
 * One sentence saying why clipanion could not parse `args`, which start with a known command (or
 * with no command): an unknown option with the closest one suggested, a required option missing
 * with its value's name, a missing argument by name, else clipanion's own first line; then where to read the usage.
 */
export function explainParseError(error: unknown, args: string[], cli: PccCli): string {
  const path = commandPathIn(args, cli);
  const name = path.join(' ');
  const options = optionsOf(cli, path);
  const known = [...options.map((o) => o.name), '--help', '-h', ...(path.length === 0 ? ['--version', '-v'] : [])];
  const help = ` Run \`${cli.binaryName}${name ? ` ${name}` : ''} --help\` for usage.`;
  // An older flag is an option still (never suggested: the help no longer shows it).
  const unknown = unknownOption(args.slice(path.length), options, [...known, ...cli.olderOptionsAt(path)]);
  if (unknown !== undefined) {
    const near = closest(unknown, known.filter((k) => k.startsWith('--')));
    return `${name ? `${name} has no option ${unknown}` : `${unknown} is not an option`}.${near ? ` Did you mean ${near}?` : ''}${help}`;
  }
  const missing = options.filter((o) => o.required && !args.some((a) => a === o.name || a.startsWith(`${o.name}=`)));
  if (missing.length > 0) return `${name} needs ${missing.map((o) => o.definition).join(' and ')}.${help}`;
  if (name && takesCommandLine(cli, path) && !hasCommandLine(args.slice(path.length), options)) return needsCommand(name);
  const text = error instanceof Error ? error.message.trim().split('\n')[0]! : String(error);
  const positionals = requiredPositionals(cli, path);
  if (name && positionals.length > 0 && text.startsWith('Not enough positional arguments')) return `${name} needs ${positionals.join(' ')}.${help}`;
  const said = text.startsWith('Command not found') ? `These arguments do not fit ${name || 'any command'}.` : text;
  return `${said.replace(/([^.])$/, '$1.')}${help}`;
}

/** What a command that runs another program (`run`) says when that program is missing. */
export function needsCommand(name: string): string {
  return `${name} needs a command after --: the agent to run, e.g. \`parallel-cc ${name} -- claude\`.`;
}

interface OptionInfo {
  name: string;
  definition: string;
  required: boolean;
  takesValue: boolean;
}

/** The longest registered command path that `args` start with (empty when none). */
function commandPathIn(args: string[], cli: PccCli): string[] {
  const fits = cli.commandPaths().filter((p) => p.every((w, i) => args[i] === w));
  return fits.sort((a, b) => b.length - a.length)[0] ?? [];
}

function optionsOf(cli: PccCli, path: string[]): OptionInfo[] {
  return (cli.definitionAt(path)?.options ?? []).flatMap((o) => {
    const [names = '', ...value] = o.definition.split(' ');
    return names.split(',').map((n) => ({ name: n, definition: o.definition, required: o.required, takesValue: value.length > 0 }));
  });
}

/** Whether the command passes a command line on (an Option.Proxy: its usage ends in `-- <command> [args...]`). */
function takesCommandLine(cli: PccCli, path: string[]): boolean {
  return cli.definitionAt(path)?.usage.endsWith('-- <command> [args...]') ?? false;
}

/** Whether anything but the command's own options (and `--`) was given. */
function hasCommandLine(rest: string[], options: OptionInfo[]): boolean {
  const end = rest.indexOf('--');
  if (end !== -1) return end < rest.length - 1;
  for (let i = 0; i < rest.length; i++) {
    const option = options.find((o) => o.name === rest[i]!.split('=')[0]);
    if (!option) return true;
    if (option.takesValue && !rest[i]!.includes('=')) i++;
  }
  return false;
}

/** The arguments a command cannot do without (`<path>`), from its usage line. */
function requiredPositionals(cli: PccCli, path: string[]): string[] {
  const usage = cli.definitionAt(path)?.usage ?? '';
  return usage.split(' ').filter((w) => /^<[^-]/.test(w));
}

/** The first option-like word before `--` that is not one of the command's. */
function unknownOption(rest: string[], options: OptionInfo[], known: string[]): string | undefined {
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--') return undefined;
    if (!arg.startsWith('-')) continue;
    const flag = arg.split('=')[0]!;
    if (!known.includes(flag)) return flag;
    if (!arg.includes('=') && options.find((o) => o.name === flag)?.takesValue) i++;
  }
  return undefined;
}
