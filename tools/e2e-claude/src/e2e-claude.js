#!/usr/bin/env node
// `npm run e2e:claude`: the end-to-end tests that drive the real Claude Code CLI
// (apps/cli/tests-e2e, not part of `npm test`). On first use it installs
// `@anthropic-ai/claude-code` at a pinned version into a cache folder outside the repository and
// reuses it afterwards; when it cannot (no network, the install fails, `claude --version` fails)
// it says why in one line, skips the tests and exits 0, so a machine without the registry is not
// a failure. The tests get the `claude` to run in PARALLEL_CC_E2E_CLAUDE.
// Environment: PARALLEL_CC_E2E_CLAUDE_VERSION (default below), PARALLEL_CC_E2E_CLAUDE_CACHE (the
// install folder; default $XDG_CACHE_HOME/parallel-cc/claude-code-<version>, else
// ~/.cache/parallel-cc/claude-code-<version>). Flags: --no-build (use apps/cli/dist as it is, as
// CI does after `npm test` built it); the other arguments are passed on to jest.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// The version TOOLCHAIN.md's Claude Code facts were checked with; it runs on Node 20.
const DEFAULT_VERSION = '2.1.197';
const PACKAGE = '@anthropic-ai/claude-code';
const ROOT = path.resolve(__dirname, '../../..');
const started = Date.now();
const say = (text) => process.stderr.write(`e2e:claude: ${text} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);

/** The folder the pinned Claude Code is installed into (outside the repository). */
function cacheFolder(version) {
  if (process.env.PARALLEL_CC_E2E_CLAUDE_CACHE) return path.resolve(process.env.PARALLEL_CC_E2E_CLAUDE_CACHE);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'parallel-cc', `claude-code-${version}`);
}

/** `claude --version` of the install at `folder`, or why it does not run. */
function probe(folder) {
  const bin = path.join(folder, 'node_modules', '.bin', 'claude');
  if (!fs.existsSync(bin)) return { error: `${bin} does not exist` };
  const result = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, DISABLE_AUTOUPDATER: '1' } });
  if (result.status !== 0) {
    const why = result.error ? result.error.message : (result.stderr || result.stdout).trim().split('\n')[0] || `exit ${result.status}`;
    return { error: `\`claude --version\` failed: ${why}` };
  }
  return { bin, version: result.stdout.trim() };
}

/**
 * Installs PACKAGE@version into a fresh temp folder beside `folder` and renames it into place, so
 * that an interrupted install never leaves a half-filled cache behind. Returns why, on failure.
 */
function install(folder, version) {
  fs.mkdirSync(path.dirname(folder), { recursive: true });
  const temp = fs.mkdtempSync(`${folder}.installing-`);
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['install', '--prefix', temp, '--no-audit', '--no-fund', '--no-save', `${PACKAGE}@${version}`], {
      encoding: 'utf8',
      timeout: 600_000,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (result.status !== 0) {
      const lines = (result.error ? result.error.message : result.stderr).trim().split('\n');
      return `npm install ${PACKAGE}@${version} failed: ${lines.find((l) => /ERR!/.test(l) && !/A complete log/.test(l)) ?? lines[0] ?? `exit ${result.status}`}`;
    }
    // Another run may have filled the cache meanwhile: keep the one that works.
    if (!probe(folder).error) return null;
    fs.rmSync(folder, { recursive: true, force: true });
    fs.renameSync(temp, folder);
    return null;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

function main() {
  const version = process.env.PARALLEL_CC_E2E_CLAUDE_VERSION || DEFAULT_VERSION;
  const folder = cacheFolder(version);
  let claude = probe(folder);
  if (claude.error) {
    say(`installing ${PACKAGE}@${version} into ${folder}`);
    const failed = install(folder, version);
    if (failed) {
      process.stdout.write(`e2e:claude: ${failed}; the end-to-end tests with the real Claude Code are skipped\n`);
      return 0;
    }
    claude = probe(folder);
    if (claude.error) {
      process.stdout.write(`e2e:claude: ${claude.error}; the end-to-end tests with the real Claude Code are skipped\n`);
      return 0;
    }
  }
  say(`Claude Code ${claude.version} from ${folder}`);
  const args = process.argv.slice(2);
  if (!args.includes('--no-build')) {
    say('building the CLI');
    const built = spawnSync('npx', ['nx', 'run', 'cli:build', '--output-style=static'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) {
      say('the CLI did not build');
      return 1;
    }
  }
  const env = {
    ...process.env,
    PARALLEL_CC_E2E_CLAUDE: claude.bin,
    PATH: `${path.dirname(claude.bin)}${path.delimiter}${process.env.PATH}`,
  };
  const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  const result = spawnSync(process.execPath, [jest, '-c', 'apps/cli/jest.e2e.config.js', '--runInBand', ...args.filter((a) => a !== '--no-build')], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
  say(`done, exit ${result.status}`);
  return result.status ?? 1;
}

process.exitCode = main();
