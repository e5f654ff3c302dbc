'use strict';
// The demo builds the apps first; their output stays out of sight unless the build fails.
const { spawnSync } = require('node:child_process');

/** Builds the apps (and the libs they use); on failure prints the build's output and throws. */
function buildQuietly(root) {
  process.stdout.write('Building parallel-cc (about a minute the first time)… ');
  const started = Date.now();
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=tag:type:app', '--output-style=static'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    process.stdout.write('failed.\n');
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error(result.error ? result.error.message : `the build exited with ${result.status}`);
  }
  process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);
}

module.exports = { buildQuietly };
