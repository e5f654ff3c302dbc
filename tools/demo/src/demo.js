#!/usr/bin/env node
// `npm run demo`: three concurrent sessions of a stand-in agent through the real claude-parallel
// wrapper, on a throwaway repository, offline. Shows status, where each works, the release on
// exit, and a cleanup that keeps a dead session's uncommitted work. Pass --keep to keep the files.
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const keep = process.argv.includes('--keep');
const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'parallel-cc-demo-')));
const repo = path.join(work, 'demo-app');
const stopFile = path.join(work, 'stop');
const agentBin = path.join(work, 'bin');
const env = {
  ...process.env,
  HOME: path.join(work, 'home'),
  PARALLEL_CC_HOME: path.join(work, 'pcc-home'),
  PATH: `${agentBin}${path.delimiter}${process.env.PATH}`,
  GIT_AUTHOR_NAME: 'Demo',
  GIT_AUTHOR_EMAIL: 'demo@example.com',
  GIT_COMMITTER_NAME: 'Demo',
  GIT_COMMITTER_EMAIL: 'demo@example.com',
  DEMO_STOP_FILE: stopFile,
};
delete env.PARALLEL_CC_SESSION_ID;

const heading = (text) => console.log(`\n== ${text}`);
const pcc = (...args) => execFileSync(bin('parallel-cc'), args, { env, encoding: 'utf8' });
const git = (...args) => execFileSync('git', ['-C', repo, ...args], { env, encoding: 'utf8' });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const indent = (text, pad = '  ') => `${text.trimEnd().replace(/^/gm, pad)}\n`;

function setUp() {
  fs.mkdirSync(env.HOME, { recursive: true });
  fs.mkdirSync(agentBin, { recursive: true });
  // The stand-in is installed as `claude`, which is what claude-parallel runs.
  const claude = path.join(agentBin, 'claude');
  fs.writeFileSync(claude, `#!/bin/sh\nexec "${process.execPath}" "${path.join(__dirname, 'stand-in-agent.js')}" "$@"\n`, {
    mode: 0o755,
  });
  fs.mkdirSync(path.join(repo, 'src'), { recursive: true });
  fs.writeFileSync(path.join(repo, 'src', 'app.ts'), 'export const answer = 42;\n');
  fs.writeFileSync(path.join(repo, 'README.md'), '# demo-app\n');
  git('init', '-q', '-b', 'main');
  git('config', 'commit.gpgSign', 'false');
  git('add', '-A');
  git('commit', '-q', '-m', 'initial commit');
}

function startSession(name, extraEnv = {}) {
  const child = spawn(bin('claude-parallel'), [name], {
    cwd: repo,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk) => process.stdout.write(String(chunk).replace(/^(?=.)/gm, '  '));
  child.stdout.on('data', prefix);
  child.stderr.on('data', prefix);
  child.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return child;
}

async function waitForSessions(count) {
  for (let i = 0; i < 200; i++) {
    const live = JSON.parse(pcc('status', '--json')).sessions.filter((s) => s.state === 'live');
    if (live.length >= count) return live;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${count} live sessions`);
}

async function main() {
  const started = Date.now();
  setUp();
  console.log(`A throwaway repository: ${repo}`);

  heading('Three sessions start at once through claude-parallel');
  console.log('  (the one in the main checkout only reads; the others commit a file on their own branch)');
  const sessions = [
    startSession('alice'),
    startSession('bob'),
    startSession('carol'),
  ];
  const live = await waitForSessions(3);
  await sleep(500);

  heading('parallel-cc status');
  process.stdout.write(pcc('status'));

  heading('Each works in its own place');
  for (const s of live) {
    const where = s.isMainRepo ? 'the main checkout' : `worktree ${s.worktreePath}`;
    console.log(`  ${s.sessionId.slice(0, 8)}: ${where}, branch ${s.branch}`);
  }
  process.stdout.write(indent(git('worktree', 'list')));

  heading('The agents finish; each wrapper releases its session');
  fs.writeFileSync(stopFile, '');
  const codes = await Promise.all(sessions.map((s) => s.exited));
  console.log(`  wrappers exited with ${codes.join(', ')}`);
  process.stdout.write(pcc('status'));
  console.log('  Worktrees left (clean ones were removed):');
  process.stdout.write(indent(git('worktree', 'list'), '    '));
  console.log('  Branches (those with commits not in main are kept for you to merge):');
  process.stdout.write(indent(git('branch', '--list'), '    '));

  heading('A session dies with uncommitted work: cleanup keeps it');
  fs.rmSync(stopFile);
  const first = startSession('erin');
  await waitForSessions(1);
  const second = startSession('dave', { DEMO_UNCOMMITTED: '1' });
  const both = await waitForSessions(2);
  const dave = both.find((s) => !s.isMainRepo);
  await waitForFile(path.join(dave.worktreePath, 'dave.md'));
  for (const s of both) {
    if (s.agentPid) process.kill(s.agentPid, 'SIGKILL');
    process.kill(s.pid, 'SIGKILL');
  }
  await Promise.all([first.exited, second.exited]);
  console.log(`  killed both sessions; ${path.basename(dave.worktreePath)} holds an uncommitted dave.md`);
  process.stdout.write(execCleanup());
  process.stdout.write(pcc('status'));
  console.log(`  dave.md is still there: ${fs.existsSync(path.join(dave.worktreePath, 'dave.md'))}`);

  heading(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (keep) console.log(`Kept everything in ${work}`);
}

async function waitForFile(file) {
  for (let i = 0; i < 200 && !fs.existsSync(file); i++) await sleep(50);
}

function execCleanup() {
  try {
    return pcc('cleanup');
  } catch (error) {
    // Exit code 1 means "work was kept": that is what this step shows.
    return error.stdout;
  }
}

main()
  .catch((error) => {
    console.error(`demo failed: ${error.message}`);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!keep) fs.rmSync(work, { recursive: true, force: true });
  });
