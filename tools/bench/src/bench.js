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
// Runs alternate between the measured command and its baseline so that drift hits both alike.
// Flags: --json (machine-readable), --runs N (cold-start and conflict-preview runs, default 15),
//   6. A new worktree's node_modules (cloned, see deps.js) against `cp -a` of it (≤ 0.35×), and the
//      whole register against `git worktree add` + `cp -a`; ~30 MB by default, `--deps-full` for 300 MB.
// --files N (default 20000), --only cold|register|poll|mcp|preview|deps (one group of measures).
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

async function main() {
  fs.mkdirSync(env.HOME, { recursive: true });
  const want = (part) => only === undefined || only === part;
  const results = [];
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
  const measured = results.map((r) => ({ ...r, ratio: r.ms / r.baselineMs, met: r.ms / r.baselineMs <= r.target }));
  if (asJson) {
    process.stdout.write(`${JSON.stringify({ results: measured }, null, 2)}\n`);
    return;
  }
  const rows = measured.map((r) => [
    r.name,
    `${r.ms.toFixed(0)} ms`,
    `${r.baseline} ${r.baselineMs.toFixed(0)} ms`,
    `${r.ratio.toFixed(2)}x`,
    `<= ${r.target}x`,
    r.met ? 'met' : 'MISSED',
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
