import { Command, Option, UsageError } from 'clipanion';
import { withCoordinator, writeJson } from '../../coordinator';
import type { PccContext } from '../../context';
import { callingSession, claimPathArgument } from './calling-session';

/** `parallel-cc claims release`: give up a claim (or all of a session's claims). */
export class ClaimsReleaseCommand extends Command<PccContext> {
  static override paths = [['claims', 'release']];
  static override usage = Command.Usage({
    category: 'Claims',
    description: 'Release a claimed file, or every claim of the session',
    details: `
      Name the file as it was claimed (relative to the current folder, or absolute), or give \`--all\`. Claims are released anyway when the session ends. Exits 1 when the session held no claim on the file.

      With \`--json\`, prints \`{released, claim}\` for one file and \`{sessionId, releasedCount}\` with \`--all\`. The session is \`--session-id\`, else PARALLEL_CC_SESSION_ID, else the session working in the current folder.
    `,
    examples: [
      ['Release one file', '$0 claims release src/index.ts'],
      ['Release every claim of the session', '$0 claims release --all'],
    ],
  });

  filePath = Option.String({ name: 'path', required: false });
  all = Option.Boolean('--all', false, { description: 'Release every claim of the session' });
  sessionId = Option.String('--session-id', { description: 'The releasing session (default: PARALLEL_CC_SESSION_ID, else the session of the current folder)' });
  json = Option.Boolean('--json', false, { description: 'Print what was released as JSON' });

  override async execute(): Promise<number> {
    const { filePath, all } = this;
    if (all === (filePath !== undefined)) {
      throw new UsageError('Name the file to release, or give --all to release every claim of the session (not both).');
    }
    const core = await import('@parallel-cc/core-sessions');
    if (filePath === undefined) {
      const result = await withCoordinator(this.context, async (c) => {
        const session = await callingSession(c, this.context, this.sessionId);
        return { sessionId: session.id, releasedCount: await core.releaseSessionClaims(c.db, session.id) };
      });
      if (this.json) writeJson(this.context, result);
      else this.context.stdout.write(`Released ${core.plural(result.releasedCount, 'claim')} of session ${result.sessionId.slice(0, 8)}.\n`);
      return 0;
    }
    const result = await withCoordinator(this.context, async (c) => {
      const session = await callingSession(c, this.context, this.sessionId);
      return core.releaseFile(c, { sessionId: session.id, filePath: claimPathArgument(session, this.context.cwd, filePath) });
    });
    if (this.json) writeJson(this.context, result);
    else if (result.claim) this.context.stdout.write(`Released your ${result.claim.mode} claim on ${result.claim.filePath}.\n`);
    else this.context.stdout.write(`This session held no claim on ${filePath}.\n`);
    return result.released ? 0 : 1;
  }
}
