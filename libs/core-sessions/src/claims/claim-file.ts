import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Coordinator } from '../db/open-database';
import type { CoreSessionsTables, SessionsTable } from '../db/schema';
import { immediateTransaction } from '../db/transaction';
import { SessionError } from '../errors';
import { parseInput, SessionIdSchema } from '../sessions/inputs';
import { findActiveSession } from '../sessions/lookup';
import { ClaimModeSchema, ClaimTimeSchema, ClaimTtlSchema, DEFAULT_CLAIM_TTL_SECONDS } from './claim-inputs';
import { claimsCompatible, claimStrength } from './claim-mode';
import type { ClaimMode } from './claim-mode';
import { normaliseClaimPath } from './claim-path';
import { sessionLabel, notifyHolders } from './conflict-notice';
import { countingClaims } from './counting-claims';
import type { HeldClaim } from './counting-claims';
import { toFileClaim } from './file-claim';
import type { FileClaim } from './file-claim';

/** Options for {@link claimFile}. */
export interface ClaimFileOptions {
  sessionId: string;
  /** Absolute (inside the session's worktree or the main checkout) or relative to the session's worktree. */
  filePath: string;
  /** Default EXCLUSIVE. */
  mode?: ClaimMode;
  /** How long the claim lasts without a heartbeat: 60 to 604800 seconds, default 86400. */
  ttlSeconds?: number;
  now?: Date;
}

/** What {@link claimFile} decided: the claim now held, or who holds the file in a way that refuses it. */
export type ClaimOutcome =
  | { granted: true; claim: FileClaim; escalatedFrom: ClaimMode | null; message: string }
  | { granted: false; filePath: string; mode: ClaimMode; holders: FileClaim[]; message: string };

type Decision = { outcome: ClaimOutcome; blocking: HeldClaim[] };

/**
 * Announces that a live session is about to change a file. Reading the file's claims, deciding
 * and writing are one `BEGIN IMMEDIATE` transaction, so two processes never both get an EXCLUSIVE
 * claim. A refused claim notifies each holder (`claim-conflict`).
 */
export async function claimFile(coordinator: Coordinator, options: ClaimFileOptions): Promise<ClaimOutcome> {
  const sessionId = parseInput(SessionIdSchema, options.sessionId, 'session id');
  const mode = parseInput(ClaimModeSchema, options.mode ?? 'EXCLUSIVE', 'claim mode');
  const ttlSeconds = parseInput(ClaimTtlSchema, options.ttlSeconds ?? DEFAULT_CLAIM_TTL_SECONDS, 'claim TTL');
  const now = parseInput(ClaimTimeSchema, options.now ?? new Date(), 'claim time');
  const session = await findActiveSession(coordinator.db, { sessionId });
  if (!session) throw notFound(sessionId);
  const filePath = normaliseClaimPath({ repoRoot: session.repo_path, worktreePath: session.worktree_path, filePath: options.filePath });
  const { outcome, blocking } = await immediateTransaction(coordinator.db, (trx) =>
    decide(trx, { session, filePath, mode, ttlSeconds, now }),
  );
  // After the commit: the transaction holds the only connection, and holders may hear of it late.
  if (blocking.length > 0) await notifyHolders(coordinator, session, mode, blocking);
  return outcome;
}

async function decide(
  trx: Kysely<CoreSessionsTables>,
  want: { session: SessionsTable; filePath: string; mode: ClaimMode; ttlSeconds: number; now: Date },
): Promise<Decision> {
  const { session, filePath, mode, ttlSeconds, now } = want;
  // The session may have been released since it was looked up.
  const stillThere = await trx
    .selectFrom('sessions')
    .select('id')
    .where('id', '=', session.id)
    .where('status', 'in', ['active', 'registering'])
    .executeTakeFirst();
  if (!stillThere) throw notFound(session.id);
  const claims = await countingClaims(trx, { repoPath: session.repo_path, filePath }, now);
  const own = claims.find((c) => c.session_id === session.id);
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000).toISOString();

  if (own && claimStrength(mode) <= claimStrength(own.mode)) {
    const row = await trx
      .updateTable('file_claims')
      .set({ ttl_seconds: ttlSeconds, expires_at: expiresAt })
      .where('id', '=', own.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const covers = mode === own.mode ? '' : `, which covers ${mode}`;
    const message = `You already hold ${filePath} ${own.mode}${covers}; kept that claim and moved its expiry to ${expiresAt}.`;
    return { outcome: { granted: true, claim: toFileClaim(row), escalatedFrom: null, message }, blocking: [] };
  }

  const blocking = claims.filter((c) => c.session_id !== session.id && !claimsCompatible(c.mode, mode));
  if (blocking.length > 0) {
    const who = blocking
      .map((c) => `${sessionLabel({ id: c.session_id, branch: c.branch })} holds it ${c.mode} until ${c.expires_at}`)
      .join('; ');
    const kept = own ? ` Your ${own.mode} claim stays.` : '';
    const message = `Cannot claim ${filePath} ${mode}: ${who}. They have been asked to release it when done.${kept}`;
    return { outcome: { granted: false, filePath, mode, holders: blocking.map(toFileClaim), message }, blocking };
  }

  if (own) {
    const row = await trx
      .updateTable('file_claims')
      .set({ mode, ttl_seconds: ttlSeconds, claimed_at: now.toISOString(), expires_at: expiresAt })
      .where('id', '=', own.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const message = `Escalated your claim on ${filePath} from ${own.mode} to ${mode}; it lasts until ${expiresAt}.`;
    return { outcome: { granted: true, claim: toFileClaim(row), escalatedFrom: own.mode, message }, blocking: [] };
  }

  const row = await trx
    .insertInto('file_claims')
    .values({
      id: randomUUID(),
      session_id: session.id,
      repo_path: session.repo_path,
      file_path: filePath,
      mode,
      ttl_seconds: ttlSeconds,
      claimed_at: now.toISOString(),
      expires_at: expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const message = `Claimed ${filePath} ${mode} until ${expiresAt}.`;
  return { outcome: { granted: true, claim: toFileClaim(row), escalatedFrom: null, message }, blocking: [] };
}

function notFound(sessionId: string): SessionError {
  const message = `No live session with id ${sessionId} is registered; only running sessions can claim files.`;
  return new SessionError('SESSION_NOT_FOUND', message, { sessionId });
}
