import { isObjectId } from '@parallel-cc/git';
import { readObjects } from '../read-objects';
import { SNAPSHOT_MESSAGE } from './worktree-snapshot';

/**
 * Which of `refs` are snapshots of a work tree's uncommitted work ({@link snapshotWorktree}'s
 * commits, named by id as previews name them): no branch holds them. One read through the kept
 * `git cat-file`; names that are not commit ids are never snapshots.
 */
export async function snapshotRefs(repo: string, refs: readonly string[]): Promise<string[]> {
  const ids = [...new Set(refs.filter(isObjectId))];
  if (ids.length === 0) return [];
  const objects = await readObjects(repo, ids, { mayBeMissing: true });
  return ids.filter((id) => {
    const text = objects.get(id)?.toString('utf8');
    return text !== undefined && text.startsWith('tree ') && text.slice(text.indexOf('\n\n') + 2).trim() === SNAPSHOT_MESSAGE;
  });
}
