import { placeholderFor } from './placeholders';

// clipanion renders a usage line as words separated by spaces, where an option is one bracketed
// segment: `[--mode #0]` (optional), `<--onto #0>` (required); `#0` stands for its value.
const SEGMENT = /\[[^\]]*\]|<[^>]*>|\S+/g;
const OPTION = /^([[<])(-[^\s\]>]*)((?: #\d+)*)[\]>]$/;

/** The command path of a usage line (`parallel-cc claims claim <path>` → `claims claim`). */
export function commandPathOf(usage: string): string {
  const words = usage.split(' ').slice(1);
  const end = words.findIndex((w) => !/^[a-z][a-z-]*$/.test(w));
  return words.slice(0, end === -1 ? words.length : end).join(' ');
}

/** A usage line with each option's value named (`[--mode <mode>]`) and required options shown bare (`--onto <branch>`). */
export function renderUsage(usage: string): string {
  const path = commandPathOf(usage);
  return (commandLine(usage).match(SEGMENT) ?? []).map((segment) => renderSegment(segment, path)).join(' ');
}

/**
 * The usage line of a command's own help, from its full usage line: its path, its required
 * options and its arguments, then `[options]` when it has optional ones (listed below it).
 */
export function shortUsage(fullUsage: string): string {
  const segments = commandLine(fullUsage).match(SEGMENT) ?? [];
  const optional = segments.filter((s) => s.startsWith('[-'));
  const kept = segments.filter((s) => !s.startsWith('[-'));
  const path = commandPathOf(fullUsage);
  const head = path === '' ? 1 : 1 + path.split(' ').length;
  const rest = kept.slice(head);
  return renderUsage([...kept.slice(0, head), ...rest.filter((s) => s.startsWith('<-')), ...(optional.length > 0 ? ['[options]'] : []), ...rest.filter((s) => !s.startsWith('<-'))].join(' '));
}

/** An option of a command's option list (`--mode #0`) with its value named (`--mode <mode>`). */
export function renderDefinition(definition: string, commandPath: string): string {
  return definition.replace(/^(\S+)((?: #\d+)*)$/, (_all, names: string, args: string) => `${names}${valueOf(names, args, commandPath)}`);
}

// The only trailing list is `run`'s agent command line (an Option.Proxy of at least one word):
// clipanion shows it as `<arg> ...`.
function commandLine(usage: string): string {
  return usage.replace(/(?: <arg>)? \.\.\.$/, ' ...');
}

function renderSegment(segment: string, path: string): string {
  if (segment === '...') return '-- <command> [args...]';
  const option = OPTION.exec(segment);
  if (!option) return segment;
  const [, open, names = '', args = ''] = option;
  const text = `${names}${valueOf(names, args, path)}`;
  return open === '<' ? text : `[${text}]`;
}

function valueOf(names: string, args: string, path: string): string {
  if (args === '') return '';
  const long = names.split(',').at(-1) ?? names;
  return ` <${placeholderFor(path, long)}>`;
}
