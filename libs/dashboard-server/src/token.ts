import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A new random access token: 32 bytes from the system's CSPRNG, base64url (43 characters). */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether `offered` is the token, compared in constant time. */
export function tokenMatches(token: string, offered: string | undefined | null): boolean {
  if (typeof offered !== 'string') return false;
  const a = Buffer.from(token);
  const b = Buffer.from(offered);
  return a.length === b.length && timingSafeEqual(a, b);
}
