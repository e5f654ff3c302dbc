import { credentialReason } from './credential-reason';
import { git } from './git';

/**
 * The credential files (by {@link credentialReason}) that any commit of the repository ever held:
 * the history bundle carries their contents even when the checked-out files leave them out.
 */
export async function credentialsInHistory(repo: string): Promise<Array<{ path: string; reason: string }>> {
  const names = (await git(repo, ['log', '--all', '--name-only', '--no-renames', '--format=', '-z'])).toString('utf8');
  const found = new Map<string, string>();
  for (const name of names.split('\0')) {
    const path = name.trim();
    const reason = path ? credentialReason(path) : null;
    if (reason && !found.has(path)) found.set(path, reason);
  }
  return [...found].map(([path, reason]) => ({ path, reason }));
}

/** The warning for credentials found in history, or null when there are none. */
export function historyCredentialsWarning(found: Array<{ path: string }>): string | null {
  if (found.length === 0) return null;
  const some = found.slice(0, 3).map((f) => f.path).join(', ');
  return (
    `${found.length} credential file(s) were committed to this repository at some point (${some}${found.length > 3 ? ', …' : ''}): ` +
    'the uploaded history (a git bundle) still holds their old contents. Remove them from the history (git filter-repo) ' +
    'and rotate those secrets, or accept that the sandbox receives them.'
  );
}
