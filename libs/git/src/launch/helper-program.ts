/**
 * The program of the git helper (see {@link GitHelper}), run with `node -e`: it starts each git
 * asked of it over the IPC channel and answers with how that git ended. Plain JavaScript with no
 * imports but Node's own, so that it runs the same from a bundle, a package or the sources.
 * A request is `{ id, args, cwd, env, input }` or `{ kill: id }`; an answer is
 * `{ id, code, stdout, stderr }` or `{ id, error }`; `{ ready: true }` says it is up. It exits when
 * its parent goes.
 */
export const HELPER_PROGRAM = `
'use strict';
const { spawn } = require('node:child_process');
const running = new Map();
function answer(message) {
  if (process.connected) process.send(message);
}
function start(request) {
  const { id, args, cwd, env, input } = request;
  let child;
  try {
    child = spawn('git', args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    answer({ id, error: String(error && error.message) });
    return;
  }
  running.set(id, child);
  const stdout = [];
  const stderr = [];
  let done = false;
  const finish = (message) => {
    if (done) return;
    done = true;
    running.delete(id);
    answer(message);
  };
  child.stdout.on('data', (chunk) => stdout.push(chunk));
  child.stderr.on('data', (chunk) => stderr.push(chunk));
  child.stdin.on('error', () => undefined);
  child.on('error', (error) => finish({ id, error: error.message }));
  child.on('close', (code) => finish({ id, code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) }));
  child.stdin.end(input === undefined ? '' : input);
}
process.on('message', (request) => {
  if (request.kill !== undefined) running.get(request.kill)?.kill('SIGKILL');
  else start(request);
});
process.on('disconnect', () => process.exit(0));
answer({ ready: true });
`;
