import { gitFailure, runGitSync } from '@parallel-cc/git';
import { addMarkedBlock, markedBlockBody, removeMarkedBlock } from '../files/marked-block';

/** The line that keeps `.claude/settings.local.json` out of commits, as git's exclude file reads it. */
const PATTERN = '/.claude/settings.local.json\n';

/**
 * The exclude file's text with our block when git would otherwise offer the local settings for
 * a commit; unchanged when the repository already ignores them (its `.gitignore`, say) or our
 * block is there.
 */
export function withLocalSettingsExcluded(repoRoot: string): (text: string | null) => string | null {
  const ignoredAlready = localSettingsIgnored(repoRoot);
  return (text) => (markedBlockBody(text) !== null || !ignoredAlready ? addMarkedBlock(text, PATTERN) : text);
}

/** The exclude file's text without our block, byte for byte as before. */
export const withoutLocalSettingsExcluded = removeMarkedBlock;

/** Whether git's ignore rules (`.gitignore`, `info/exclude`, the global ones) keep the local settings out of commits. */
export function localSettingsIgnored(repoRoot: string): boolean {
  // --no-index: the pattern rules alone, whether or not the file exists or is tracked.
  const args = ['check-ignore', '-q', '--no-index', '--', '.claude/settings.local.json'];
  const result = runGitSync(repoRoot, args);
  if (result.exitCode === 0) return true;
  if (result.exitCode === 1) return false;
  throw gitFailure(repoRoot, args, result);
}
