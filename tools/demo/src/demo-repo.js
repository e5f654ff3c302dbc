'use strict';
// The demo's throwaway repository: a small shop with one pricing module, and the stand-in agent
// installed as `claude` (what claude-parallel runs).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const PRICING = `export function total(prices: number[]): number {
  const sum = prices.reduce((acc, p) => acc + p, 0);
  return sum;
}

export function formatPrice(cents: number): string {
  return \`$\${(cents / 100).toFixed(2)}\`;
}
`;

/** The file as bob's and carol's agents leave it: both change the body of total(). */
const PRICING_BY = {
  bob: PRICING.replace('  return sum;', '  return Math.round(sum * 1.2); // with tax'),
  carol: PRICING.replace('  return sum;', '  return sum > 100 ? sum * 0.9 : sum; // bulk discount'),
};

/** Makes the repository (branch main, one commit) and the `claude` stand-in in `binDir`. */
function makeDemoRepo({ repo, binDir, env, agentScript }) {
  const git = (...args) => execFileSync('git', ['-C', repo, ...args], { env, encoding: 'utf8' });
  fs.mkdirSync(env.HOME, { recursive: true });
  fs.mkdirSync(binDir, { recursive: true });
  fs.writeFileSync(path.join(binDir, 'claude'), `#!/bin/sh\nexec "${process.execPath}" "${agentScript}" "$@"\n`, { mode: 0o755 });
  fs.mkdirSync(path.join(repo, 'src'), { recursive: true });
  fs.writeFileSync(path.join(repo, 'src', 'pricing.ts'), PRICING);
  fs.writeFileSync(path.join(repo, 'README.md'), '# shop\n');
  git('init', '-q', '-b', 'main');
  git('config', 'commit.gpgSign', 'false');
  git('add', '-A');
  git('commit', '-q', '-m', 'initial commit');
}

module.exports = { makeDemoRepo, PRICING_BY };
