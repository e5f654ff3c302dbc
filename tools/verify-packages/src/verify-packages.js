#!/usr/bin/env node
// `npm run verify:packages`: proves that every publishable package works on its own, the way
// users get it, without the workspace's hoisting to hide mistakes. It builds everything, checks
// each manifest against what its built code requires (check-manifest.js), packs each package
// with `npm pack`, installs the tarballs into an empty project in a temporary folder (our
// packages from their tarballs only, third-party ones from the registry), and there runs what a
// user runs (installed-checks.js). Flags: --no-build (use the current dist folders), --keep
// (leave the temporary folder and print where it is).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { manifestProblems } = require('./check-manifest');
const { CHECKS, run } = require('./installed-checks');
const { packPackages } = require('./pack-packages');
const { publishablePackages, WORKSPACE_ROOT } = require('./publishable-packages');

const argv = process.argv.slice(2);
const started = Date.now();
const say = (text) => process.stderr.write(`verify-packages: ${text} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);

async function main() {
  if (!argv.includes('--no-build')) {
    say('building every package');
    run('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static'], { cwd: WORKSPACE_ROOT, stdio: ['ignore', 'ignore', 'inherit'], timeout: 900_000 });
  }
  const packages = publishablePackages();
  const problems = packages.flatMap(({ dir, manifest }) => manifestProblems(dir, manifest).map((p) => `${manifest.name}: ${p}`));
  if (problems.length > 0) throw new Error(`the manifests have problems:\n  ${problems.join('\n  ')}`);
  say(`${packages.length} manifests checked`);

  // Under the real temp folder: no node_modules of the workspace above it.
  const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'parallel-cc-verify-')));
  try {
    const tarballs = path.join(work, 'tarballs');
    fs.mkdirSync(tarballs);
    const specs = {};
    const versions = {};
    for (const { name, version, tarball } of packPackages(packages, tarballs)) {
      specs[name] = `file:${tarball}`;
      versions[name] = version;
    }
    say(`packed ${packages.length} tarballs`);

    const project = path.join(work, 'project');
    fs.mkdirSync(project);
    // overrides: every dependency on one of ours, at any depth, is its tarball, never the registry.
    const manifest = { name: 'parallel-cc-verify', version: '1.0.0', private: true, dependencies: specs, overrides: specs };
    fs.writeFileSync(path.join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    say('installing the tarballs into an empty project (third-party packages from the registry; better-sqlite3 builds)');
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, stdio: ['ignore', 'ignore', 'pipe'], timeout: 900_000 });

    const home = path.join(work, 'home');
    fs.mkdirSync(home);
    const env = {
      ...process.env,
      HOME: home,
      PARALLEL_CC_HOME: path.join(home, '.parallel-cc'),
      GIT_AUTHOR_NAME: 'verify',
      GIT_AUTHOR_EMAIL: 'verify@example.com',
      GIT_COMMITTER_NAME: 'verify',
      GIT_COMMITTER_EMAIL: 'verify@example.com',
      NO_COLOR: '1',
    };
    delete env.NODE_PATH;
    const bin = (name) => path.join(project, 'node_modules', '.bin', name);
    const failed = [];
    for (const check of CHECKS) {
      try {
        await check.run({ project, work, bin, env, versions });
        say(`ok    ${check.name}`);
      } catch (error) {
        failed.push(check.name);
        say(`FAIL  ${check.name}\n${error.message}`);
      }
    }
    if (failed.length > 0) throw new Error(`${failed.length} of ${CHECKS.length} checks failed`);
    say(`all ${CHECKS.length} checks passed`);
  } finally {
    if (argv.includes('--keep')) say(`kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`verify-packages: ${error.message}\n`);
  process.exit(1);
});
