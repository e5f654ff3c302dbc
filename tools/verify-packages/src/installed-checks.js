'use strict';
// What a user does with the packages once installed, run in a project that holds only the
// installed tarballs: each check gets that project's folder and a private environment, and
// throws with what it saw when the packages fail it.
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** Runs a program to completion (argument arrays, no shell); a non-zero exit throws with its output. */
function run(file, args, options) {
  const result = spawnSync(file, args, { encoding: 'utf8', timeout: 120_000, ...options });
  if (result.status !== 0) {
    throw new Error(`${path.basename(file)} ${args.join(' ')} exited ${result.status ?? result.signal}:\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/** A throwaway repository with one commit on main, in a new folder of `dir`. */
function throwawayRepo(dir, name, env) {
  const repo = path.join(dir, name);
  fs.mkdirSync(repo, { recursive: true });
  const git = (...args) => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(repo, 'app.ts'), 'export const value = 1;\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'initial');
  return { repo, git };
}

/** Writes a script into the project (so that it resolves the installed packages) and runs it with node. */
function runScript(project, name, source, env) {
  const file = path.join(project, name);
  fs.writeFileSync(file, source);
  return run(process.execPath, [file], { cwd: project, env });
}

const CHECKS = [
  {
    name: 'npx @parallel-cc/cli --version',
    run({ project, env, versions }) {
      const out = run('npx', ['--no-install', '@parallel-cc/cli', '--version'], { cwd: project, env }).trim();
      if (!out.includes(versions['@parallel-cc/cli'])) throw new Error(`printed "${out}", not the version ${versions['@parallel-cc/cli']}`);
    },
  },
  {
    name: 'parallel-cc --help',
    run({ bin, env }) {
      const out = run(bin('parallel-cc'), ['--help'], { env });
      for (const command of ['register', 'status', 'release', 'sandbox run']) if (!out.includes(command)) throw new Error(`--help does not list ${command}:\n${out}`);
    },
  },
  {
    name: 'parallel-cc register, status and release on a throwaway repository',
    run({ work, bin, env }) {
      const { repo } = throwawayRepo(work, 'sessions-repo', env);
      const holder = spawn('sleep', ['300'], { stdio: 'ignore' });
      try {
        const registered = JSON.parse(run(bin('parallel-cc'), ['register', '--repo', repo, '--pid', String(holder.pid), '--json'], { env }));
        const status = JSON.parse(run(bin('parallel-cc'), ['status', '--repo', repo, '--json'], { env }));
        if (!status.sessions.some((s) => s.id === registered.sessionId || s.sessionId === registered.sessionId)) {
          throw new Error(`status does not show the session ${registered.sessionId}: ${JSON.stringify(status)}`);
        }
        run(bin('parallel-cc'), ['release', '--session-id', registered.sessionId], { env });
        const after = JSON.parse(run(bin('parallel-cc'), ['status', '--repo', repo, '--json'], { env }));
        if (after.sessions.length !== 0) throw new Error(`a session is left after release: ${JSON.stringify(after)}`);
      } finally {
        holder.kill();
      }
    },
  },
  {
    name: 'parallel-cc-mcp answers initialize and tools/list over stdio',
    run({ project, bin, env }) {
      const out = runScript(
        project,
        'mcp-check.js',
        `const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');
(async () => {
  const client = new Client({ name: 'verify-packages', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: ${JSON.stringify(bin('parallel-cc-mcp'))}, args: [], env: process.env, stderr: 'inherit' }));
  const { tools } = await client.listTools();
  console.log(JSON.stringify({ server: client.getServerVersion(), tools: tools.map((t) => t.name) }));
  await client.close();
})().catch((error) => { console.error(error); process.exit(1); });
`,
        env,
      );
      const { server, tools } = JSON.parse(out.trim().split('\n').pop());
      if (!server?.name || tools.length < 10 || !tools.includes('claim_file')) throw new Error(`unexpected answer: ${out}`);
    },
  },
  {
    name: "require('@parallel-cc/conflict-engine') finds a conflict between two branches",
    run({ project, work, env }) {
      const { repo, git } = throwawayRepo(work, 'conflict-repo', env);
      git('checkout', '-q', '-b', 'feature');
      fs.writeFileSync(path.join(repo, 'app.ts'), 'export const value = 2;\n');
      git('commit', '-q', '-am', 'feature');
      git('checkout', '-q', 'main');
      fs.writeFileSync(path.join(repo, 'app.ts'), 'export const value = 3;\n');
      git('commit', '-q', '-am', 'main');
      const out = runScript(
        project,
        'conflict-check.js',
        `const { detectConflicts } = require('@parallel-cc/conflict-engine');
detectConflicts({ repo: ${JSON.stringify(repo)}, ours: 'main', theirs: 'feature' })
  .then((r) => console.log(JSON.stringify({ clean: r.clean, paths: r.conflicts.map((c) => c.path), classes: r.conflicts.map((c) => c.classification && c.classification.class) })))
  .catch((error) => { console.error(error); process.exit(1); });
`,
        env,
      );
      const report = JSON.parse(out.trim());
      if (report.clean || report.paths.join() !== 'app.ts' || !report.classes[0]) throw new Error(`unexpected report: ${out}`);
    },
  },
  {
    name: "a conflict matrix runs its checks on the engine's worker threads, which the CLI's and MCP server's bundles find",
    run({ project, work, env }) {
      // The bundles inline the engine; their workers run its `check-worker` script as installed.
      for (const app of ['cli', 'mcp']) {
        const from = path.join(project, 'node_modules', '@parallel-cc', app, 'dist', 'bin');
        const script = require.resolve('@parallel-cc/conflict-engine/check-worker', { paths: [from] });
        if (!fs.existsSync(script)) throw new Error(`@parallel-cc/${app} resolves the worker to ${script}, which is missing`);
      }
      const { repo, git } = throwawayRepo(work, 'matrix-repo', env);
      for (const [branch, value] of [['a', 2], ['b', 3], ['c', 4]]) {
        git('checkout', '-q', '-b', branch, 'main');
        fs.writeFileSync(path.join(repo, 'app.ts'), `export const value = ${value};\n`);
        git('commit', '-q', '-am', branch);
      }
      const out = runScript(
        project,
        'matrix-check.js',
        `const { conflictMatrix } = require('@parallel-cc/conflict-engine');
conflictMatrix({ repo: ${JSON.stringify(repo)}, branches: ['a', 'b', 'c'].map((ref) => ({ ref })), threads: 2 })
  .then((m) => console.log(JSON.stringify(m.checks.map((c) => c.status + ' ' + c.conflicts.map((x) => x.classification && x.classification.class).join()))))
  .catch((error) => { console.error(error); process.exit(1); });
`,
        env,
      );
      if (out.trim() !== JSON.stringify(['conflicts CONCURRENT', 'conflicts CONCURRENT', 'conflicts CONCURRENT'])) throw new Error(`unexpected matrix: ${out}`);
    },
  },
  {
    name: 'parallel-cc-watcher runs, and --status reports it',
    async run({ bin, env }) {
      const idle = spawnSync(bin('parallel-cc-watcher'), ['--status'], { env, encoding: 'utf8' });
      if (idle.status !== 1 || !/No watcher/.test(idle.stdout)) throw new Error(`--status without a watcher: exit ${idle.status}, ${idle.stdout}${idle.stderr}`);
      const watcher = spawn(bin('parallel-cc-watcher'), ['--interval', '1'], { env, stdio: 'ignore' });
      try {
        const until = Date.now() + 30_000;
        for (;;) {
          const status = spawnSync(bin('parallel-cc-watcher'), ['--status', '--json'], { env, encoding: 'utf8' });
          if (status.status === 0 && JSON.parse(status.stdout).healthy) break;
          if (Date.now() > until) throw new Error(`the watcher never reported healthy: ${status.stdout}${status.stderr}`);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      } finally {
        watcher.kill('SIGTERM');
      }
    },
  },
  {
    name: 'npm run install:global puts the four commands on a prefix, and they run',
    run({ work, env, versions }) {
      const prefix = path.join(work, 'global');
      const root = path.resolve(__dirname, '../../..');
      run('npm', ['run', 'install:global', '--', '--no-build', '--prefix', prefix], { cwd: root, env, timeout: 900_000 });
      const global = (name) => path.join(prefix, 'bin', name);
      const version = run(global('parallel-cc'), ['--version'], { env }).trim();
      if (version !== versions['@parallel-cc/cli']) throw new Error(`parallel-cc --version printed ${version}`);
      run(global('parallel-cc-watcher'), ['--help'], { env });
      fs.accessSync(global('claude-parallel'), fs.constants.X_OK);
      const answer = run(global('parallel-cc-mcp'), [], { env, input: `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'verify', version: '1' } } })}\n` });
      if (!/"serverInfo":\{"name":"parallel-cc"/.test(answer)) throw new Error(`parallel-cc-mcp answered: ${answer}`);
    },
  },
];

module.exports = { CHECKS, run };
