import * as path from 'node:path';
import { Command, Option } from 'clipanion';
import { withCoordinator, writeJson } from '../coordinator';
import type { PccContext } from '../context';
import { notTogether } from '../options';

/** `parallel-cc status`: who works where. */
export class StatusCommand extends Command<PccContext> {
  static override paths = [['status']];
  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'Show the registered sessions, where they work and their state',
    details: `
      States: \`live\` (its process runs), \`idle\` (live, no heartbeat for 10 minutes), \`stale\` (its process died; \`cleanup\` will tidy it), \`kept\` (dead, its worktree held work and was kept).

      A session whose place is damaged also shows its \`problem\`: \`repository-gone\` (moved or deleted), \`worktree-missing\` (its folder was deleted), \`worktree-unlinked\` (git no longer knows the folder) or \`branch-missing\` (its branch was deleted); \`cleanup\` deals with them.

      Origins (how a session started): \`wrapper\` (claude-parallel, \`run\` or \`register\`), \`claude-worktree\` (\`claude -w\`, through the WorktreeCreate hook), \`subagent\` (listed indented under the session that started it), \`adopted\` (a Claude session registered where it already was), \`sandbox\` (a sandbox run).

      After the sessions, lists what \`cleanup\` kept on purpose that no session owns: session branches with commits not in their base, leftover worktrees holding work.

      With \`--watch\`, stays open and shows the sessions live, with a compact grid of who would collide with whom (the preview of \`conflicts\`: each pair of live sessions and each against its base; a cell shows \`ok\`, the worst class of the pair's conflicts, \`triv\`, \`struc\`, \`conc\` or \`SEM\`, with \`*\` when only uncommitted work collides, or \`fail\`), then each colliding pair's files, and the latest merges and notices. On a terminal it takes the whole screen and redraws in place on each change (a session registers or goes, a commit or a recorded edit changes what collides); \`q\` or Ctrl-C quits and gives the previous screen back. When stdout is not a terminal it prints one block per change: a \`--- <time> <part> [<repository>]\` line, then the same lines; with \`--json\`, one JSON object a line, \`{part, repo, state}\` (the first with part \`initial\`, then \`sessions\`, \`matrix\`, \`events\` or \`sandboxRuns\`; \`state\` as \`@parallel-cc/live-state\` reads it). It ends on SIGINT or SIGTERM with exit code 0.

      With \`--json\`, prints \`{sessions: [...], totalSessions, keptLeftovers: [...]}\`; each session has its \`origin\`, \`parentSessionId\` (null unless another session started it), \`sharesPlaceWith\` (the session whose checkout it shares, for a Claude session started where another already worked; null otherwise) and \`ports\` (\`{first, last}\`: its agent's PORT is the first; null when it has none).
    `,
    examples: [
      ['All sessions', '$0 status'],
      ['Sessions of one repository, as JSON', '$0 status --repo . --json'],
      ['Sandbox runs', '$0 status --sandbox-only'],
      ['Watch the sessions and their collisions live (q quits)', '$0 status --watch'],
    ],
  });

  repo = Option.String('--repo', { description: 'Only the sessions of the repository containing this folder' });
  sandboxOnly = Option.Boolean('--sandbox-only', false, { description: 'Show sandbox runs (sandbox run) instead of sessions' });
  json = Option.Boolean('--json', false, { description: 'Print the sessions as JSON (with --watch: one JSON object a line per change)' });
  watch = Option.Boolean('--watch', false, { description: 'Stay open and redraw on each change: sessions and a grid of who would collide (q quits)' });

  override async execute(): Promise<number> {
    notTogether({ '--watch': this.watch, '--sandbox-only': this.sandboxOnly }, 'sandbox runs are part of what --watch follows, not a view of their own');
    let repoRoot: string | undefined;
    if (this.repo !== undefined) {
      const { resolveRepository } = await import('@parallel-cc/worktree-gtr');
      repoRoot = (await resolveRepository(path.resolve(this.context.cwd, this.repo))).root;
    }
    if (this.sandboxOnly) return this.showRuns(repoRoot);
    if (this.watch) {
      // Loaded only here: plain `status` stays light (live-state loads the merge and conflict libs).
      const { watchStatus } = await import('./status/watch-status');
      return watchStatus(this.context, { repoRoot, json: this.json });
    }
    const { sessionStatus } = await import('@parallel-cc/core-sessions');
    const report = await withCoordinator(this.context, (c) => sessionStatus(c, { repoRoot }));
    if (this.json) {
      writeJson(this.context, report);
    } else {
      const { renderStatusTable } = await import('../output/status-table');
      const { colorsFor } = await import('../output/colors');
      this.context.stdout.write(renderStatusTable(report.sessions, colorsFor(this.context)));
      const { keptLeftoverLines } = await import('../output/kept-lines');
      this.context.stdout.write(keptLeftoverLines(report.keptLeftovers));
    }
    return 0;
  }

  private async showRuns(repo: string | undefined): Promise<number> {
    const runner = await import('@parallel-cc/e2b-runner');
    const { withRunner } = await import('../sandbox-support');
    const runs = await withRunner(this.context, (c) => runner.listRuns(c, { ...(repo ? { repo } : {}) }));
    if (this.json) {
      writeJson(this.context, { runs: runs.map((r) => ({ ...r, alive: runner.isRunAlive(r) })), total: runs.length });
    } else if (runs.length === 0) {
      this.context.stdout.write('No sandbox runs.\n');
    } else {
      for (const r of runs) {
        const prompt = r.prompt.split('\n')[0]!.slice(0, 50);
        const alive = runner.isFinalStatus(r.status) ? '' : runner.isRunAlive(r) ? ' (running)' : ' (runner gone)';
        this.context.stdout.write(`${r.sessionId.slice(0, 8)}  ${r.provider.padEnd(5)}  ${`${r.status}${alive}`.padEnd(22)}  ${r.branch ?? '-'}  ${r.createdAt}  ${prompt}\n`);
      }
    }
    return 0;
  }
}
