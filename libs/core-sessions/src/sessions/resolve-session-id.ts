import type { Kysely } from 'kysely';
import * as v from 'valibot';
import type { CoreSessionsTables } from '../db/schema';
import { SessionError } from '../errors';
import { parseInput, SessionIdSchema } from './inputs';

/** A session id to choose among, with how to show it when a prefix is ambiguous (its branch, say). */
export interface SessionIdCandidate {
  id: string;
  label: string;
}

/** Options for {@link resolveSessionId}. */
export interface ResolveSessionIdOptions {
  /** How the value is named in messages (default "session id"; e.g. "--session-id", "PARALLEL_CC_SESSION_ID"). */
  what?: string;
  /** The ids a prefix may name, instead of the `sessions` table's (a sandbox command: the runs' session ids, ended ones too). */
  candidates?: SessionIdCandidate[];
  /** The command that lists the ids, for the message when none matches (default `status`). */
  listedBy?: string;
}

/** The fewest hex characters a prefix must have: 4 leave 65,536 ids to tell apart. */
const MIN_PREFIX = 4;

/** A whole session id, or the start of one: at least 4 hex digits, then hex digits and dashes. */
const SessionIdTextSchema = v.pipe(
  v.string(),
  v.regex(
    new RegExp(`^(?:[0-9a-f]{${MIN_PREFIX}}[0-9a-f-]{0,32})$`, 'i'),
    'must be a UUID such as 123e4567-e89b-12d3-a456-426614174000, or 4 or more hex characters it starts with (`status` shows the first 8)',
  ),
);

/**
 * The full session id that `text` names: a whole UUID (in any case) as it is, lower-cased, for the
 * caller to look up; or the one session id, of the `sessions` table (or `options.candidates`), that
 * starts with `text` (4 or more hex characters, any case). A malformed value is `INVALID_INPUT`, a
 * prefix that no id or several ids start with is `SESSION_ID_UNMATCHED` or `SESSION_ID_AMBIGUOUS`
 * (naming the candidates): each a mistake in what was typed, and each message names the value.
 */
export async function resolveSessionId(db: Kysely<CoreSessionsTables>, text: string, options: ResolveSessionIdOptions = {}): Promise<string> {
  const what = options.what ?? 'session id';
  const prefix = parseInput(SessionIdTextSchema, text, what).toLowerCase();
  if (v.safeParse(SessionIdSchema, prefix).success) return prefix;
  const candidates = new Map((options.candidates ?? (await sessionCandidates(db, prefix))).filter((c) => c.id.toLowerCase().startsWith(prefix)).map((c) => [c.id, c.label]));
  const [only, ...others] = candidates.keys();
  if (only !== undefined && others.length === 0) return only;
  if (only === undefined) {
    throw new SessionError('SESSION_ID_UNMATCHED', `The ${what} ${prefix} matches no session: \`${options.listedBy ?? 'status'}\` lists them and their ids.`, {
      field: what,
      value: text,
    });
  }
  const shown = [...candidates].map(([id, label]) => `${prefix.length < 8 ? id.slice(0, 8) : id} (${label})`);
  throw new SessionError(
    'SESSION_ID_AMBIGUOUS',
    `The ${what} ${prefix} matches ${candidates.size} sessions: ${shown.join(', ')}; give more of its characters.`,
    { field: what, value: text, candidates: [...candidates.keys()] },
  );
}

async function sessionCandidates(db: Kysely<CoreSessionsTables>, prefix: string): Promise<SessionIdCandidate[]> {
  // Hex digits and dashes only (checked above), so the pattern holds no LIKE wildcards.
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'branch', 'is_main_repo', 'worktree_path'])
    .where('id', 'like', `${prefix}%`)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, label: row.is_main_repo ? `main checkout${row.branch ? ` on ${row.branch}` : ''}` : (row.branch ?? row.worktree_path) }));
}
