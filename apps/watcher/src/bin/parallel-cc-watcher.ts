import { Cli } from 'clipanion';
import { WatcherCommand } from '../watcher-command';

const cli = new Cli({ binaryLabel: 'parallel-cc watcher', binaryName: 'parallel-cc-watcher', enableColors: false });
cli.register(WatcherCommand);

// Usage mistakes (an unknown option, a bad --interval) exit 2, failures 1, each with one line on
// stderr and no stack: the service's log stays readable.
async function main(args: string[]): Promise<number> {
  const context = Cli.defaultContext;
  let command;
  try {
    command = cli.process(args, context);
  } catch (error) {
    return fail(error, 2);
  }
  if (command.help) {
    context.stdout.write(cli.usage(command, { detailed: true }));
    return 0;
  }
  command.context = context;
  command.cli = cli;
  try {
    return (await command.validateAndExecute()) ?? 0;
  } catch (error) {
    const usage = error instanceof Error && (error as { clipanion?: { type?: string } }).clipanion?.type === 'usage';
    return fail(error, usage ? 2 : 1);
  }
}

function fail(error: unknown, code: number): number {
  process.stderr.write(`parallel-cc-watcher: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
  return code;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
