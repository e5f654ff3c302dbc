import { parentPort } from 'node:worker_threads';
import { runCheck } from '../matrix/run-check';
import type { CheckTask } from '../matrix/run-check';
import type { CheckReply } from './check-pool';

// A worker thread of the check pool (see check-pool.ts): it runs the checks it is sent, each in
// this thread's own engine (its parses and side diffs kept for the next check), and answers
// each with the check, or with the message of what threw.
const port = parentPort;
if (port) {
  port.on('message', ({ id, task, env }: { id: number; task: CheckTask; env: NodeJS.ProcessEnv }) => {
    const reply = (message: CheckReply) => port.postMessage(message);
    adopt(env);
    runCheck(task).then(
      (check) => reply({ id, check }),
      (error: unknown) => reply({ id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

/** Makes this thread's environment the caller's. */
function adopt(env: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
  Object.assign(process.env, env);
}
