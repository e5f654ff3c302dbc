'use strict';
// Copied into each app's dist/bin by build-package.js. Loads a bundled bin through V8's code
// cache: compiling a bundle of several hundred kilobytes costs a cold process tens of
// milliseconds on every run, and hooks run on every tool call. The cache sits in a folder of the
// temp folder that only this user can write (it holds code: a folder anyone else owns or can write
// is not used), keyed by the bundle's path, size, time and the Node version; anything unexpected
// falls back to a plain require. With --verbose the plain require is used, so that stacks are
// source-mapped.
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

/** This user's private cache folder, or null when there is none that is safe to load code from. */
function cacheDir() {
  if (typeof process.getuid !== 'function') return null;
  const dir = path.join(os.tmpdir(), `parallel-cc-code-cache-${process.getuid()}`);
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch {
    // It exists (or cannot be made): the checks below decide.
  }
  try {
    const stat = fs.lstatSync(dir);
    const private_ = stat.isDirectory() && stat.uid === process.getuid() && (stat.mode & 0o077) === 0;
    return private_ ? dir : null;
  } catch {
    return null;
  }
}

const hash = (text, length) => crypto.createHash('sha1').update(text).digest('hex').slice(0, length);

/** `<bundle path hash>-<version hash>.bin`: a new build of the same bundle replaces its old cache. */
function cacheFile(dir, file, stat) {
  const version = [stat.size, stat.mtimeMs, process.version, process.arch].join('\0');
  return path.join(dir, `${hash(file, 12)}-${hash(version, 12)}.bin`);
}

function readCache(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(file, data) {
  try {
    const prefix = `${path.basename(file).split('-')[0]}-`;
    for (const old of fs.readdirSync(path.dirname(file))) {
      if (old.startsWith(prefix) && old !== path.basename(file)) fs.rmSync(path.join(path.dirname(file), old), { force: true });
    }
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, file);
  } catch {
    // A cache that cannot be written only costs the next start its compile time.
  }
}

module.exports = function loadBundle(file) {
  if (process.argv.includes('--verbose')) {
    process.setSourceMapsEnabled(true);
    return require(file);
  }
  const dir = cacheDir();
  if (dir === null) return require(file);
  let source;
  let stat;
  try {
    stat = fs.statSync(file);
    source = fs.readFileSync(file, 'utf8');
  } catch {
    return require(file);
  }
  const cache = cacheFile(dir, file, stat);
  const cachedData = readCache(cache);
  const script = new vm.Script(Module.wrap(source.replace(/^#!.*/, '')), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // Written once the bundle's top level has run (servers are often stopped by a signal, when no
    // exit handler runs); unref'd, so it never keeps a process alive.
    setImmediate(() => writeCache(cache, script.createCachedData())).unref();
  }
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  mod.loaded = true;
  const run = script.runInThisContext();
  return run.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
};
