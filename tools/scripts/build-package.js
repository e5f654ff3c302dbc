#!/usr/bin/env node
// Builds the package in the current directory: a clean `dist/` from `tsc -p tsconfig.lib.json`
// (the programmatic API and its types). With `--bundle-bins`, each `src/bin/<name>.ts` is also
// bundled by esbuild into `dist/bin/<name>.js`, tree-shaken and minified, so that a cold start
// parses one small file instead of resolving hundreds of modules (what keeps `status` and
// `heartbeat` fast). `--external <pkg>` keeps a package out of the bundles (native addons, and
// heavy modules that only some commands load); the bins' committed shims load those bundles
// through `dist/bin/load-bundle.js` (V8's code cache, see bundle-loader.js). Finally every `bin`
// of package.json is made runnable.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const args = process.argv.slice(2);
const externals = args.flatMap((a, i) => (a === '--external' && args[i + 1] ? [args[i + 1]] : []));
const pkgDir = process.cwd();
const workspaceRoot = path.resolve(__dirname, '../..');

fs.rmSync(path.join(pkgDir, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.lib.json'], { stdio: 'inherit' });

if (args.includes('--bundle-bins')) {
  const binSources = path.join(pkgDir, 'src', 'bin');
  const entryPoints = fs
    .readdirSync(binSources)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .filter((f) => fs.readFileSync(path.join(binSources, f), 'utf8').includes('process.argv'))
    .map((f) => path.join(binSources, f));
  require('esbuild').buildSync({
    entryPoints,
    outdir: path.join(pkgDir, 'dist', 'bin'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // ESM builds of dependencies tree-shake; their CommonJS builds cannot.
    mainFields: ['module', 'main'],
    tsconfig: path.join(workspaceRoot, 'tsconfig.base.json'),
    external: externals,
    minify: true,
    keepNames: true,
    sourcemap: 'linked',
    legalComments: 'external',
    logLevel: 'warning',
  });
  fs.copyFileSync(path.join(__dirname, 'bundle-loader.js'), path.join(pkgDir, 'dist', 'bin', 'load-bundle.js'));
}

const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const bins = typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {});
for (const bin of new Set(bins)) {
  const file = path.join(pkgDir, bin);
  const text = fs.readFileSync(file, 'utf8');
  if (!text.startsWith('#!')) fs.writeFileSync(file, `#!/usr/bin/env node\n${text}`);
  fs.chmodSync(file, 0o755);
}
