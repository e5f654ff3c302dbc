import * as os from 'node:os';
import { claudeParallel } from '../claude-parallel';
import { processContext } from './process-context';

// claude-parallel [args…] is `parallel-cc run -- claude [args…]`, or claude itself where no session belongs.
claudeParallel(process.argv.slice(2), processContext()).then(({ code, signal }) => {
  if (signal === null) {
    process.exitCode = code ?? 1;
    return;
  }
  // End the way claude ended, as exec would; the exit code stands in should the signal be ignored.
  process.exitCode = 128 + (os.constants.signals[signal] ?? 0);
  process.kill(process.pid, signal);
});
