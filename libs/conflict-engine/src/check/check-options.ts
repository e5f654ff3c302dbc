import { ConflictEngineError } from '../errors';
import { assertValidRef } from '../refs';
import type { CheckCache } from './check-cache';
import type { CheckRun } from './check-report';

/** What {@link checkMergedBranches} checks, with which command, within which limits. */
export interface MergedCheckOptions {
  /** Any folder of the repository. */
  repo: string;
  /** The branches (or commits) to merge together: the live sessions' work. */
  branches: string[];
  /** The shell command to run in the merged tree (see `readCheckConfig`); exit code 0 passes. */
  command: string;
  /** The ref every set is merged onto (the sessions' base branch); default: the first branch of each set. */
  base?: string;
  /** Kill a run after this many milliseconds (default 600,000: ten minutes). */
  timeoutMs?: number;
  /** At most this many runs of the command in one check (default 32); past it the report is `incomplete`. */
  maxRuns?: number;
  /** Results per set of tips (default: none kept). */
  cache?: CheckCache;
  /** The command's environment before known credentials are removed (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** The folder whose `node_modules` is linked into the scratch worktree (default: the main checkout; null: none). */
  nodeModulesFrom?: string | null;
  /** Called after each run (or cached answer), e.g. for progress on stderr. */
  onRun?: (run: CheckRun) => void;
}

/** Refuses options that cannot make a check (`INVALID_INPUT`, `INVALID_REF`) before anything runs. */
export function assertMergedCheckOptions(options: MergedCheckOptions): void {
  if (typeof options.command !== 'string' || options.command.trim() === '') {
    throw new ConflictEngineError('INVALID_INPUT', 'The check command is empty: set one with `git config parallel-cc.check "<command>"`.', {});
  }
  if (options.branches.length === 0) throw new ConflictEngineError('INVALID_INPUT', 'There are no branches to check: give at least one.', {});
  for (const ref of options.branches) assertValidRef(ref, 'branch');
  if (options.base !== undefined) assertValidRef(options.base, 'base');
  wholeNumber(options.timeoutMs, 'timeoutMs', 'a number of milliseconds');
  wholeNumber(options.maxRuns, 'maxRuns', 'a number of runs');
}

function wholeNumber(value: number | undefined, name: string, what: string): void {
  if (value === undefined || (Number.isSafeInteger(value) && value >= 1)) return;
  throw new ConflictEngineError('INVALID_INPUT', `The ${name} ${String(value)} is not valid: give ${what}, a whole number from 1 up.`, { [name]: value });
}
