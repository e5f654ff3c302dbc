import { parentPort } from 'node:worker_threads';
import { parseVersions } from '../classify/focus/parse-versions';
import { analyzedHere } from '../classify/verdicts';
import type { WorkerReply, WorkerTask } from './check-pool';
import { semanticHere } from './offload';

// A worker thread of the check pool (see check-pool.ts): it runs the semantic checks and
// analyses the conflicted files it is sent, in this thread's own engine (its side diffs, APIs and
// parses kept for the next), and answers each with the result, or with the message of what threw.
const port = parentPort;
if (port) {
  port.on('message', ({ id, task, env }: { id: number; task: WorkerTask; env: NodeJS.ProcessEnv }) => {
    const reply = (message: WorkerReply) => port.postMessage(message);
    adopt(env);
    run(task).then(
      (result) => reply({ id, result }),
      (error: unknown) => reply({ id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

async function run(task: WorkerTask) {
  return task.kind === 'files' ? analyzedHere(parseVersions)(task.files) : semanticHere(task.task);
}

/** Makes this thread's environment the caller's. */
function adopt(env: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
  Object.assign(process.env, env);
}
