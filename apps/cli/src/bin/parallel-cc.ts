import { runCli } from '../run-cli';
import { processContext } from './process-context';

runCli(process.argv.slice(2), processContext()).then((code) => {
  process.exitCode = code;
});
