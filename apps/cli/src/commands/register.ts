import * as path from 'node:path';
import { Command, Option } from 'clipanion';
import { withCoordinator, writeJson } from '../coordinator';
import type { PccContext } from '../context';
import { parsePid } from '../options';

/** `parallel-cc register`: give a process a place to work. */
export class RegisterCommand extends Command<PccContext> {
  static override paths = [['register']];
  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'Register a process as a session and give it a place to work',
    details: `
      The first live session of a repository works in its main checkout; every further one gets a new git worktree on its own branch (\`parallel-cc/<id>\`), started from the branch the main checkout has. Dead sessions of the repository are cleaned up first.

      \`--repo\` may be any folder of the repository or of one of its worktrees. With \`--json\`, prints \`{sessionId, worktreePath, worktreeName, isMainRepo, parallelSessions, ...}\`.
    `,
    examples: [
      ['Register the current shell in this repository', '$0 register --pid $$ --json'],
      ['Register a process in another repository', '$0 register --repo ~/code/app --pid 4242'],
    ],
  });

  repo = Option.String('--repo', { description: 'A folder of the repository (default: the current folder)' });
  pid = Option.String('--pid', { required: true, description: 'The process id of the session (it must be running)' });
  json = Option.Boolean('--json', false, { description: 'Print the registration as JSON' });

  override async execute(): Promise<number> {
    const pid = parsePid(this.pid);
    const repo = path.resolve(this.context.cwd, this.repo ?? '.');
    const { registerSession } = await import('@parallel-cc/core-sessions');
    const registration = await withCoordinator(this.context, (c) =>
      registerSession(c, { repo, pid, env: this.context.env }),
    );
    for (const warning of registration.warnings) this.context.stderr.write(`warning: ${warning}\n`);
    if (this.json) {
      writeJson(this.context, registration);
    } else if (registration.isMainRepo) {
      this.context.stdout.write(`Session ${registration.sessionId} works in the main checkout ${registration.worktreePath}\n`);
    } else {
      this.context.stdout.write(
        `Session ${registration.sessionId} works in ${registration.worktreePath} on branch ${registration.branch} ` +
          `(${registration.parallelSessions} parallel sessions)\n`,
      );
    }
    return 0;
  }
}
