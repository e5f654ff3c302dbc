#!/usr/bin/env node
// `npm run install:global`: parallel-cc from a clone, before (or instead of) the registry. It
// builds every package, packs each one as it would be published, and installs them globally as
// one package, `parallel-cc-local`, that depends on every tarball and links the four commands.
// One package, so that our libraries are found among the tarballs, never on the registry, and
// better-sqlite3 is built once, not once per package that uses it. Third-party dependencies come
// from the registry as usual. Flags: --no-build (use the current dist folders), --prefix DIR
// (npm's global prefix; default: npm's own). Remove it with `npm uninstall -g parallel-cc-local`.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { packPackages } = require('../../verify-packages/src/pack-packages');
const { publishablePackages, WORKSPACE_ROOT } = require('../../verify-packages/src/publishable-packages');

const LOCAL_NAME = 'parallel-cc-local';
// Each command of the local package runs the same bin of the package that ships it.
const BINS = {
  'parallel-cc': '@parallel-cc/cli',
  'claude-parallel': '@parallel-cc/cli',
  'parallel-cc-mcp': '@parallel-cc/mcp',
  'parallel-cc-watcher': '@parallel-cc/watcher',
};
const say = (text) => process.stderr.write(`install-global: ${text}\n`);

function parseArgs(argv) {
  const options = { build: true, prefix: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--no-build') options.build = false;
    else if (argv[i] === '--prefix' && argv[i + 1] && !argv[i + 1].startsWith('-')) options.prefix = path.resolve(argv[++i]);
    else throw new Error(`"${argv[i]}" is not an option: use --no-build and --prefix DIR.`);
  }
  return options;
}

/** Writes the `parallel-cc-local` package into `dir`: a dependency on each tarball, a forwarding script per command. */
function writeLocalPackage(dir, packed) {
  fs.mkdirSync(path.join(dir, 'bin'), { recursive: true });
  const cli = packed.find((p) => p.name === '@parallel-cc/cli');
  const manifest = {
    name: LOCAL_NAME,
    version: cli.version,
    description: 'parallel-cc installed from a clone: every @parallel-cc package, and its commands',
    license: 'MIT',
    bin: Object.fromEntries(Object.keys(BINS).map((name) => [name, `bin/${name}.js`])),
    dependencies: Object.fromEntries(packed.map((p) => [p.name, `file:${p.tarball}`])),
  };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [name, owner] of Object.entries(BINS)) {
    const target = `require('node:path').join(require('node:path').dirname(require.resolve('${owner}/package.json')), 'bin', '${name}.js')`;
    fs.writeFileSync(path.join(dir, 'bin', `${name}.js`), `#!/usr/bin/env node\nrequire(${target});\n`, { mode: 0o755 });
  }
}

/** Runs npm or nx with an argument array; a non-zero exit throws with what it printed. */
function run(file, args, options = {}) {
  const result = spawnSync(file, args, { cwd: WORKSPACE_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0) {
    throw new Error(`${file} ${args.join(' ')} exited ${result.status ?? result.signal}:\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
  return result.stdout ?? '';
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const prefixArgs = options.prefix ? ['--prefix', options.prefix] : [];
  if (options.build) {
    say('building every package');
    run('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static']);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'parallel-cc-install-'));
  try {
    const packed = packPackages(publishablePackages(), work);
    const local = path.join(work, LOCAL_NAME);
    writeLocalPackage(local, packed);
    const [localTarball] = packPackages([{ dir: local, manifest: JSON.parse(fs.readFileSync(path.join(local, 'package.json'), 'utf8')) }], work);
    say(`packed ${packed.length} packages; installing them globally as ${LOCAL_NAME} (better-sqlite3 may build from source: a minute or two)`);
    run('npm', ['install', '--global', '--no-audit', '--no-fund', '--loglevel=error', ...prefixArgs, localTarball.tarball], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const prefix = run('npm', ['prefix', '--global', ...prefixArgs]).trim();
    const binDir = process.platform === 'win32' ? prefix : path.join(prefix, 'bin');
    say(`installed ${packed.map((p) => `${p.name}@${p.version}`).join(', ')}`);
    say(`commands in ${binDir}: ${Object.keys(BINS).join(', ')}`);
    const onPath = (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && path.resolve(dir) === binDir);
    if (!onPath) say(`${binDir} is not on your PATH: add it, or the commands above will not be found`);
    say('next: parallel-cc doctor, then parallel-cc install --all');
    say(`to remove: npm uninstall --global ${LOCAL_NAME}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  say(error.message);
  process.exit(error.message.includes('is not an option') ? 2 : 1);
}
