// The programmatic face of @parallel-cc/cli (the bins are its main use): everything exported here is public.
export { createCli } from './cli';
export { runCli } from './run-cli';
export type { PccContext } from './context';
