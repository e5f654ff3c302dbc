import { Cli } from 'clipanion';
import { WatcherCommand } from '../watcher-command';

const cli = new Cli({ binaryLabel: 'parallel-cc watcher', binaryName: 'parallel-cc-watcher', enableColors: false });
cli.register(WatcherCommand);
cli
  .run(process.argv.slice(2), Cli.defaultContext)
  .catch((error: Error) => {
    process.stderr.write(`parallel-cc-watcher: ${error.message}\n`);
    return 1;
  })
  .then((code) => {
    process.exitCode = code;
  });
