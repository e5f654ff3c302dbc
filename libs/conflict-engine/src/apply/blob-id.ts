import { createHash } from 'node:crypto';

/** The hash a repository names its objects with: SHA-1 (40 hex digits) or SHA-256 (64). */
export type ObjectFormat = 'sha1' | 'sha256';

/** The object format `id` is written in, from its length; null when `id` is not a blob id. */
export function objectFormatOf(id: string): ObjectFormat | null {
  if (/^[0-9a-f]{40}$/.test(id)) return 'sha1';
  if (/^[0-9a-f]{64}$/.test(id)) return 'sha256';
  return null;
}

/**
 * The id git gives `bytes` as a blob: the hash of `blob <length>\0<bytes>`. Computed in-process,
 * so checking a file costs no git process; it equals `git hash-object` when no filter applies.
 */
export function blobId(bytes: Buffer, format: ObjectFormat): string {
  return createHash(format).update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}
