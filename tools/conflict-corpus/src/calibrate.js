#!/usr/bin/env node
// Proposes each strategy's `kind` factor from a corpus run's details (corpus.js --details FILE):
// its smoothed match rate, (matched + 1) / (offered + 2), so that a strategy seen rarely stays
// modest and one that never matched drops well below 0.8. Prints the per-strategy table with the
// proposal and the confidence bands the fixes would fall in with it.
//   node tools/conflict-corpus/src/calibrate.js FILE
'use strict';
const fs = require('node:fs');
const { rows, band } = require('./report');

const details = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const fixes = details.fixes;
const proposal = {};
for (const r of rows(fixes, (f) => f.strategy)) proposal[r.key] = Math.round(((r.matched + 1) / (r.offered + 2)) * 100) / 100;

const rescored = fixes.map((f) => {
  const others = Object.entries(f.factors ?? {}).filter(([name]) => name !== 'kind').reduce((p, [, v]) => p * v, 1);
  return { ...f, confidence: Math.round(proposal[f.strategy] * others * 100) / 100 };
});
const pct = (m, n) => (n === 0 ? '-' : `${Math.round((100 * m) / n)}%`);
const lines = ['| strategy | offered | matched | rate | proposed kind |', '|---|---|---|---|---|'];
for (const r of rows(fixes, (f) => f.strategy)) lines.push(`| ${r.key} | ${r.offered} | ${r.matched} | ${pct(r.matched, r.offered)} | ${proposal[r.key].toFixed(2)} |`);
lines.push('', '| confidence (rescored) | offered | matched | rate |', '|---|---|---|---|');
for (const r of rows(rescored, (f) => band(f.confidence))) lines.push(`| ${r.key} | ${r.offered} | ${r.matched} | ${pct(r.matched, r.offered)} |`);
process.stdout.write(`${lines.join('\n')}\n`);
