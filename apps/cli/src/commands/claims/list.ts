import * as path from 'node:path';
import { Command, Option } from 'clipanion';
import { withCoordinator, writeJson } from '../../coordinator';
import type { PccContext } from '../../context';
import { wholeSessionId } from '../../session-id';

/** `parallel-cc claims list`: which files sessions have announced they will change. */
export class ClaimsListCommand extends Command<PccContext> {
  static override paths = [['claims', 'list']];
  static override usage = Command.Usage({
    category: 'Claims',
    description: 'List the files sessions have claimed',
    details: `
      Only claims that still count are shown: expired ones and those of sessions that are no longer running are dropped as they are met. Modes: \`EXCLUSIVE\` (nobody else may claim the file), \`SHARED\` (others may claim it SHARED or INTENT), \`INTENT\` (a heads-up; only EXCLUSIVE is refused).

      With \`--json\`, prints \`{claims: [...], total}\`; each claim has \`claimId\`, \`sessionId\`, \`repoPath\`, \`filePath\` (relative to the repository root), \`mode\`, \`ttlSeconds\`, \`claimedAt\` and \`expiresAt\`.
    `,
    examples: [
      ['Every claim', '$0 claims list'],
      ['Claims in one repository, as JSON', '$0 claims list --repo . --json'],
      ['Claims of one session', '$0 claims list --session-id 123e4567-e89b-12d3-a456-426614174000'],
    ],
  });

  repo = Option.String('--repo', { description: 'Only the claims in the repository containing this folder' });
  sessionId = Option.String('--session-id', { description: 'Only the claims of this session (its id or short id)' });
  json = Option.Boolean('--json', false, { description: 'Print the claims as JSON' });

  override async execute(): Promise<number> {
    let repoRoot: string | undefined;
    if (this.repo !== undefined) {
      const { resolveRepository } = await import('@parallel-cc/worktree-gtr');
      repoRoot = (await resolveRepository(path.resolve(this.context.cwd, this.repo))).root;
    }
    const { listClaims } = await import('@parallel-cc/core-sessions');
    const claims = await withCoordinator(this.context, async (c) =>
      listClaims(c, { repoRoot, sessionId: this.sessionId === undefined ? undefined : await wholeSessionId(c, this.sessionId, '--session-id') }),
    );
    if (this.json) {
      writeJson(this.context, { claims, total: claims.length });
    } else {
      const { renderClaimsTable } = await import('./claims-table');
      const { colorsFor } = await import('../../output/colors');
      this.context.stdout.write(renderClaimsTable(claims, colorsFor(this.context)));
    }
    return 0;
  }
}
