import { plural } from '@parallel-cc/core-sessions';
import { localRepo } from '../local-repo';
import { exclusionRules } from './exclusion-rules';
import type { ExcludedFile } from './select-upload';

/**
 * The files the upload leaves out ({@link exclusionRules}: credentials, `.e2bignore`) that any
 * commit of any ref of the repository ever held, deleted ones included. When there are some, the
 * history must not be uploaded: a bundle of it would carry their old contents.
 */
export async function excludedInHistory(top: string): Promise<ExcludedFile[]> {
  const excludedBecause = exclusionRules(top);
  const names = (await localRepo(top).bytes(['log', '--all', '--name-only', '--no-renames', '--format=', '-z'])).toString('utf8');
  const found = new Map<string, string>();
  for (const file of names.split('\0')) {
    const reason = file && !found.has(file) ? excludedBecause(file) : null;
    if (reason) found.set(file, reason);
  }
  return [...found].map(([path, reason]) => ({ path, reason }));
}

/** What a run says when it uploads without the history because of `found`; null when nothing was found. */
export function historyWithheldNote(found: ReadonlyArray<{ path: string }>): string | null {
  if (found.length === 0) return null;
  const some = found.slice(0, 3).map((f) => f.path).join(', ');
  return (
    `${plural(found.length, 'file')} that ${found.length === 1 ? 'is never uploaded was' : 'are never uploaded were'} committed to this repository at some point (${some}${found.length > 3 ? ', …' : ''}), ` +
    'so its history stays on this machine: the sandbox gets one commit of the current files, and what comes back is replayed onto your history. ' +
    'To give sandboxes the history, remove those files from it (git filter-repo) and rotate any secret they held.'
  );
}
