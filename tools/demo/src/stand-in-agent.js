#!/usr/bin/env node
// A stand-in for Claude Code in the demo: it says where it works and waits until the demo tells it
// to stop (the demo itself makes the edits a real agent would). With DEMO_UNCOMMITTED=1 it leaves
// an uncommitted file in its worktree, to show that cleanup keeps work.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const name = process.argv[2] ?? 'agent';
const stopFile = process.env.DEMO_STOP_FILE;
const session = process.env.PARALLEL_CC_SESSION_ID ?? '(none)';
const branch = execFileSync('git', ['rev-parse', '--abbrev-ref', 'HEAD'], { encoding: 'utf8' }).trim();

console.log(`[${name}] session ${session.slice(0, 8)} working in ${process.cwd()} on ${branch}`);
if (process.env.DEMO_UNCOMMITTED === '1' && branch.startsWith('parallel-cc/')) {
  fs.writeFileSync(path.join(process.cwd(), `${name}.md`), `# Notes of ${name}\n`);
  console.log(`[${name}] wrote ${name}.md, not committed`);
}
const timer = setInterval(() => {
  if (stopFile && fs.existsSync(stopFile)) {
    clearInterval(timer);
    console.log(`[${name}] done`);
  }
}, 100);
process.on('SIGTERM', () => process.exit(143));
