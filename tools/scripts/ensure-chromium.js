#!/usr/bin/env node
// Makes sure the system Chromium that the dashboard's browser tests and bench drive is installed:
// Debian's `chromium` package at /usr/bin/chromium. When it is missing and this runs as root with
// apt-get available, it installs it (`apt-get update`, then `apt-get install -y
// --no-install-recommends chromium`). Otherwise it says why the browser tests will be skipped.
// Exit code 0 either way: a machine without Chromium skips those tests with that message.
// Usable as a module too: `ensureChromium()` returns `{ path }` or `{ skip: reason }`, and
// `launchChromium()` starts it headless through playwright-core.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CHROMIUM = process.env.PARALLEL_CC_CHROMIUM || '/usr/bin/chromium';

function onPath(program) {
  return (process.env.PATH || '').split(':').some((dir) => dir && fs.existsSync(`${dir}/${program}`));
}

function runApt(args, log) {
  log(`ensure-chromium: apt-get ${args.join(' ')}`);
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 15 * 60_000,
  });
  return result.status === 0;
}

/** `{ path }` of a runnable Chromium (installing Debian's package when possible), or `{ skip }` with the reason. */
function ensureChromium(log = (line) => process.stderr.write(`${line}\n`)) {
  if (fs.existsSync(CHROMIUM)) return { path: CHROMIUM };
  if (!onPath('apt-get')) return { skip: `${CHROMIUM} is missing and apt-get is not available to install Debian's chromium package` };
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return { skip: `${CHROMIUM} is missing; run "apt-get install chromium" as root (this runs as uid ${process.getuid?.()})` };
  }
  if (!runApt(['update'], log)) return { skip: 'apt-get update failed, so chromium could not be installed' };
  if (!runApt(['install', '-y', '--no-install-recommends', 'chromium'], log)) return { skip: 'apt-get install chromium failed' };
  return fs.existsSync(CHROMIUM) ? { path: CHROMIUM } : { skip: `apt-get installed chromium, but ${CHROMIUM} is still missing` };
}

// Without the background-networking flags Chromium's own connections (updates, sync, QUIC probes)
// are refused on a closed network and slow every start.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts the system Chromium headless through playwright-core, in a fresh user-data folder (removed
 * by `close`). `options.colorScheme` and `options.viewport` go to the browser context.
 */
async function launchChromium(options = {}) {
  const { chromium } = require('playwright-core');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcc-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1366, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

module.exports = { ensureChromium, launchChromium, CHROMIUM, CHROMIUM_ARGS };

if (require.main === module) {
  const result = ensureChromium();
  if (result.path) process.stdout.write(`ensure-chromium: ${result.path} is installed\n`);
  else process.stdout.write(`ensure-chromium: the browser tests will be skipped: ${result.skip}\n`);
}
