import { GitHelper } from './git-helper';

/**
 * How git processes are started: `auto` (the default) through the {@link GitHelper} once this
 * process is large (from 256 MB resident: below that, starting git directly costs no more), and
 * directly otherwise; `always` through the helper; `never` directly.
 */
export type GitLaunchMode = 'auto' | 'always' | 'never';

const LARGE_PROCESS_BYTES = 256 * 1024 * 1024;

const PLAIN_NODE = process.release.name === 'node' && process.versions['electron'] === undefined && process.versions['bun'] === undefined;

let mode: GitLaunchMode = 'auto';
let helper: GitHelper | null | undefined;

/** Sets how this process starts git from now on (see {@link GitLaunchMode}). */
export function setGitLaunchMode(next: GitLaunchMode): void {
  mode = next;
}

/**
 * The helper to start the next git with, or null to start it directly. In `auto` mode the helper
 * is started on the first need and used once it is up: no git waits for it.
 */
export function helperForNextGit(): GitHelper | null {
  if (mode === 'never' || (mode === 'auto' && process.memoryUsage.rss() < LARGE_PROCESS_BYTES)) return null;
  // The helper is this executable run with `-e`: only Node itself runs it so (Electron, say, would open an app).
  if (!PLAIN_NODE) return null;
  if (helper === undefined) {
    try {
      helper = new GitHelper();
    } catch {
      helper = null;
    }
  }
  if (!helper?.alive) return null;
  return mode === 'always' || helper.ready ? helper : null;
}
