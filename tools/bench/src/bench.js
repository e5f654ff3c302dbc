#!/usr/bin/env node
// `npm run bench`: parallel-cc's speed targets, each measured as a ratio against a baseline taken
// in the same run on the same machine (absolute times vary too much between machines to mean much).
//   1. `parallel-cc status --json`, `heartbeat` and the PostToolUse hook (`hook post-tool-use`,
//      fed Claude Code's JSON on stdin), cold processes, against `node -e 0` (≤ 2.5×).
//   2. `register` creating a worktree in a 20,000-file repository, and Claude Code's WorktreeCreate
//      hook (`hook worktree-create`, a cold process) doing the same, each against a bare
//      `git worktree add` of the same repository (≤ 1.3×).
//   3. One merge-detection poll over 500 subscribed branches (merged, squashed and open ones),
//      against DESIGN.md's absolute budget of one second (and a re-poll, which finds nothing new).
//   4. A conflict preview of 8 branches with base main, as `parallel-cc conflicts` runs it
//      (conflict-engine's `conflictMatrix`: 36 checks, 7 pairs conflicting and classified) against
//      the same 36 `git merge-tree --write-tree` calls run one after another (≤ 1×: the preview
//      costs no more than the merge-tree calls themselves).
//   5. A cold `parallel-cc-mcp` answering `initialize` against `node -e 0` (≤ 2.5×: the MCP SDK
//      loads, the tools' libs and typescript-estree wait for the first call that needs them).
//   6. The edit guard (`hook pre-tool-use`, Claude Code's PreToolUse JSON on stdin) as a cold
//      process with 8 live sessions and 2,000 changed files between them, against `node -e 0`
//      (≤ 2.5×, goal 1.8×): for a file nobody else touches (silent) and one another session changed
//      (a warning); and the same check as an `mcp_tool` hook, `guard_edit` called through the MCP
//      SDK's client on a running server (p50 ≤ 10 ms).
//   7. On a real repository (PARALLEL_CC_BENCH_REAL_REPO, else ~/.cache/parallel-cc/bench-repo,
//      a clone made beforehand: the bench fetches nothing), the parents of its merge commits that
//      conflict: `detectConflicts` with classification of each pair against a bare
//      `git merge-tree --write-tree` of it (median ≤ 2×, p90 ≤ 5×, worst reported), as it runs by
//      default (with the semantic check) and without the semantic check; the git work the
//      semantic check cannot do without (merge-tree beside each side's diff, as the engine reads
//      them) against the same baseline, reported; and an 8-branch conflict matrix with
//      classification (36 checks), with and without the semantic check, against the same
//      merge-tree calls at the same concurrency (≤ 3×; its checks on the engine's worker
//      threads, one per core). Each variant runs in an engine of its own (a fresh module
//      instance, and workers of its own), so that none finds another's parses kept. Skipped, and
//      said so, when no such clone is there.
//   8. A new worktree's node_modules (cloned, see deps.js) against `cp -a` of it (≤ 0.35×), and the
//      whole register against `git worktree add` + `cp -a`; ~30 MB by default, `--deps-full` for 300 MB.
//   9. The dashboard (dashboard.js): 50 sessions and 1,000 notices in headless Chromium; a notice
//      written to the page's paint of it (p50 and p90 ≤ 200 ms), the page's longest main-thread
//      task meanwhile (≤ 200 ms) and its first full paint (reported). Skipped without Chromium.
// Runs alternate between the measured command and its baseline so that drift hits both alike.
// Flags: --json (machine-readable), --runs N (cold-start and conflict-preview runs, default 15),
// --files N (default 20000), --real-pairs N (default 30),
// --only cold|register|poll|mcp|preview|guard|real|deps|dashboard (one group of measures).
'use strict';
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const argv = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = argv.indexOf(name);
  return i === -1 ? fallback : Number(argv[i + 1]);
};
const asJson = argv.includes('--json');
const runs = flag('--runs', 15);
const fileCount = flag('--files', 20000);
const registerRuns = flag('--register-runs', 5);
const realPairs = flag('--real-pairs', 30);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;

const root = path.resolve(__dirname, '../../..');
const pcc = path.join(root, 'node_modules', '.bin', 'parallel-cc');
const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'parallel-cc-bench-')));
const env = {
  ...process.env,
  HOME: path.join(work, 'home'),
  PARALLEL_CC_HOME: path.join(work, 'pcc-home'),
  PARALLEL_CC_WORKTREE_BACKEND: 'native',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  NO_COLOR: '1',
};
delete env.PARALLEL_CC_SESSION_ID;
const sleepers = [];

const progress = (text) => process.stderr.write(`bench: ${text}\n`);
const git = (dir, ...args) => execFileSync('git', ['-C', dir, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });

/** Wall time of one run of `file args`, in milliseconds; fails loudly if the command fails. */
function timeOnce(file, args, input) {
  const start = process.hrtime.bigint();
  const result = spawnSync(file, args, { env, input, stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${path.basename(file)} ${args.join(' ')} failed: ${result.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function liveProcess() {
  const child = spawn('sleep', ['3600'], { stdio: 'ignore' });
  sleepers.push(child);
  return child.pid;
}

function makeRepo(dir, files) {
  fs.mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'commit.gpgSign', 'false');
  for (let i = 0; i < files; i++) {
    const sub = path.join(dir, `pkg${Math.floor(i / 1000)}`, `mod${Math.floor(i / 100) % 10}`);
    if (i % 100 === 0) fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `file${i}.ts`), `export const value${i} = ${i};\n`);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'generated');
}

function coldStarts() {
  const repo = path.join(work, 'small');
  makeRepo(repo, 3);
  const pid = liveProcess();
  execFileSync(pcc, ['register', '--repo', repo, '--pid', String(pid), '--json'], { env });
  const samples = { node: [], status: [], heartbeat: [], hook: [] };
  const hookInput = JSON.stringify({ session_id: 'bench', cwd: repo, hook_event_name: 'PostToolUse', tool_name: 'Edit' });
  // One warm-up each, so that the file cache is equally warm for all.
  timeOnce(process.execPath, ['-e', '0']);
  timeOnce(pcc, ['status', '--json']);
  for (let i = 0; i < runs; i++) {
    samples.node.push(timeOnce(process.execPath, ['-e', '0']));
    samples.status.push(timeOnce(pcc, ['status', '--json']));
    samples.heartbeat.push(timeOnce(pcc, ['heartbeat', '--pid', String(pid)]));
    samples.hook.push(timeOnce(pcc, ['hook', 'post-tool-use'], hookInput));
  }
  return {
    node: median(samples.node),
    status: median(samples.status),
    heartbeat: median(samples.heartbeat),
    hook: median(samples.hook),
  };
}

/** Wall time from starting `parallel-cc-mcp` to its answer to `initialize`, in milliseconds. */
function mcpInitializeOnce(lingerMs = 0) {
  const bin = path.join(root, 'node_modules', '.bin', 'parallel-cc-mcp');
  const request = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } } };
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(bin, [], { env, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (!out.includes('\n')) return;
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      setTimeout(() => child.kill(), lingerMs);
      if (!out.includes('"serverInfo"')) reject(new Error(`parallel-cc-mcp answered: ${out}`));
      else resolve(ms);
    });
    child.on('error', reject);
    child.stdin.write(`${JSON.stringify(request)}\n`);
  });
}

async function mcpInitialize() {
  const samples = { node: [], mcp: [] };
  timeOnce(process.execPath, ['-e', '0']);
  // The warm-up server lives on for a moment, as servers do, so that it leaves its code cache.
  await mcpInitializeOnce(1500);
  await new Promise((resolve) => setTimeout(resolve, 1600));
  for (let i = 0; i < runs; i++) {
    samples.node.push(timeOnce(process.execPath, ['-e', '0']));
    samples.mcp.push(await mcpInitializeOnce());
  }
  return { node: median(samples.node), mcp: median(samples.mcp) };
}

function registerInBigRepo() {
  const repo = path.join(work, 'big');
  progress(`generating a ${fileCount}-file repository`);
  makeRepo(repo, fileCount);
  // A session holds the main checkout, so each measured register creates a worktree.
  execFileSync(pcc, ['register', '--repo', repo, '--pid', String(liveProcess()), '--json'], { env });
  const samples = { git: [], register: [], hook: [] };
  for (let i = 0; i < registerRuns; i++) {
    progress(`worktree creation ${i + 1}/${registerRuns}`);
    const target = path.join(work, 'bare-worktrees', `wt${i}`);
    const pid = liveProcess();
    const bare = () => samples.git.push(timeOnce('git', ['-C', repo, 'worktree', 'add', '-q', '-b', `bench/${i}`, target, 'main']));
    const ours = () => samples.register.push(timeOnce(pcc, ['register', '--repo', repo, '--pid', String(pid), '--json']));
    // Claude Code's WorktreeCreate hook, as Claude runs it (JSON on stdin; the agent is this process).
    const hookInput = JSON.stringify({ session_id: `bench-${i}`, transcript_path: '/tmp/bench.jsonl', cwd: repo, hook_event_name: 'WorktreeCreate', name: `bench-${i}` });
    const hook = () => samples.hook.push(timeOnce(pcc, ['hook', 'worktree-create'], hookInput));
    // Rotate which goes first, so that none always finds the file cache another warmed.
    const order = [bare, ours, hook];
    for (let k = 0; k < order.length; k++) order[(i + k) % order.length]();
    // Tidy all (untimed) so that every run starts from the same repository.
    git(repo, 'worktree', 'remove', '--force', target);
    git(repo, 'branch', '-D', `bench/${i}`);
    execFileSync(pcc, ['release', '--pid', String(pid)], { env });
    const made = path.join(`${repo}-worktrees`, `bench-${i}`);
    const removeInput = JSON.stringify({ session_id: `bench-${i}`, cwd: made, hook_event_name: 'WorktreeRemove', worktree_path: made });
    execFileSync(pcc, ['hook', 'worktree-remove'], { env, input: removeInput, stdio: ['pipe', 'ignore', 'pipe'] });
    // Write the removals out now: else the next measure, whichever it is, pays for their writeback.
    execFileSync('sync');
  }
  return { git: median(samples.git), register: median(samples.register), hook: median(samples.hook) };
}

async function mergePoll() {
  const md = require(path.join(root, 'libs', 'merge-detector', 'dist'));
  const repo = path.join(work, 'branches');
  makeRepo(repo, 10);
  progress('creating 500 branches');
  // Each branch gets one commit of its own (one new file); every 25th is then merged into main.
  const base = git(repo, 'rev-parse', 'HEAD').toString().trim();
  const baseEntries = git(repo, 'ls-tree', 'HEAD').toString();
  const refs = [];
  for (let i = 0; i < 500; i++) {
    const blob = execFileSync('git', ['-C', repo, 'hash-object', '-w', '--stdin'], { env, input: `branch ${i}\n` }).toString().trim();
    const newTree = execFileSync('git', ['-C', repo, 'mktree'], { env, input: `${baseEntries}100644 blob ${blob}\tb${i}.txt\n` })
      .toString()
      .trim();
    const commit = execFileSync('git', ['-C', repo, 'commit-tree', newTree, '-p', base, '-m', `work ${i}`], { env }).toString().trim();
    refs.push([`create refs/heads/feature/${i} ${base}\n`, `update refs/heads/feature/${i} ${commit}\n`]);
  }
  // Created at the fork point, then moved to their commit: the reflog a real branch has.
  execFileSync('git', ['-C', repo, 'update-ref', '--stdin'], { env, input: refs.map((r) => r[0]).join('') });
  execFileSync('git', ['-C', repo, 'update-ref', '--stdin'], { env, input: refs.map((r) => r[1]).join('') });
  for (let i = 0; i < 500; i += 25) git(repo, 'merge', '-q', '--no-edit', `feature/${i}`);
  const coordinator = await md.openMergeCoordinator(env);
  try {
    const core = require(path.join(root, 'libs', 'core-sessions', 'dist'));
    const session = await core.registerSession(coordinator, { repo, pid: liveProcess(), env });
    for (let i = 0; i < 500; i++) await md.subscribe(coordinator, { sessionId: session.sessionId, branch: `feature/${i}` });
    const first = process.hrtime.bigint();
    const result = await md.pollRepository(coordinator, { repo, env });
    const firstMs = Number(process.hrtime.bigint() - first) / 1e6;
    const again = process.hrtime.bigint();
    await md.pollRepository(coordinator, { repo, env });
    const againMs = Number(process.hrtime.bigint() - again) / 1e6;
    return { firstMs, againMs, checked: result.checked, events: result.events.length };
  } finally {
    await coordinator.close();
  }
}

async function conflictPreview() {
  const { conflictMatrix } = require(path.join(root, 'libs', 'conflict-engine', 'dist'));
  const repo = path.join(work, 'preview');
  makeRepo(repo, 400);
  const file = (i) => `pkg0/mod${Math.floor(i / 100) % 10}/file${i}.ts`;
  // Each branch changes 20 files of its own; branches 0-3 all rewrite file 300 and branches 4-5
  // file 301, so 7 of the 28 pairs conflict.
  const refs = [];
  for (let b = 0; b < 8; b++) {
    const ref = `feature/${b}`;
    refs.push(ref);
    git(repo, 'checkout', '-q', '-b', ref, 'main');
    for (let i = b * 20; i < b * 20 + 20; i++) fs.writeFileSync(path.join(repo, file(i)), `export const value${i} = ${i} + ${b};\n`);
    const hot = b < 4 ? 300 : b < 6 ? 301 : null;
    if (hot !== null) fs.writeFileSync(path.join(repo, file(hot)), `export const value${hot} = 'branch ${b}';\n`);
    git(repo, 'commit', '-q', '-am', `work on ${ref}`);
  }
  git(repo, 'checkout', '-q', 'main');
  const branches = refs.map((ref) => ({ ref, base: 'main' }));
  const pairs = [...refs.flatMap((a, i) => refs.slice(i + 1).map((b) => [a, b])), ...refs.map((ref) => [ref, 'main'])];
  // The same git command conflict-engine runs for each check (exit code 1: conflicts).
  const mergeTrees = () => {
    const start = process.hrtime.bigint();
    for (const [ours, theirs] of pairs) {
      const args = ['-c', 'merge.conflictStyle=diff3', 'merge-tree', '--write-tree', '-z', '--messages', '--end-of-options', ours, theirs];
      const result = spawnSync('git', args, { cwd: repo, env, stdio: ['ignore', 'ignore', 'pipe'] });
      if (result.status !== 0 && result.status !== 1) throw new Error(`git merge-tree ${ours} ${theirs} failed: ${result.stderr}`);
    }
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  // What `parallel-cc conflicts` runs: the preflight settles the pairs that touch different files,
  // merge-tree runs for the others, and their conflicts are classified.
  const matrix = async () => {
    const start = process.hrtime.bigint();
    const result = await conflictMatrix({ repo, branches });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.checks.length !== pairs.length || result.failed > 0) throw new Error(`conflictMatrix: ${JSON.stringify(result)}`);
    return { ms, checks: result.checks.length, conflicting: result.conflicting };
  };
  // One warm-up each: the first merges write the merged trees' objects, which later runs find.
  mergeTrees();
  const { checks, conflicting } = await matrix();
  const samples = { git: [], matrix: [] };
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      samples.git.push(mergeTrees());
      samples.matrix.push((await matrix()).ms);
    } else {
      samples.matrix.push((await matrix()).ms);
      samples.git.push(mergeTrees());
    }
  }
  return { git: median(samples.git), matrix: median(samples.matrix), branches: refs.length, checks, conflicting };
}

/** 8 live sessions on one repository (the main checkout and 7 worktrees) with 250 changed files each. */
function guardScene() {
  const repo = path.join(work, 'guarded');
  makeRepo(repo, 50);
  const sessions = [];
  for (let i = 0; i < 8; i++) {
    const out = execFileSync(pcc, ['register', '--repo', repo, '--pid', String(liveProcess()), '--json'], { env });
    sessions.push(JSON.parse(out.toString()));
  }
  const Database = require(path.join(root, 'node_modules', 'better-sqlite3'));
  const db = new Database(env.PARALLEL_CC_HOME + '/coordinator.db');
  const insert = db.prepare('insert into changed_files (session_id, repo_path, file_path, ranges, uncommitted, updated_at) values (?, ?, ?, ?, 1, ?)');
  const now = new Date().toISOString();
  db.transaction(() => {
    sessions.forEach((s, k) => {
      for (let i = 0; i < 250; i++) insert.run(s.sessionId, repo, `pkg0/mod${i % 10}/file${k * 250 + i}.ts`, `${i + 1}-${i + 4}`, now);
    });
  })();
  const count = db.prepare('select count(*) as n from changed_files').get().n;
  db.close();
  // The last session edits: a file the first one changed (a warning) and a file nobody touched (silent).
  const me = sessions[7];
  const input = (file) =>
    JSON.stringify({
      session_id: 'bench-guard',
      transcript_path: '/tmp/bench.jsonl',
      cwd: me.worktreePath,
      hook_event_name: 'PreToolUse',
      tool_name: 'Edit',
      tool_input: { file_path: path.join(me.worktreePath, file), old_string: 'a', new_string: 'b' },
    });
  return { repo, sessions, me, count, warnFile: 'pkg0/mod0/file0.ts', quietFile: 'pkg0/mod0/file1.ts', input };
}

function guardCold(scene) {
  const guardEnv = { ...env, PARALLEL_CC_SESSION_ID: scene.me.sessionId };
  const once = (stdin) => {
    const start = process.hrtime.bigint();
    const result = spawnSync(pcc, ['hook', 'pre-tool-use'], { env: guardEnv, input: stdin, stdio: ['pipe', 'pipe', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`hook pre-tool-use failed: ${result.stderr}`);
    return { ms, out: result.stdout.toString() };
  };
  const warnInput = scene.input(scene.warnFile);
  const quietInput = scene.input(scene.quietFile);
  if (!once(warnInput).out.includes('additionalContext') || once(quietInput).out !== '') throw new Error(`the guard did not answer as expected: ${JSON.stringify([once(warnInput).out, once(quietInput).out])}`);
  timeOnce(process.execPath, ['-e', '0']);
  const samples = { node: [], quiet: [], warn: [] };
  for (let i = 0; i < runs; i++) {
    samples.node.push(timeOnce(process.execPath, ['-e', '0']));
    samples.quiet.push(once(quietInput).ms);
    samples.warn.push(once(warnInput).ms);
  }
  return { node: median(samples.node), quiet: median(samples.quiet), warn: median(samples.warn) };
}

/** `guard_edit` through the MCP SDK's client, on a running `parallel-cc-mcp` started in the editing session's worktree: p50 of 200 calls. */
async function guardMcp(scene) {
  const { Client } = require(path.join(root, 'node_modules', '@modelcontextprotocol', 'sdk', 'dist', 'cjs', 'client', 'index.js'));
  const { StdioClientTransport } = require(path.join(root, 'node_modules', '@modelcontextprotocol', 'sdk', 'dist', 'cjs', 'client', 'stdio.js'));
  const transport = new StdioClientTransport({
    command: path.join(root, 'node_modules', '.bin', 'parallel-cc-mcp'),
    args: [],
    cwd: scene.me.worktreePath,
    env: { ...env, PARALLEL_CC_SESSION_ID: scene.me.sessionId },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  try {
    const call = async (file) => {
      const start = process.hrtime.bigint();
      const result = await client.callTool({ name: 'guard_edit', arguments: { file_path: path.join(scene.me.worktreePath, file), session_id: 'bench-guard', cwd: scene.me.worktreePath } });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (result.isError) throw new Error(`guard_edit failed: ${JSON.stringify(result.content)}`);
      return ms;
    };
    for (let i = 0; i < 20; i++) await call(scene.warnFile);
    const quiet = [];
    const warn = [];
    const ping = [];
    for (let i = 0; i < 100; i++) {
      quiet.push(await call(scene.quietFile));
      warn.push(await call(scene.warnFile));
      // The protocol's own round trip, for scale: what no tool can go below on this machine now.
      const start = process.hrtime.bigint();
      await client.ping();
      ping.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return { quiet: median(quiet), warn: median(warn), ping: median(ping) };
  } finally {
    await client.close();
  }
}

/** The real repository to measure on, or null: a clone given by PARALLEL_CC_BENCH_REAL_REPO or kept in ~/.cache/parallel-cc. */
function realRepository() {
  const given = process.env.PARALLEL_CC_BENCH_REAL_REPO;
  const candidates = given ? [given] : [path.join(os.homedir(), '.cache', 'parallel-cc', 'bench-repo')];
  for (const dir of candidates) {
    const probe = spawnSync('git', ['-C', dir, 'rev-parse', '--git-dir'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    if (probe.status === 0) return fs.realpathSync(dir);
  }
  return null;
}

const mergeTreeArgs = (ours, theirs) => ['-c', 'merge.conflictStyle=diff3', 'merge-tree', '--write-tree', '-z', '--messages', '--end-of-options', ours, theirs];

/** One bare merge-tree call, as a promise of its wall time in milliseconds (exit 1, conflicts, is fine). */
function mergeTreeAsync(repo, ours, theirs) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn('git', mergeTreeArgs(ours, theirs), { cwd: repo, env, stdio: ['ignore', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 || code === 1 ? resolve(Number(process.hrtime.bigint() - start) / 1e6) : reject(new Error(`git merge-tree ${ours} ${theirs}: exit ${code}`))));
  });
}

function mergeTreeMs(repo, ours, theirs) {
  const start = process.hrtime.bigint();
  const result = spawnSync('git', mergeTreeArgs(ours, theirs), { cwd: repo, env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0 && result.status !== 1) throw new Error(`git merge-tree ${ours} ${theirs} failed: ${result.stderr}`);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, conflicts: result.status === 1 };
}

/** A new instance of the conflict engine's modules: its caches start empty (git's helper process is shared). */
function freshEngine() {
  const dist = path.join(root, 'libs', 'conflict-engine', 'dist');
  for (const file of Object.keys(require.cache)) if (file.startsWith(dist + path.sep)) delete require.cache[file];
  return require(dist);
}

/** Wall time of these git processes run at once, in milliseconds; each stopped once its stdout passes `maxBytes`. */
function gitAtOnce(repo, calls, maxBytes = Infinity) {
  const start = process.hrtime.bigint();
  const one = (args) =>
    new Promise((resolve, reject) => {
      const child = spawn('git', args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'ignore'] });
      let read = 0;
      child.stdout.on('data', (chunk) => {
        read += chunk.length;
        if (read > maxBytes) child.kill('SIGKILL');
      });
      child.on('error', reject);
      child.on('close', resolve);
    });
  return Promise.all(calls.map(one)).then(() => Number(process.hrtime.bigint() - start) / 1e6);
}

// The engine's side diffs: each side's code files since the merge base, stopped at four million bytes.
const sideDiffArgs = (range) => {
  const { CODE_PATHSPECS } = require(path.join(root, 'libs', 'conflict-engine', 'dist', 'semantic', 'code-pathspecs'));
  return ['-c', 'core.quotePath=false', 'diff', '-U0', '--full-index', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', range, '--', ...CODE_PATHSPECS];
};
const floorMs = (repo, ours, theirs) =>
  gitAtOnce(repo, [mergeTreeArgs(ours, theirs), sideDiffArgs(`${theirs}...${ours}`), sideDiffArgs(`${ours}...${theirs}`)], 4_000_000);

async function realRepositoryCase(repo) {
  const merges = git(repo, 'rev-list', '--merges', '--parents', '-n', '2000', '--all').toString().trim().split('\n');
  const pairs = [];
  for (const line of merges) {
    const [merge, ours, theirs] = line.split(' ');
    if (theirs && mergeTreeMs(repo, ours, theirs).conflicts) pairs.push({ merge, ours, theirs });
    if (pairs.length >= Math.max(realPairs, 8)) break;
  }
  if (pairs.length < 8) return { skipped: `${repo} has ${pairs.length} merge commits whose parents conflict; 8 are needed` };
  const engines = { full: freshEngine(), classified: freshEngine() };
  // The parsers load on first use: that is the process's cost, not a pair's.
  for (const engine of Object.values(engines)) engine.preloadParser();
  const rows = [];
  for (const [i, { ours, theirs }] of pairs.slice(0, realPairs).entries()) {
    progress(`real pair ${i + 1}/${Math.min(realPairs, pairs.length)}`);
    const bare = [mergeTreeMs(repo, ours, theirs).ms];
    let start = process.hrtime.bigint();
    await engines.full.detectConflicts({ repo, ours, theirs });
    const fullMs = Number(process.hrtime.bigint() - start) / 1e6;
    bare.push(mergeTreeMs(repo, ours, theirs).ms);
    start = process.hrtime.bigint();
    await engines.classified.detectConflicts({ repo, ours, theirs, semantic: false });
    const classifiedMs = Number(process.hrtime.bigint() - start) / 1e6;
    bare.push(mergeTreeMs(repo, ours, theirs).ms);
    const floor = median([await floorMs(repo, ours, theirs), await floorMs(repo, ours, theirs), await floorMs(repo, ours, theirs)]);
    const bareMs = median(bare);
    rows.push({ bareMs, full: fullMs, classified: classifiedMs, floor });
    progress(`  ${ours.slice(0, 10)} ${theirs.slice(0, 10)}: ${fullMs.toFixed(0)} ms, without the semantic check ${classifiedMs.toFixed(0)} ms, merge-tree ${bareMs.toFixed(0)} ms, with the side diffs ${floor.toFixed(0)} ms`);
  }
  /** The median, p90 and worst pair by the ratio of `measure` to merge-tree. */
  const quantiles = (measure) => {
    const sorted = rows.map((r) => ({ detectMs: r[measure], bareMs: r.bareMs, ratio: r[measure] / r.bareMs })).sort((a, b) => a.ratio - b.ratio);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    return { median: at(0.5), p90: at(0.9), worst: sorted[sorted.length - 1] };
  };
  // Eight branches: the merged sides of eight conflicting merges, each against the first one's base.
  const chosen = pairs.filter((p, i) => pairs.findIndex((q) => q.theirs === p.theirs) === i).slice(0, 8);
  const base = chosen[0].ours;
  const branches = chosen.map((p) => ({ ref: p.theirs, base }));
  const refs = branches.map((b) => b.ref);
  const checks = [...refs.flatMap((a, i) => refs.slice(i + 1).map((b) => [a, b])), ...refs.map((r) => [r, base])];
  const concurrency = 2;
  // The engine's default: a worker thread per core, as many as checks run at once.
  const threads = Math.min(concurrency, os.availableParallelism());
  const bareMatrix = async () => {
    const start = process.hrtime.bigint();
    let next = 0;
    const worker = async () => {
      while (next < checks.length) {
        const [a, b] = checks[next++];
        await mergeTreeAsync(repo, a, b);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const matrixOnce = async (engine, semantic) => {
    const start = process.hrtime.bigint();
    const result = await engine.conflictMatrix({ repo, branches, concurrency, threads, semantic });
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
  };
  progress(`real matrix: ${checks.length} checks, ${concurrency} at once on ${threads} threads`);
  await bareMatrix();
  const bareFirst = await bareMatrix();
  // The first matrix runs every check, in an engine that has seen none of these branches; later
  // ones (a live preview polling) find each pair's outcome kept by its commits.
  const matrixEngines = { full: freshEngine(), classified: freshEngine() };
  for (const engine of Object.values(matrixEngines)) engine.preloadParser();
  const first = await matrixOnce(matrixEngines.full, true);
  progress(`  matrix, first run: ${first.ms.toFixed(0)} ms; merge-tree calls ${bareFirst.toFixed(0)} ms`);
  const classifiedFirst = await matrixOnce(matrixEngines.classified, false);
  progress(`  matrix without the semantic check, first run: ${classifiedFirst.ms.toFixed(0)} ms`);
  const samples = { bare: [bareFirst, await bareMatrix()], warm: [] };
  for (let i = 0; i < Math.min(runs, 3); i++) {
    samples.warm.push((await matrixOnce(matrixEngines.full, true)).ms);
    samples.bare.push(await bareMatrix());
  }
  const matrixOf = (run) => ({ checks: run.result.checks.length, conflicting: run.result.conflicting, failed: run.result.failed, firstMs: run.ms });
  return {
    repo,
    bareCalls: checks.length,
    threads,
    pairs: rows.length,
    full: quantiles('full'),
    classified: quantiles('classified'),
    floor: quantiles('floor'),
    matrix: { ...matrixOf(first), warmMs: median(samples.warm), bareMs: median(samples.bare) },
    classifiedMatrix: matrixOf(classifiedFirst),
  };
}

async function main() {
  fs.mkdirSync(env.HOME, { recursive: true });
  const want = (part) => only === undefined || only === part;
  const results = [];
  const notes = [];
  if (want('cold')) {
    progress(`cold starts: ${runs} runs each`);
    const cold = coldStarts();
    results.push(
      { name: 'status --json (cold)', ms: cold.status, baseline: 'node -e 0', baselineMs: cold.node, target: 2.5 },
      { name: 'heartbeat (cold)', ms: cold.heartbeat, baseline: 'node -e 0', baselineMs: cold.node, target: 2.5 },
      { name: 'hook post-tool-use (cold)', ms: cold.hook, baseline: 'node -e 0', baselineMs: cold.node, target: 2.5 },
    );
  }
  if (want('register')) {
    const big = registerInBigRepo();
    results.push(
      { name: `register + worktree, ${fileCount} files`, ms: big.register, baseline: 'git worktree add', baselineMs: big.git, target: 1.3 },
      { name: `hook worktree-create (cold), ${fileCount} files`, ms: big.hook, baseline: 'git worktree add', baselineMs: big.git, target: 1.3 },
    );
  }
  if (want('poll')) {
    progress('merge poll over 500 branches');
    const poll = await mergePoll();
    results.push(
      { name: `merge poll, ${poll.checked} branches (${poll.events} merged)`, ms: poll.firstMs, baseline: 'budget', baselineMs: 1000, target: 1 },
      { name: 'merge re-poll, nothing new', ms: poll.againMs, baseline: 'budget', baselineMs: 1000, target: 1 },
    );
  }
  if (want('mcp')) {
    progress(`MCP initialize: ${runs} runs`);
    const mcp = await mcpInitialize();
    results.push({ name: 'parallel-cc-mcp initialize (cold)', ms: mcp.mcp, baseline: 'node -e 0', baselineMs: mcp.node, target: 2.5 });
  }
  if (want('deps')) {
    const { dependencyBench } = require('./deps');
    const full = argv.includes('--deps-full') || process.env.PARALLEL_CC_BENCH_DEPS === 'full';
    const tools = { work, env, pcc, git, makeRepo, liveProcess, progress, timeOnce, median, root };
    results.push(...dependencyBench(tools, { full, runs: flag('--deps-runs', 3) }));
  }
  if (want('preview')) {
    progress(`conflict preview of 8 branches: ${runs} runs`);
    const preview = await conflictPreview();
    results.push(
      {
        name: `conflict preview, ${preview.branches} branches (${preview.checks} checks, ${preview.conflicting} conflicting)`,
        ms: preview.matrix,
        baseline: `${preview.checks} x git merge-tree`,
        baselineMs: preview.git,
        target: 1,
      },
    );
  }
  if (want('guard')) {
    progress(`edit guard: 8 sessions, ${runs} cold runs each`);
    const scene = guardScene();
    const cold = guardCold(scene);
    results.push(
      { name: `hook pre-tool-use (cold), 8 sessions, ${scene.count} changed files, silent`, ms: cold.quiet, baseline: 'node -e 0', baselineMs: cold.node, target: 2.5 },
      { name: `hook pre-tool-use (cold), 8 sessions, ${scene.count} changed files, warning`, ms: cold.warn, baseline: 'node -e 0', baselineMs: cold.node, target: 2.5 },
    );
    progress('edit guard through the MCP server: 200 calls');
    const mcp = await guardMcp(scene);
    results.push(
      { name: 'guard_edit via MCP (p50), silent', ms: mcp.quiet, baseline: 'budget', baselineMs: 10, target: 1 },
      { name: 'guard_edit via MCP (p50), warning', ms: mcp.warn, baseline: 'budget', baselineMs: 10, target: 1 },
      { name: 'MCP ping round trip (p50), for scale', ms: mcp.ping, baseline: 'budget', baselineMs: 10, target: 1 },
    );
  }
  if (want('real')) {
    const repo = realRepository();
    const real = repo === null ? { skipped: 'no real repository: set PARALLEL_CC_BENCH_REAL_REPO to a clone (or clone one to ~/.cache/parallel-cc/bench-repo)' } : await realRepositoryCase(repo);
    if (real.skipped) {
      notes.push(`skipped the real-repository case: ${real.skipped}`);
    } else {
      const name = path.basename(real.repo);
      const perPair = (what, label, r, target) => ({ name: `${name}: ${what}, ${label} of ${real.pairs} conflicting pairs`, ms: r.detectMs, baseline: 'git merge-tree', baselineMs: r.bareMs, target });
      const matrix = (what, m, ms, target) => ({ name: `${name}: matrix of 8 branches (${m.checks} checks, ${m.conflicting} conflicting, ${real.threads} threads)${what}`, ms, baseline: `${real.bareCalls} x git merge-tree, 2 at once`, baselineMs: real.matrix.bareMs, target });
      const full = 'detect+classify with the semantic check (default)';
      const classified = 'detect+classify without the semantic check';
      const floor = 'git alone: merge-tree beside the two side diffs the semantic check reads';
      results.push(
        perPair(full, 'median ratio', real.full.median, 2),
        perPair(full, 'p90 ratio', real.full.p90, 5),
        perPair(full, 'worst ratio', real.full.worst, Infinity),
        perPair(classified, 'median ratio', real.classified.median, 2),
        perPair(classified, 'p90 ratio', real.classified.p90, 5),
        perPair(floor, 'median ratio', real.floor.median, Infinity),
        perPair(floor, 'p90 ratio', real.floor.p90, Infinity),
        matrix(', first run', real.matrix, real.matrix.firstMs, 3),
        matrix(' without the semantic check, first run', real.classifiedMatrix, real.classifiedMatrix.firstMs, 3),
        matrix(' again (outcomes kept by commit)', real.matrix, real.matrix.warmMs, 3),
      );
    }
  }
  if (want('dashboard')) {
    const { dashboardBench } = require('./dashboard');
    const board = await dashboardBench({ work, env, root, makeRepo, liveProcess, progress, median });
    if (board.skipped) {
      notes.push(`skipped the dashboard: ${board.skipped}`);
    } else {
      const scene = `${board.sessions} sessions, ${board.events} events`;
      results.push(
        { name: `dashboard event to paint (p50), ${scene}`, ms: board.p50, baseline: 'budget', baselineMs: 200, target: 1 },
        { name: `dashboard event to paint (p90), ${scene}`, ms: board.p90, baseline: 'budget', baselineMs: 200, target: 1 },
        { name: `dashboard longest main-thread task during events, ${scene}`, ms: board.longestTaskMs, baseline: 'budget', baselineMs: 200, target: 1 },
        { name: `dashboard first full page, ${scene}`, ms: board.firstPaintMs, baseline: 'reported', baselineMs: board.firstPaintMs, target: Infinity },
      );
    }
  }
  const measured = results.map((r) => ({ ...r, ratio: r.ms / r.baselineMs, met: r.ms / r.baselineMs <= r.target }));
  if (asJson) {
    process.stdout.write(`${JSON.stringify({ results: measured, notes }, null, 2)}\n`);
    return;
  }
  for (const note of notes) console.log(`bench: ${note}`);
  if (measured.length === 0) return;
  const rows = measured.map((r) => [
    r.name,
    `${r.ms.toFixed(0)} ms`,
    `${r.baseline} ${r.baselineMs.toFixed(0)} ms`,
    `${r.ratio.toFixed(2)}x`,
    r.target === Infinity ? 'reported' : `<= ${r.target}x`,
    r.target === Infinity ? '' : r.met ? 'met' : 'MISSED',
  ]);
  const header = ['measure', 'median', 'baseline (median)', 'ratio', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  for (const row of [header, ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i])).join('  '));
}

main()
  .catch((error) => {
    console.error(`bench failed: ${error.stack ?? error}`);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const child of sleepers) child.kill();
    fs.rmSync(work, { recursive: true, force: true });
  });
