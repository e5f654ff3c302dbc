#!/usr/bin/env node
// A stand-in for Claude Code in the demo: it reports where it works; on a branch of its own it
// writes a file and commits it (or leaves it uncommitted with DEMO_UNCOMMITTED=1); then it waits
// until the demo tells it to stop.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const name = process.argv[2] ?? 'agent';
const stopFile = process.env.DEMO_STOP_FILE;
const session = process.env.PARALLEL_CC_SESSION_ID ?? '(none)';
const git = (...args) => execFileSync('git', args, { encoding: 'utf8' }).trim();
const branch = git('rev-parse', '--abbrev-ref', 'HEAD');

console.log(`[${name}] session ${session.slice(0, 8)} working in ${process.cwd()} on ${branch}`);
if (branch.startsWith('parallel-cc/')) {
  fs.writeFileSync(path.join(process.cwd(), `${name}.md`), `# Notes of ${name}\n`);
  if (process.env.DEMO_UNCOMMITTED === '1') {
    console.log(`[${name}] wrote ${name}.md, not committed`);
  } else {
    git('add', `${name}.md`);
    git('commit', '-q', '-m', `${name}: add notes`);
    console.log(`[${name}] committed ${name}.md on ${branch}`);
  }
}
const timer = setInterval(() => {
  if (stopFile && fs.existsSync(stopFile)) {
    clearInterval(timer);
    console.log(`[${name}] done`);
  }
}, 100);
process.on('SIGTERM', () => process.exit(143));
