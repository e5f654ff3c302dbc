#!/usr/bin/env node
// Copies the dashboard page's built files (`apps/dashboard`'s `dist/public`) into a package's
// `dist/public`, so that the package that serves the page ships it: `copy-page.js <from> <to>`,
// both relative to the package being built. Fails when the page was not built.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [from, to] = process.argv.slice(2).map((p) => path.resolve(process.cwd(), p));
if (!from || !to) throw new Error('usage: copy-page.js <built page folder> <destination>');
if (!fs.existsSync(path.join(from, 'index.html'))) throw new Error(`${from} holds no index.html: build the dashboard page first (nx run dashboard:build)`);
fs.rmSync(to, { recursive: true, force: true });
fs.cpSync(from, to, { recursive: true, filter: (file) => !file.endsWith('.map') });
