#!/usr/bin/env node
// `npm run soak`: parallel-cc under load, looking for what only shows after many operations:
// leaked rows, worktrees, branches, child processes and file descriptors, lost MCP answers, and a
// `status` that slows down as sessions come and go. Everything runs in a temporary folder: a
// throwaway git repository and a temporary PARALLEL_CC_HOME (never the user's).
//   1. Cycles: the built `parallel-cc` as a user runs it, `register --repo R --pid P --json` then
//      `release --session-id <id> --json`, P a live child process started and stopped for each
//      cycle. An anchor session holds the main checkout, so every cycle makes and removes a
//      worktree and its branch; every 10th cycle also claims a file (`claims claim`).
//   2. Concurrency: M child processes registered at once (exactly one gets the main checkout, no
//      two share a place), `status --json` sees all M, then M releases at once.
//   3. In-process: the same cycles through core-sessions (`openCoordinator` once, then
//      `registerSession`, `claimFile`, `addNotification`, `releaseSession`), comparing this
//      process's open file descriptors (/proc/self/fd) before and after.
//   4. MCP: the real `parallel-cc-mcp` over stdio with the SDK's Client: sequential tool calls
//      (status, my session, claims, notifications, claim_file/release_file pairs), then concurrent
//      ones; every call must get an answer that is not an error.
//   5. Checks: no session, claim or notification rows left; `git worktree list` shows only the
//      main checkout; the worktrees folder is empty or gone; no `parallel-cc/*` branch left; no
//      descendant process of this one left; `status --json` at the end within 2x of the
//      start (each relative to `parallel-cc --version` timed alongside).
// The soak runs a copy of the build taken when it starts (under node_modules/.cache, so that the
// bundles' external packages still resolve), so that a rebuild during a long soak (a watch, or a
// second checkout's build) cannot swap the code under it half way.
// Flags: --cycles N (default 1000), --concurrent M (50), --inproc-cycles N (default: --cycles),
// --mcp-calls N (1000), --mcp-concurrent M (50), --status-runs N (9), --json, --keep (leave the
// temporary folder for inspection), --max-minutes M (a time budget for a busy machine: the CLI
// cycles stop starting after 45% of it, the in-process ones after 75% (at least 10 run); the
// report says how many ran). Exits 1 when any check fails.
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const argv = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = argv.indexOf(name);
  if (i === -1) return fallback;
  const value = Number(argv[i + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} needs a whole number, not ${argv[i + 1]}`);
  return value;
};
const cycles = flag('--cycles', 1000);
const concurrent = flag('--concurrent', 50);
const inprocCycles = flag('--inproc-cycles', cycles);
const mcpCalls = flag('--mcp-calls', 1000);
const mcpConcurrent = flag('--mcp-concurrent', 50);
const statusRuns = flag('--status-runs', 9);
const maxMinutes = flag('--max-minutes', 0);
const startedAt = Date.now();
/** Whether `share` of the --max-minutes budget is spent (never, without a budget). */
const overBudget = (share) => maxMinutes > 0 && Date.now() - startedAt > share * maxMinutes * 60_000;
const asJson = argv.includes('--json');
const keep = argv.includes('--keep');
/**
 * `status --json` at the end may take at most this many times its time at the start, each taken
 * relative to `parallel-cc --version` (the same cold start without the database) measured
 * alongside, so that a machine busier at one end than the other does not count.
 */
const STATUS_RATIO_LIMIT = 2;
/** In-process cycles run even past --max-minutes, so that the file descriptor check means something. */
const MIN_INPROC_CYCLES = 10;

const root = path.resolve(__dirname, '../../..');
fs.mkdirSync(path.join(root, 'node_modules', '.cache'), { recursive: true });
const snapshot = fs.mkdtempSync(path.join(root, 'node_modules', '.cache', 'parallel-cc-soak-'));
const pcc = path.join(snapshot, 'cli', 'bin', 'parallel-cc.js');
const mcpBin = path.join(snapshot, 'mcp-server', 'bin', 'parallel-cc-mcp.js');
const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'parallel-cc-soak-')));
const repo = path.join(work, 'repo');
const env = {
  ...process.env,
  HOME: path.join(work, 'home'),
  PARALLEL_CC_HOME: path.join(work, 'pcc-home'),
  PARALLEL_CC_WORKTREE_BACKEND: 'native',
  GIT_AUTHOR_NAME: 'Soak',
  GIT_AUTHOR_EMAIL: 'soak@example.com',
  GIT_COMMITTER_NAME: 'Soak',
  GIT_COMMITTER_EMAIL: 'soak@example.com',
  NO_COLOR: '1',
};
delete env.PARALLEL_CC_SESSION_ID;

/** Copies the built bins (self-contained bundles but for external packages) and core-sessions' libs. */
function snapshotBuild() {
  for (const [app, bin] of [['cli', 'parallel-cc'], ['mcp-server', 'parallel-cc-mcp']]) {
    const built = path.join(root, 'apps', app, 'dist', 'bin', `${bin}.js`);
    if (!fs.existsSync(built)) throw new Error(`apps/${app} is not built: run \`npm run soak\` (it builds first) or \`npx nx run ${app}:build\``);
    fs.cpSync(path.join(root, 'apps', app, 'bin'), path.join(snapshot, app, 'bin'), { recursive: true });
    fs.cpSync(path.join(root, 'apps', app, 'dist', 'bin'), path.join(snapshot, app, 'dist', 'bin'), { recursive: true });
  }
  for (const lib of ['core-sessions', 'worktree-gtr']) {
    const target = path.join(snapshot, 'node_modules', '@parallel-cc', lib);
    if (!fs.existsSync(path.join(root, 'libs', lib, 'dist', 'index.js'))) throw new Error(`libs/${lib} is not built: run \`npm run soak\``);
    fs.mkdirSync(target, { recursive: true });
    fs.copyFileSync(path.join(root, 'libs', lib, 'package.json'), path.join(target, 'package.json'));
    fs.cpSync(path.join(root, 'libs', lib, 'dist'), path.join(target, 'dist'), { recursive: true });
  }
}

/** Removes the snapshot and the V8 code caches its bundles left (load-bundle.js keys them by the bundle's path). */
function removeSnapshot() {
  fs.rmSync(snapshot, { recursive: true, force: true });
  if (typeof process.getuid !== 'function') return;
  const cacheDir = path.join(os.tmpdir(), `parallel-cc-code-cache-${process.getuid()}`);
  const prefixes = [
    path.join(snapshot, 'cli', 'dist', 'bin', 'parallel-cc.js'),
    path.join(snapshot, 'mcp-server', 'dist', 'bin', 'parallel-cc-mcp.js'),
  ].map((file) => `${crypto.createHash('sha1').update(file).digest('hex').slice(0, 12)}-`);
  try {
    for (const name of fs.readdirSync(cacheDir)) {
      if (prefixes.some((p) => name.startsWith(p))) fs.rmSync(path.join(cacheDir, name), { force: true });
    }
  } catch {
    // No cache folder: nothing to remove.
  }
}

const progress = (text) => process.stderr.write(`soak: ${text}\n`);
const git = (...args) => execFileSync('git', ['-C', repo, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
const elapsedMs = (start) => Number(process.hrtime.bigint() - start) / 1e6;

/** Failed expectations, each a short line; any makes the soak fail. */
const problems = [];
const problem = (text) => {
  problems.push(text);
  if (problems.length <= 20) progress(`PROBLEM: ${text}`);
};

/** Runs `parallel-cc args` (asynchronously, so that many can run at once); resolves with its output and wall time. */
function pccRun(args) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [pcc, ...args], { env, cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => resolve({ code: -1, stdout, stderr: `${stderr}${error.message}`, ms: elapsedMs(start) }));
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: elapsedMs(start) }));
  });
}

const parseJson = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Live child processes standing in for sessions' agents; each is stopped and waited for. */
const sleepers = new Set();
function startSleeper() {
  const child = spawn('sleep', ['3600'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const sleeper = { pid: child.pid, stop: () => (child.kill(), exited) };
  sleepers.add(sleeper);
  exited.then(() => sleepers.delete(sleeper));
  return sleeper;
}

async function register(pid, what) {
  const run = await pccRun(['register', '--repo', repo, '--pid', String(pid), '--json']);
  const registration = parseJson(run.stdout);
  if (run.code !== 0 || !registration?.sessionId) {
    problem(`${what}: register exited ${run.code}: ${run.stderr.trim() || run.stdout.trim()}`);
    return { ms: run.ms, registration: undefined };
  }
  return { ms: run.ms, registration };
}

async function release(sessionId, what) {
  const run = await pccRun(['release', '--session-id', sessionId, '--json']);
  const result = parseJson(run.stdout)?.results?.[0];
  if (run.code !== 0 || result?.status !== 'done') {
    problem(`${what}: release exited ${run.code}: ${run.stderr.trim() || run.stdout.trim()}`);
  }
  return { ms: run.ms, result };
}

async function status() {
  const run = await pccRun(['status', '--json']);
  const report = parseJson(run.stdout);
  if (run.code !== 0 || report === undefined) problem(`status exited ${run.code}: ${run.stderr.trim()}`);
  return { ms: run.ms, report };
}

/** Median wall times of `statusRuns` runs of `status --json` and of `--version` alternately, after one warm-up each. */
async function statusTime() {
  await status();
  await pccRun(['--version']);
  const samples = { status: [], version: [] };
  for (let i = 0; i < statusRuns; i++) {
    samples.status.push((await status()).ms);
    samples.version.push((await pccRun(['--version'])).ms);
  }
  return { ms: summary(samples.status).p50, versionMs: summary(samples.version).p50 };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** count, p50, p95 and max of a list of milliseconds. */
function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? 0 };
}

function makeRepo() {
  fs.mkdirSync(path.join(repo, 'src'), { recursive: true });
  git('init', '-q', '-b', 'main');
  git('config', 'commit.gpgSign', 'false');
  fs.writeFileSync(path.join(repo, 'README.md'), '# soak\n');
  for (let i = 0; i < 50; i++) fs.writeFileSync(path.join(repo, 'src', `file${i}.ts`), `export const value${i} = ${i};\n`);
  git('add', '-A');
  git('commit', '-q', '-m', 'initial');
}

/** One register/release cycle through the CLI, with a worktree (the anchor holds the main checkout). */
async function cliCycle(i, samples) {
  const sleeper = startSleeper();
  try {
    const { ms, registration } = await register(sleeper.pid, `cycle ${i}`);
    samples.register.push(ms);
    if (!registration) return;
    if (registration.isMainRepo || !registration.created) problem(`cycle ${i}: expected a new worktree, got ${JSON.stringify(registration)}`);
    if (i % 10 === 0) {
      const claim = await pccRun(['claims', 'claim', 'README.md', '--session-id', registration.sessionId, '--json']);
      samples.claim.push(claim.ms);
      if (claim.code !== 0 || parseJson(claim.stdout)?.granted !== true) problem(`cycle ${i}: claims claim exited ${claim.code}: ${claim.stderr.trim() || claim.stdout.trim()}`);
    }
    const released = await release(registration.sessionId, `cycle ${i}`);
    samples.release.push(released.ms);
    if (released.result && (released.result.worktree !== 'removed' || released.result.branchOutcome !== 'deleted')) {
      problem(`cycle ${i}: release left ${JSON.stringify(released.result)}`);
    }
  } finally {
    await sleeper.stop();
  }
}

async function cliCycles() {
  const samples = { register: [], release: [], claim: [] };
  const start = process.hrtime.bigint();
  let done = 0;
  while (done < cycles && !overBudget(0.45)) {
    await cliCycle(done, samples);
    if (++done % 100 === 0) progress(`cycles: ${done}/${cycles}`);
  }
  const seconds = elapsedMs(start) / 1000;
  return { cycles: done, requested: cycles, seconds, perSecond: done / seconds, register: summary(samples.register), release: summary(samples.release), claim: summary(samples.claim) };
}

async function concurrentSessions() {
  const children = Array.from({ length: concurrent }, () => startSleeper());
  try {
    const start = process.hrtime.bigint();
    const registered = await Promise.all(children.map((c, i) => register(c.pid, `concurrent register ${i}`)));
    const registerWall = elapsedMs(start);
    const registrations = registered.map((r) => r.registration).filter(Boolean);
    const places = new Set(registrations.map((r) => r.worktreePath));
    if (places.size !== registrations.length) problem(`concurrent: ${registrations.length} sessions share ${places.size} places`);
    const main = registrations.filter((r) => r.isMainRepo).length;
    if (concurrent > 0 && main !== 1) problem(`concurrent: ${main} sessions got the main checkout, expected 1`);
    const seen = await status();
    if (seen.report?.totalSessions !== concurrent) problem(`concurrent: status shows ${seen.report?.totalSessions} sessions, expected ${concurrent}`);
    const releaseStart = process.hrtime.bigint();
    const released = await Promise.all(registrations.map((r, i) => release(r.sessionId, `concurrent release ${i}`)));
    const releaseWall = elapsedMs(releaseStart);
    return {
      sessions: concurrent,
      register: { ...summary(registered.map((r) => r.ms)), wall: registerWall },
      status: { ms: seen.ms, totalSessions: seen.report?.totalSessions },
      release: { ...summary(released.map((r) => r.ms)), wall: releaseWall },
    };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
}

const openFds = () => fs.readdirSync('/proc/self/fd').length;

/** The cycles in this process through core-sessions, watching its file descriptors and memory. */
async function inProcessCycles() {
  const core = require(path.join(snapshot, 'node_modules', '@parallel-cc', 'core-sessions'));
  const fdStart = openFds();
  const coordinator = await core.openCoordinator({ env });
  const samples = { register: [], release: [] };
  const cycle = async (i) => {
    const sleeper = startSleeper();
    try {
      let start = process.hrtime.bigint();
      const registration = await core.registerSession(coordinator, { repo, pid: sleeper.pid, env });
      samples.register.push(elapsedMs(start));
      const claim = await core.claimFile(coordinator, { sessionId: registration.sessionId, filePath: `src/file${i % 50}.ts` });
      if (!claim.granted) problem(`in-process cycle ${i}: claim refused: ${claim.message}`);
      await core.addNotification(coordinator, { sessionId: registration.sessionId, kind: 'soak', text: `cycle ${i}` });
      start = process.hrtime.bigint();
      const [result] = await core.releaseSession(coordinator, { sessionId: registration.sessionId }, { env });
      samples.release.push(elapsedMs(start));
      if (result?.status !== 'done' || result.worktree !== 'removed') problem(`in-process cycle ${i}: release gave ${JSON.stringify(result)}`);
    } catch (error) {
      problem(`in-process cycle ${i}: ${error.message}`);
    } finally {
      await sleeper.stop();
    }
  };
  try {
    // One warm-up cycle loads the lazily imported modules before the first count.
    await cycle(-1);
    const fdBefore = openFds();
    const rssBefore = process.memoryUsage().rss;
    const start = process.hrtime.bigint();
    let done = 0;
    while (done < inprocCycles && (done < MIN_INPROC_CYCLES || !overBudget(0.75))) {
      await cycle(done);
      if (++done % 100 === 0) progress(`in-process cycles: ${done}/${inprocCycles}`);
    }
    const seconds = elapsedMs(start) / 1000;
    const fdAfter = openFds();
    const rssAfter = process.memoryUsage().rss;
    return { cycles: done, requested: inprocCycles, seconds, perSecond: done / seconds, fdStart, fdBefore, fdAfter, rssBeforeMb: rssBefore / 2 ** 20, rssAfterMb: rssAfter / 2 ** 20, register: summary(samples.register), release: summary(samples.release) };
  } finally {
    await coordinator.close();
  }
}

/** Tool calls for the MCP phase: cheap read tools, and claim_file/release_file pairs. */
function mcpCall(i, file) {
  switch (i % 6) {
    case 0:
      return { name: 'get_parallel_status', arguments: {} };
    case 1:
      return { name: 'get_my_session', arguments: {} };
    case 2:
      return { name: 'list_file_claims', arguments: {} };
    case 3:
      return { name: 'get_notifications', arguments: {} };
    case 4:
      return { name: 'claim_file', arguments: { file_path: file } };
    default:
      return { name: 'release_file', arguments: { file_path: file } };
  }
}

/** Why an MCP answer is not the one expected, or undefined when it is. */
function mcpAnswerProblem(call, result) {
  if (!result || result.isError) return `${call.name} failed: ${JSON.stringify(result?.content ?? result)}`;
  const out = result.structuredContent ?? {};
  if (call.name === 'claim_file' && out.granted !== true) return `claim_file ${call.arguments.file_path} not granted: ${out.message}`;
  if (call.name === 'release_file' && out.released !== true) return `release_file ${call.arguments.file_path}: ${out.message}`;
  return undefined;
}

async function mcpLoad() {
  const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
  const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');
  const sleeper = startSleeper();
  const { registration } = await register(sleeper.pid, 'MCP session');
  if (!registration) return undefined;
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [mcpBin],
    env: { ...env, PARALLEL_CC_SESSION_ID: registration.sessionId },
    cwd: registration.worktreePath,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => (stderr += chunk));
  const client = new Client({ name: 'parallel-cc-soak', version: '1.0.0' });
  const timed = async (call) => {
    const start = process.hrtime.bigint();
    try {
      const result = await client.callTool(call);
      return { ms: elapsedMs(start), trouble: mcpAnswerProblem(call, result) };
    } catch (error) {
      return { ms: elapsedMs(start), trouble: `${call.name} threw: ${error.message}` };
    }
  };
  try {
    await client.connect(transport);
    const sequential = [];
    let answered = 0;
    const seqStart = process.hrtime.bigint();
    for (let i = 0; i < mcpCalls; i++) {
      // A claim (i % 6 === 4) and its release (i % 6 === 5) name the same file.
      const { ms, trouble } = await timed(mcpCall(i, `src/file${Math.floor(i / 6) % 50}.ts`));
      sequential.push(ms);
      if (trouble) problem(`MCP call ${i}: ${trouble}`);
      else answered++;
      if ((i + 1) % 250 === 0) progress(`MCP calls: ${i + 1}/${mcpCalls}`);
    }
    const seqSeconds = elapsedMs(seqStart) / 1000;
    // Concurrent: releases would race their claims, so claims go out at once (each its own file)
    // and are released together afterwards.
    const calls = Array.from({ length: mcpConcurrent }, (_, i) => mcpCall(i % 6 === 5 ? 4 : i, `concurrent/file${i}.ts`));
    const conStart = process.hrtime.bigint();
    const answers = await Promise.all(calls.map(timed));
    const conWall = elapsedMs(conStart);
    answers.forEach((a, i) => (a.trouble ? problem(`concurrent MCP call ${i}: ${a.trouble}`) : answered++));
    const releases = calls.filter((c) => c.name === 'claim_file').map((c) => ({ name: 'release_file', arguments: c.arguments }));
    const released = await Promise.all(releases.map(timed));
    released.forEach((a, i) => (a.trouble ? problem(`concurrent MCP release ${i}: ${a.trouble}`) : answered++));
    const expected = mcpCalls + calls.length + releases.length;
    if (answered !== expected) problem(`MCP: ${answered} of ${expected} calls answered as expected`);
    if (/jsonrpc/.test(stderr)) problem('MCP: protocol messages reached stderr');
    return {
      sequential: { ...summary(sequential), seconds: seqSeconds, perSecond: mcpCalls / seqSeconds },
      concurrent: { ...summary([...answers, ...released].map((a) => a.ms)), wall: conWall },
      answered,
      expected,
    };
  } finally {
    // A server that already went away has nothing left to close.
    await client.close().catch(() => undefined);
    await release(registration.sessionId, 'MCP session');
    await sleeper.stop();
  }
}

/** Every process whose chain of parents leads to this one. */
function descendants() {
  const parents = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), { ppid: Number(fields[1]), name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) });
    } catch {
      // The process ended while we looked.
    }
  }
  const found = [];
  for (const [pid, { name }] of parents) {
    for (let p = parents.get(pid)?.ppid; p !== undefined && p > 1; p = parents.get(p)?.ppid) {
      if (p === process.pid) {
        found.push(`${pid} (${name})`);
        break;
      }
    }
  }
  return found;
}

/** Checks that nothing outlived its session; each is `{ name, ok, detail }`. */
function leakChecks(inProcess) {
  const checks = [];
  const check = (name, ok, detail) => checks.push({ name, ok, detail });
  const Database = require(path.join(root, 'node_modules', 'better-sqlite3'));
  const db = new Database(path.join(env.PARALLEL_CC_HOME, 'coordinator.db'), { readonly: true });
  try {
    for (const table of ['sessions', 'file_claims', 'notifications']) {
      const { n } = db.prepare(`SELECT count(*) AS n FROM ${table}`).get();
      check(`no ${table} rows left`, n === 0, `${n} rows`);
    }
  } finally {
    db.close();
  }
  const worktrees = git('worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree '));
  check('git worktree list shows only the main checkout', worktrees.length === 1, `${worktrees.length} worktrees`);
  const folder = `${repo}-worktrees`;
  const inFolder = fs.existsSync(folder) ? fs.readdirSync(folder) : [];
  check('the worktrees folder is empty or gone', inFolder.length === 0, fs.existsSync(folder) ? `${inFolder.length} entries` : 'gone');
  const branches = git('for-each-ref', '--format=%(refname:short)', 'refs/heads/parallel-cc/').split('\n').filter(Boolean);
  check('no parallel-cc/* branches left', branches.length === 0, `${branches.length} branches${branches.length ? `: ${branches.slice(0, 5).join(' ')}` : ''}`);
  const left = descendants();
  check('no child processes left', left.length === 0, left.length ? left.slice(0, 10).join(', ') : 'none');
  if (inProcess) {
    check(
      'no file descriptors leaked in-process',
      inProcess.fdAfter <= inProcess.fdBefore,
      `${inProcess.fdBefore} open before ${inProcess.cycles} cycles, ${inProcess.fdAfter} after`,
    );
  }
  return checks;
}

const fmt = (ms) => `${ms.toFixed(ms < 10 ? 1 : 0)}`;
const row = (name, s, extra = '') => [name, String(s.count), fmt(s.p50), fmt(s.p95), fmt(s.max), extra];

function printReport(report) {
  const rows = [];
  if (report.cycles) {
    const c = report.cycles;
    rows.push(row('register (cycle)', c.register, `${c.perSecond.toFixed(2)} cycles/s`), row('release (cycle)', c.release));
    if (c.claim.count) rows.push(row('claims claim (cycle)', c.claim));
  }
  if (report.concurrent) {
    const c = report.concurrent;
    rows.push(
      row(`register (${c.sessions} at once)`, c.register, `wall ${fmt(c.register.wall)} ms`),
      row(`release (${c.sessions} at once)`, c.release, `wall ${fmt(c.release.wall)} ms`),
      [`status (${c.status.totalSessions} sessions)`, '1', fmt(c.status.ms), '', '', ''],
    );
  }
  if (report.inProcess) {
    const p = report.inProcess;
    rows.push(row('registerSession (in-process)', p.register, `${p.perSecond.toFixed(2)} cycles/s`), row('releaseSession (in-process)', p.release));
  }
  if (report.mcp) {
    const m = report.mcp;
    rows.push(
      row('MCP call (sequential)', m.sequential, `${m.sequential.perSecond.toFixed(0)} calls/s`),
      row('MCP call (concurrent)', m.concurrent, `wall ${fmt(m.concurrent.wall)} ms`),
    );
  }
  const s = report.status;
  rows.push(
    [`status --json, start / end (median of ${statusRuns})`, '', `${fmt(s.start.ms)} / ${fmt(s.end.ms)}`, '', '', `${(s.end.ms / s.start.ms).toFixed(2)}x`],
    ['--version, start / end (baseline)', '', `${fmt(s.start.versionMs)} / ${fmt(s.end.versionMs)}`, '', '', `status end/start relative to it: ${s.ratio.toFixed(2)}x (<= ${STATUS_RATIO_LIMIT}x)`],
  );
  const header = ['operation', 'count', 'p50 ms', 'p95 ms', 'max ms', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [header, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
  if (report.inProcess) {
    const p = report.inProcess;
    console.log(`in-process: ${p.fdBefore} fds before, ${p.fdAfter} after ${p.cycles} cycles; rss ${p.rssBeforeMb.toFixed(0)} MB -> ${p.rssAfterMb.toFixed(0)} MB`);
  }
  if (report.mcp) console.log(`MCP: ${report.mcp.answered}/${report.mcp.expected} calls answered`);
  for (const [what, part] of [['CLI cycles', report.cycles], ['in-process cycles', report.inProcess]]) {
    if (part && part.cycles < part.requested) console.log(`${what}: ${part.cycles} of ${part.requested} ran within --max-minutes ${maxMinutes}`);
  }
  console.log('');
  for (const c of report.checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name} (${c.detail})`);
  if (report.problems.length) {
    console.log(`\n${report.problems.length} problems${report.problems.length > 20 ? ' (first 20)' : ''}:`);
    for (const p of report.problems.slice(0, 20)) console.log(`  ${p}`);
  }
  console.log(`\nsoak ${report.ok ? 'passed' : 'FAILED'} in ${report.seconds.toFixed(0)} s`);
}

async function main() {
  const start = process.hrtime.bigint();
  snapshotBuild();
  fs.mkdirSync(env.HOME, { recursive: true });
  makeRepo();
  const report = {};
  // The anchor holds the main checkout, so that every cycle makes a worktree.
  const anchor = startSleeper();
  const { registration: anchorSession } = await register(anchor.pid, 'anchor');
  const statusStart = await statusTime();
  if (cycles > 0) {
    progress(`${cycles} register/release cycles through the CLI`);
    report.cycles = await cliCycles();
  }
  if (anchorSession) await release(anchorSession.sessionId, 'anchor');
  if (concurrent > 0) {
    progress(`${concurrent} sessions at once`);
    report.concurrent = await concurrentSessions();
  }
  const { registration: anchor2 } = await register(anchor.pid, 'second anchor');
  if (inprocCycles > 0) {
    progress(`${inprocCycles} register/release cycles in-process`);
    report.inProcess = await inProcessCycles();
  }
  if (mcpCalls > 0 || mcpConcurrent > 0) {
    progress(`${mcpCalls} sequential and ${mcpConcurrent} concurrent MCP tool calls`);
    report.mcp = await mcpLoad();
  }
  // Measured in the same state as at the start: the anchor alone, many sessions later.
  const statusEnd = await statusTime();
  report.status = { start: statusStart, end: statusEnd, ratio: statusEnd.ms / statusEnd.versionMs / (statusStart.ms / statusStart.versionMs) };
  if (anchor2) await release(anchor2.sessionId, 'second anchor');
  await anchor.stop();
  report.checks = leakChecks(report.inProcess);
  report.checks.push({
    name: 'status --json stays fast',
    ok: report.status.ratio <= STATUS_RATIO_LIMIT,
    detail: `${fmt(statusStart.ms)} ms at the start, ${fmt(statusEnd.ms)} ms at the end (--version ${fmt(statusStart.versionMs)} and ${fmt(statusEnd.versionMs)} ms): ${report.status.ratio.toFixed(2)}x`,
  });
  report.checks.push({ name: 'every operation succeeded', ok: problems.length === 0, detail: `${problems.length} problems` });
  report.problems = problems;
  report.ok = report.checks.every((c) => c.ok);
  report.seconds = elapsedMs(start) / 1000;
  report.options = { cycles, concurrent, inprocCycles, mcpCalls, mcpConcurrent, statusRuns, maxMinutes };
  if (asJson) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else printReport(report);
  if (!report.ok) process.exitCode = 1;
}

async function tidy() {
  await Promise.all([...sleepers].map((s) => s.stop()));
  removeSnapshot();
  if (keep) progress(`left ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    progress(`${signal}: stopping`);
    tidy().finally(() => process.exit(130));
  });
}

main()
  .catch((error) => {
    console.error(`soak failed: ${error.stack ?? error}`);
    process.exitCode = 1;
  })
  .finally(tidy);
