#!/usr/bin/env node
// `npm run demo`: the whole product on a throwaway repository, offline, in well under a minute.
// Three sessions of a stand-in agent start through the real claude-parallel wrapper; two of them
// change the same function; the conflict preview names both and the declaration; a claim is
// refused; an MCP client asks the real MCP server; a squash merge is detected and its owner told
// at its next hook call; the sessions end, and cleanup keeps a dead session's uncommitted work.
// The build runs first with its output kept out of sight unless it fails (--no-build skips it).
// Each step checks what it shows, so the demo fails when the product does not do what it says.
// --keep keeps the files.
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { buildQuietly } = require('./build-quietly');
const { makeDemoRepo, PRICING_BY } = require('./demo-repo');

const root = path.resolve(__dirname, '../../..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const keep = process.argv.includes('--keep');
const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'parallel-cc-demo-')));
const repo = path.join(work, 'shop');
const stopFile = path.join(work, 'stop');
const env = {
  ...process.env,
  HOME: path.join(work, 'home'),
  PARALLEL_CC_HOME: path.join(work, 'pcc-home'),
  PATH: `${path.join(work, 'bin')}${path.delimiter}${process.env.PATH}`,
  GIT_AUTHOR_NAME: 'Demo',
  GIT_AUTHOR_EMAIL: 'demo@example.com',
  GIT_COMMITTER_NAME: 'Demo',
  GIT_COMMITTER_EMAIL: 'demo@example.com',
  DEMO_STOP_FILE: stopFile,
};
delete env.PARALLEL_CC_SESSION_ID;

const heading = (text) => console.log(`\n== ${text}`);
const say = (text) => console.log(`  ${text}`);
const indent = (text, pad = '  ') => `${String(text).trimEnd().replace(/^/gm, pad)}\n`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The demo checks what it shows: a step that does not do what it says fails the demo. */
function shows(text, pattern, what) {
  if (!pattern.test(text)) throw new Error(`expected ${what}; got:\n${text}`);
  return text;
}

/** Runs parallel-cc; exit code 1 is an answer here ("would conflict", "refused", "kept"), not a failure. */
function pcc(args, options = {}) {
  try {
    return execFileSync(bin('parallel-cc'), args, { env: { ...env, ...options.env }, cwd: options.cwd ?? repo, input: options.input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    if (error.status === 1) return error.stdout;
    throw new Error(`parallel-cc ${args.join(' ')} failed (exit ${error.status}):\n${error.stderr}`, { cause: error });
  }
}
const git = (cwd, ...args) => execFileSync('git', ['-C', cwd, ...args], { env, encoding: 'utf8' });
const short = (session) => session.sessionId.slice(0, 8);

function startSession(name, extraEnv = {}) {
  const child = spawn(bin('claude-parallel'), [name], { cwd: repo, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk) => process.stdout.write(String(chunk).replace(/^(?=.)/gm, '  '));
  child.stderr.on('data', prefix);
  // Started once the agent has said where it works (so its lines come before the next step's).
  child.started = new Promise((resolve) => {
    child.stdout.on('data', (chunk) => {
      prefix(chunk);
      if (String(chunk).includes(`[${name}] session`)) resolve();
    });
  });
  child.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return child;
}

async function waitForSessions(count) {
  for (let i = 0; i < 300; i++) {
    const live = JSON.parse(pcc(['status', '--json'])).sessions.filter((s) => s.state === 'live' && s.agentPid);
    if (live.length >= count) return live;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${count} live sessions`);
}

/** The session's agent changes `total` in its worktree and commits, as a coding agent would. */
function editAndCommit(session, who) {
  fs.writeFileSync(path.join(session.worktreePath, 'src', 'pricing.ts'), PRICING_BY[who]);
  git(session.worktreePath, 'commit', '-q', '-am', `${who}: change total()`);
  say(`${who} (${short(session)}) changed total() in src/pricing.ts and committed on ${session.branch}`);
}

/** What Claude Code would show the model of `session` at its next tool call (the PostToolUse hook). */
function nextHookCall(session) {
  const input = JSON.stringify({ session_id: `claude-${short(session)}`, cwd: session.worktreePath, hook_event_name: 'PostToolUse', tool_name: 'Read', tool_input: {} });
  const out = pcc(['hook', 'post-tool-use'], { input, cwd: session.worktreePath, env: { PARALLEL_CC_SESSION_ID: session.sessionId } }).trim();
  return out ? JSON.parse(out).hookSpecificOutput?.additionalContext ?? '(nothing)' : '(nothing)';
}

async function askMcp(session) {
  const { Client } = require(require.resolve('@modelcontextprotocol/sdk/client/index.js', { paths: [root] }));
  const { StdioClientTransport } = require(require.resolve('@modelcontextprotocol/sdk/client/stdio.js', { paths: [root] }));
  const transport = new StdioClientTransport({ command: bin('parallel-cc-mcp'), args: [], cwd: session.worktreePath, env: { ...env, PARALLEL_CC_SESSION_ID: session.sessionId }, stderr: 'ignore' });
  const client = new Client({ name: 'demo', version: '1.0.0' });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    say(`the MCP server offers ${tools.length} tools; get_parallel_status answers:`);
    const status = await client.callTool({ name: 'get_parallel_status', arguments: {} });
    process.stdout.write(indent(shows(status.content.map((c) => c.text).join('\n'), /^3 sessions/, 'three sessions in get_parallel_status'), '    '));
    const preview = await client.callTool({ name: 'preview_session_conflicts', arguments: {} });
    say('preview_session_conflicts answers:');
    process.stdout.write(indent(shows(preview.content.map((c) => c.text).join('\n'), /src\/pricing\.ts \(CONCURRENT\)/, 'the conflict in the MCP preview'), '    '));
  } finally {
    await client.close();
  }
}

async function waitForFile(file) {
  for (let i = 0; i < 300 && !fs.existsSync(file); i++) await sleep(50);
}

async function main() {
  if (!process.argv.includes('--no-build')) buildQuietly(root);
  const started = Date.now();
  makeDemoRepo({ repo, binDir: path.join(work, 'bin'), env, agentScript: path.join(__dirname, 'stand-in-agent.js') });
  console.log(`A throwaway repository: ${repo}`);

  heading('Three sessions start through claude-parallel: the first gets the main checkout, the others worktrees');
  const alice = startSession('alice');
  await alice.started;
  const others = ['bob', 'carol'].map((name) => startSession(name));
  await Promise.all(others.map((a) => a.started));
  const live = await waitForSessions(3);
  const agents = [alice, ...others];
  const sessionOf = (agent) => live.find((s) => s.pid === agent.pid);
  const [main, bob, carol] = agents.map(sessionOf);
  process.stdout.write(pcc(['status']));

  heading('Two of them change the same function; the preview names both before anyone merges');
  editAndCommit(bob, 'bob');
  editAndCommit(carol, 'carol');
  process.stdout.write(shows(pcc(['conflicts']), /CONCURRENT\s+src\/pricing\.ts \(total\)/, 'the preview to name src/pricing.ts and total()'));

  heading('Claims: bob takes src/pricing.ts; carol is refused and told who holds it');
  process.stdout.write(indent(pcc(['claims', 'claim', 'src/pricing.ts', '--mode', 'exclusive'], { cwd: bob.worktreePath, env: { PARALLEL_CC_SESSION_ID: bob.sessionId } })));
  const refused = pcc(['claims', 'claim', 'src/pricing.ts', '--mode', 'exclusive'], { cwd: carol.worktreePath, env: { PARALLEL_CC_SESSION_ID: carol.sessionId } });
  process.stdout.write(indent(shows(refused, new RegExp(`Cannot claim src/pricing.ts.*${short(bob)}`), "carol's claim refused, naming bob")));

  heading("An MCP client (what carol's model uses) asks the real MCP server");
  await askMcp(carol);

  heading("bob's branch is squash-merged into main; the watcher notices");
  git(main.worktreePath, 'merge', '-q', '--squash', bob.branch);
  git(main.worktreePath, 'commit', '-q', '-m', 'Add tax to total (#1)');
  process.stdout.write(indent(shows(pcc(['watch-merges', '--once']), new RegExp(`merged ${bob.branch} → main \\(squash\\)`), 'the squash merge detected')));
  say(`bob's model sees at its next tool call: ${shows(nextHookCall(bob), /Your branch .* was merged into main \(squash\)/, 'bob told his branch was merged')}`);
  say(`carol's model sees: ${nextHookCall(carol)}`);

  heading('The agents finish; each wrapper releases its session');
  fs.writeFileSync(stopFile, '');
  say(`wrappers exited with ${(await Promise.all(agents.map((a) => a.exited))).join(', ')}`);
  process.stdout.write(pcc(['status']));
  say('Branches left (carol has commits main does not; bob was merged, so his branch went):');
  process.stdout.write(indent(git(repo, 'branch', '--list'), '    '));

  heading('A session dies with uncommitted work: cleanup keeps it');
  fs.rmSync(stopFile);
  const first = startSession('erin');
  await waitForSessions(1);
  const second = startSession('dave', { DEMO_UNCOMMITTED: '1' });
  const both = await waitForSessions(2);
  const dave = both.find((s) => !s.isMainRepo);
  await waitForFile(path.join(dave.worktreePath, 'dave.md'));
  for (const s of both) {
    process.kill(s.agentPid, 'SIGKILL');
    process.kill(s.pid, 'SIGKILL');
  }
  await Promise.all([first.exited, second.exited]);
  say(`killed both sessions; ${path.basename(dave.worktreePath)} holds an uncommitted dave.md`);
  process.stdout.write(pcc(['cleanup']));
  say(`dave.md is still there: ${shows(String(fs.existsSync(path.join(dave.worktreePath, 'dave.md'))), /true/, "dave's work kept")}`);

  heading(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s (after the build)`);
  if (keep) console.log(`Kept everything in ${work}`);
}

main()
  .catch((error) => {
    console.error(`demo failed: ${error.message}`);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!keep) fs.rmSync(work, { recursive: true, force: true });
  });
