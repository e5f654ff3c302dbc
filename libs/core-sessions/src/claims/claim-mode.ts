/** How strongly a session claims a file: EXCLUSIVE (only me), SHARED (readers/light edits together), INTENT (heads-up only). */
export type ClaimMode = 'EXCLUSIVE' | 'SHARED' | 'INTENT';

/** Every claim mode, weakest first. */
export const CLAIM_MODES: readonly ClaimMode[] = ['INTENT', 'SHARED', 'EXCLUSIVE'];

/** A mode's rank: a claim escalates only to a higher one. */
export function claimStrength(mode: ClaimMode): number {
  return CLAIM_MODES.indexOf(mode);
}

/**
 * Whether another session's `held` claim on a file lets this one take `wanted`: EXCLUSIVE
 * excludes everything, SHARED coexists with SHARED and INTENT, INTENT with all but EXCLUSIVE.
 */
export function claimsCompatible(held: ClaimMode, wanted: ClaimMode): boolean {
  return held !== 'EXCLUSIVE' && wanted !== 'EXCLUSIVE';
}
