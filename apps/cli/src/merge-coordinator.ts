import type { MergeCoordinator } from '@parallel-cc/merge-detector';
import type { PccContext } from './context';

/** Opens the database with the merge-detector's tables too, for one command, and closes it afterwards. */
export async function withMergeCoordinator<T>(context: PccContext, fn: (coordinator: MergeCoordinator) => Promise<T>): Promise<T> {
  const { openMergeCoordinator } = await import('@parallel-cc/merge-detector');
  const coordinator = await openMergeCoordinator(context.env);
  try {
    return await fn(coordinator);
  } finally {
    await coordinator.close();
  }
}
