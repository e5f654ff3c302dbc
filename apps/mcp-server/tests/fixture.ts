// A throwaway repository with two live sessions whose branches conflict, shared by this app's tests.
import { openCoordinator, registerSession } from '@parallel-cc/core-sessions';
import type { Registration } from '@parallel-cc/core-sessions';
import { commitFiles, makeRepo, makeTempHome, startTrackedProcess } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';

export const GREET = "export function greet(name: string): string {\n  return 'hello ' + name;\n}\n";

/** What the tests work on: a temp home, a repository, and two live sessions in worktrees. */
export interface TwoSessions {
  home: TempHome;
  repo: string;
  main: Registration;
  a: Registration & { branch: string };
  b: Registration & { branch: string };
}

/** A repository with a main-checkout session and two worktree sessions; a and b both add a function (STRUCTURAL). */
export async function twoSessions(): Promise<TwoSessions> {
  const home = makeTempHome();
  const repo = makeRepo({ 'src/greet.ts': GREET });
  const coordinator = await openCoordinator({ env: home.env });
  try {
    const register = () => registerSession(coordinator, { repo, pid: startTrackedProcess().pid, env: home.env });
    const main = await register();
    const a = await register();
    const b = await register();
    commitFiles(a.worktreePath, { 'src/greet.ts': `${GREET}\nexport function bye(): string {\n  return 'bye';\n}\n` }, 'a');
    commitFiles(b.worktreePath, { 'src/greet.ts': `${GREET}\nexport function wave(): string {\n  return 'o/';\n}\n` }, 'b');
    return { home, repo, main, a: { ...a, branch: a.branch! }, b: { ...b, branch: b.branch! } };
  } finally {
    await coordinator.close();
  }
}
