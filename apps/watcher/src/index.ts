// The programmatic face of @parallel-cc/watcher (the bin is its main use): everything exported here is public.
export { WatcherCommand } from './watcher-command';
