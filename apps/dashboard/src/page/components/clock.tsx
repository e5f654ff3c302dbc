import { ago, clock, secondsSince } from '../format';
import { useNow } from '../state/use-now';

/** How long ago `since` was (`4s`, `3m`), kept current. */
export function Age({ since }: { since: string }) {
  return <>{ago(secondsSince(since, useNow()))}</>;
}

/** `at` as a local time (with the date when not today). */
export function Clock({ at }: { at: string }) {
  return <>{clock(at, useNow())}</>;
}
