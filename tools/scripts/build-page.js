#!/usr/bin/env node
// Builds the dashboard page of the package in the current directory into `dist/public/`: esbuild
// bundles `src/page/main.tsx` (Preact, JSX) into one minified `app.js` for browsers, and the
// page's `index.html` and `styles.css` are copied beside it. Nothing is loaded from a CDN: the
// page works offline.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const pkgDir = process.cwd();
const pageDir = path.join(pkgDir, 'src', 'page');
const out = path.join(pkgDir, 'dist', 'public');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
require('esbuild').buildSync({
  entryPoints: [path.join(pageDir, 'main.tsx')],
  outfile: path.join(out, 'app.js'),
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  tsconfig: path.join(pkgDir, 'tsconfig.page.json'),
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
for (const file of ['index.html', 'styles.css']) fs.copyFileSync(path.join(pageDir, file), path.join(out, file));
