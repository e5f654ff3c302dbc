/**
 * The program of the git helper (see {@link GitHelper}), run with `node -e`: it starts each git
 * asked of it over the IPC channel and answers with how that git ended. Plain JavaScript with no
 * imports but Node's own, so that it runs the same from a bundle, a package or the sources.
 * A request is `{ id, args, cwd, env, input, maxStdout }` or `{ kill: id }`; an answer is
 * `{ id, code, stdout, stderr, truncated }` or `{ id, error }`; `{ ready: true }` says it is up.
 * It exits when its parent goes.
 */
export const HELPER_PROGRAM = `
'use strict';
const { spawn } = require('node:child_process');
const running = new Map();
function answer(message) {
  if (process.connected) process.send(message);
}
// A program git started (an alias, a pager) may hold the pipes: closing them ends that one too.
function kill(child) {
  child.kill('SIGKILL');
  child.stdout.destroy();
  child.stderr.destroy();
}
function start(request) {
  const { id, args, cwd, env, input, maxStdout } = request;
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
  let read = 0;
  let truncated = false;
  child.stdout.on('data', (chunk) => {
    if (truncated) return;
    stdout.push(chunk);
    read += chunk.length;
    if (maxStdout !== undefined && read > maxStdout) {
      truncated = true;
      kill(child);
    }
  });
  child.stderr.on('data', (chunk) => stderr.push(chunk));
  child.stdin.on('error', () => undefined);
  child.on('error', (error) => finish({ id, error: error.message }));
  child.on('close', (code) => finish({ id, code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr), truncated }));
  child.stdin.end(input === undefined ? '' : input);
}
process.on('message', (request) => {
  if (request.kill !== undefined) {
    const child = running.get(request.kill);
    if (child) kill(child);
  }
  else start(request);
});
process.on('disconnect', () => process.exit(0));
answer({ ready: true });
`;
