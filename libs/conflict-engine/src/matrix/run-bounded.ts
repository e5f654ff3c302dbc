/**
 * Runs `task` on every item with at most `limit` tasks in flight and resolves with their results
 * in the order of `items`, whatever order they finish in. Tasks are expected to report their own
 * failures in their result: one that throws rejects the whole run, and no further task starts.
 */
export async function runBounded<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let stopped = false;
  // Each worker takes the next unstarted item when its last one settles; JavaScript's single
  // thread makes `next++` an atomic claim.
  const worker = async (): Promise<void> => {
    while (!stopped && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index] as T, index);
      } catch (error) {
        stopped = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.min(limit, items.length) }, worker);
  await Promise.all(workers);
  return results;
}
