/**
 * Calls `fn` `ms` after the first `schedule` of a burst; the burst's later calls ride along. Unlike
 * a debounce that waits for quiet, a steady stream of changes (heartbeats) cannot hold it back.
 */
export function debounce(ms: number, fn: () => void): { schedule(): void; cancel(): void } {
  let timer: NodeJS.Timeout | null = null;
  return {
    schedule() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        fn();
      }, ms);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
