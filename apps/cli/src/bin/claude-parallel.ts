import { createCli } from '../cli';
import { colorsFor } from '../output/colors';
import { runCli } from '../run-cli';
import { processContext } from './process-context';

// claude-parallel [args…] is `parallel-cc run -- claude [args…]`.
const context = processContext();
const cli = createCli({ binaryName: 'claude-parallel', colors: colorsFor(context).isColorSupported });
runCli(['run', '--', 'claude', ...process.argv.slice(2)], context, cli).then((code) => {
  process.exitCode = code;
});
