#!/usr/bin/env node
// Builds the package in the current directory: a clean `dist/` from `tsc -p tsconfig.lib.json`,
// then every `bin` of its package.json made runnable (shebang and mode), because npm sets the
// executable bit only on files that existed when it linked them.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const pkgDir = process.cwd();
fs.rmSync(path.join(pkgDir, 'dist'), { recursive: true, force: true });
const tsc = require.resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.lib.json'], { stdio: 'inherit' });

const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const bins = typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {});
for (const bin of new Set(bins)) {
  const file = path.join(pkgDir, bin);
  const text = fs.readFileSync(file, 'utf8');
  if (!text.startsWith('#!')) fs.writeFileSync(file, `#!/usr/bin/env node\n${text}`);
  fs.chmodSync(file, 0o755);
}
