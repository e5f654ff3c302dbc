import { Cli } from 'clipanion';
import type { PccContext } from '../context';

/**
 * The real process's streams, environment and folder, as a command context. A folder that was
 * removed under the shell (a released worktree, say) still has its path in PWD: commands then say
 * what is wrong with it, instead of every one failing before it starts. A reader that closes the
 * output early (`| head`) ends the command quietly.
 */
export function processContext(): PccContext {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  }
  return { ...Cli.defaultContext, env: process.env, cwd: currentFolder() };
}

function currentFolder(): string {
  try {
    return process.cwd();
  } catch {
    return process.env.PWD ?? '/';
  }
}
