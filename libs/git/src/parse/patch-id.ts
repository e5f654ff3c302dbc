import { isObjectId } from './object-id';

/** Reads `git patch-id` output (`<patch id> <commit>` lines) as commit → patch id. */
export function parsePatchIds(output: string): Map<string, string> {
  const ids = new Map<string, string>();
  for (const line of output.split('\n')) {
    const [patchId, commit] = line.split(' ');
    // patch-id names a patch it could not tie to a commit with the null id; nothing can match it.
    if (patchId && commit && isObjectId(commit) && !/^0+$/.test(commit)) ids.set(commit, patchId);
  }
  return ids;
}
