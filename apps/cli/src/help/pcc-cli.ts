import { Cli } from 'clipanion';
import type { CommandClass, Definition } from 'clipanion';
import type { PccContext } from '../context';
import { commandPathOf, renderDefinition, renderUsage, shortUsage } from './usage-text';

/**
 * clipanion's Cli with the help parallel-cc wants: every option's value named (`--onto <branch>`,
 * never `#0`), required options in every usage line, and the command paths at hand for routing.
 */
export class PccCli extends Cli<PccContext> {
  private readonly classes: Array<CommandClass<PccContext>> = [];

  override register(commandClass: CommandClass<PccContext>): void {
    super.register(commandClass);
    this.classes.push(commandClass);
  }

  /** Every registered command path (aliases included), as words. */
  commandPaths(): string[][] {
    return this.classes.flatMap((c) => c.paths ?? []).filter((p) => p.length > 0 && !p[0]!.startsWith('-'));
  }

  /** The registered command class whose paths include `path`. */
  commandAt(path: string[]): CommandClass<PccContext> | undefined {
    return this.classes.find((c) => (c.paths ?? []).some((p) => p.join(' ') === path.join(' ')));
  }

  /** The older flags the command at `path` still accepts out of its help (its `static olderOptions`). */
  olderOptionsAt(path: string[]): readonly string[] {
    return (this.commandAt(path) as { olderOptions?: readonly string[] } | undefined)?.olderOptions ?? [];
  }

  /** The help of the command at `path` (any of its paths): its usage line and its options. */
  definitionAt(path: string[]): Definition | undefined {
    const main = this.commandAt(path)?.paths?.[0];
    return main && this.definitions().find((d) => d.path === [this.binaryName, ...main].join(' '));
  }

  // Every usage clipanion prints (the command list, a command's help, definitions) comes through here.
  protected override getUsageByIndex(n: number, opts?: { detailed?: boolean; inlineOptions?: boolean }) {
    const usage = super.getUsageByIndex(n, opts);
    if (opts?.detailed === false) return usage;
    const path = commandPathOf(usage.usage);
    const options = usage.options.map((o) => ({ ...o, definition: renderDefinition(o.definition, path) }));
    if (opts?.inlineOptions !== false) return { usage: renderUsage(usage.usage), options };
    // A command's own help lists its options below; its usage line keeps the required ones.
    return { usage: shortUsage(super.getUsageByIndex(n, { detailed: true, inlineOptions: true }).usage), options };
  }
}
