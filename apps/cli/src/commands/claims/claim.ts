import { Command, Option, UsageError } from 'clipanion';
import type { ClaimMode } from '@parallel-cc/core-sessions';
import { withCoordinator, writeJson } from '../../coordinator';
import type { PccContext } from '../../context';
import { callingSession, claimPathArgument } from './calling-session';

const MODES: Record<string, ClaimMode> = { exclusive: 'EXCLUSIVE', shared: 'SHARED', intent: 'INTENT' };

/** `parallel-cc claims claim`: announce that this session is about to change a file. */
export class ClaimsClaimCommand extends Command<PccContext> {
  static override paths = [['claims', 'claim']];
  static override usage = Command.Usage({
    category: 'Claims',
    description: 'Claim a file this session is about to change',
    details: `
      Between different sessions, \`exclusive\` excludes every other claim, \`shared\` coexists with \`shared\` and \`intent\`, and \`intent\` with everything but \`exclusive\`. Claiming a file again with a stronger mode escalates the claim (intent → shared → exclusive) when the other sessions' claims allow it; the same or a weaker mode keeps the claim held and moves its expiry.

      A claim lasts \`--ttl\` seconds (60 to 604800, default 86400); every heartbeat of the session starts that time again, and it ends with the session. The path may be absolute (inside the session's worktree or the main checkout) or relative to the current folder (to the session's worktree when the current folder is outside it); the file need not exist yet.

      When the claim is refused the command prints who holds the file, tells them through their next hook call, and exits 1. The session is \`--session-id\`, else PARALLEL_CC_SESSION_ID, else the session working in the current folder.
    `,
    examples: [
      ['Claim a file exclusively', '$0 claims claim src/index.ts'],
      ['Say you will touch a file, without keeping others out', '$0 claims claim src/config.ts --mode intent'],
      ['Claim for an hour, as JSON', '$0 claims claim src/index.ts --ttl 3600 --json'],
    ],
  });

  filePath = Option.String({ name: 'path' });
  mode = Option.String('--mode', { description: 'exclusive (default), shared or intent, in any case (as claim_file\u2019s mode)' });
  ttl = Option.String('--ttl', { description: 'Seconds the claim lasts without a heartbeat: 60 to 604800 (default 86400)' });
  sessionId = Option.String('--session-id', { description: 'The claiming session (default: PARALLEL_CC_SESSION_ID, else the session of the current folder)' });
  json = Option.Boolean('--json', false, { description: 'Print the outcome as JSON' });

  override async execute(): Promise<number> {
    const mode = this.mode === undefined ? undefined : MODES[this.mode.toLowerCase()];
    if (this.mode !== undefined && mode === undefined) {
      throw new UsageError(`--mode "${this.mode}" is not a claim mode: use exclusive, shared or intent.`);
    }
    const ttlSeconds = this.ttl === undefined ? undefined : parseTtl(this.ttl);
    const { claimFile } = await import('@parallel-cc/core-sessions');
    const outcome = await withCoordinator(this.context, async (c) => {
      const session = await callingSession(c, this.context, this.sessionId);
      const filePath = claimPathArgument(session, this.context.cwd, this.filePath);
      return claimFile(c, { sessionId: session.id, filePath, mode, ttlSeconds });
    });
    if (this.json) {
      writeJson(this.context, outcome);
    } else {
      this.context.stdout.write(`${outcome.message}\n`);
      if (!outcome.granted) {
        const { holderLines } = await import('./claims-table');
        this.context.stdout.write(holderLines(outcome.holders));
      }
    }
    return outcome.granted ? 0 : 1;
  }
}

/** `--ttl` as a whole number of seconds; the range is the lib's to check, and it says so. */
function parseTtl(value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new UsageError(`--ttl ${JSON.stringify(value.slice(0, 80))} is not valid: use a whole number of seconds from 60 to 604800.`);
  return Number(value);
}
