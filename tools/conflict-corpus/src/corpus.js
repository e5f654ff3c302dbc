#!/usr/bin/env node
// Measures conflict-engine's fixes against people's: replays the merge commits of real repositories
// whose parents conflict, asks suggestFixes for each, and compares every offered fix with the file
// the merge commit holds (whitespace made irrelevant). Prints a table per strategy and per
// confidence band, and whether any fix holds a statement, test block or key twice.
//
//   node tools/conflict-corpus/src/corpus.js [--corpus DIR] [--limit N] [--max-minutes M] [--timeout S]
//                                            [--details FILE] [--json] [NAME…]
//
// DIR (default ~/.cache/parallel-cc/corpus) holds bare clones, NAME.git; the corpus never enters this
// repository. Bring one in with `git clone --bare <url> DIR/NAME.git`. Per repository, at most N
// conflicting merges (newest first, default 60) are replayed, each in a process of its own stopped after
// S seconds (default 60; counted as failed). Uses libs/conflict-engine/dist: build it first.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { conflictingMerges } = require('./merges');
const { takeOption } = require('./options');
const { summary } = require('./report');

const argv = process.argv.slice(2);
const option = (name, fallback) => takeOption(argv, name, fallback);
const corpus = option('--corpus', path.join(os.homedir(), '.cache', 'parallel-cc', 'corpus'));
const limit = Number(option('--limit', '60'));
const maxMinutes = Number(option('--max-minutes', '30'));
const timeoutSeconds = Number(option('--timeout', '60'));
const details = option('--details', null);
const asJson = argv.includes('--json');
const names = argv.filter((a) => !a.startsWith('--'));

const replayScript = path.join(__dirname, 'replay.js');
const log = (text) => process.stderr.write(`${text}\n`);

async function main() {
  const repos = names.length ? names : fs.readdirSync(corpus).filter((n) => n.endsWith('.git')).map((n) => n.slice(0, -4)).sort();
  const deadline = Date.now() + maxMinutes * 60_000;
  const totals = { merges: 0, files: 0, classes: {}, fixes: [], failures: 0 };
  for (const name of repos) {
    const gitDir = path.join(corpus, `${name}.git`);
    log(`${name}: finding conflicting merges`);
    const merges = conflictingMerges(gitDir, path.join(corpus, `${name}.merges.json`), { log }).slice(0, limit);
    log(`${name}: replaying ${merges.length}`);
    for (const m of merges) {
      if (Date.now() > deadline) break;
      totals.merges++;
      const started = Date.now();
      const run = spawnSync(process.execPath, [replayScript, gitDir, m.merge, m.ours, m.theirs], { timeout: timeoutSeconds * 1000, maxBuffer: 1 << 28 });
      if (run.status !== 0) {
        totals.failures++;
        log(`  ${m.merge.slice(0, 10)} failed: ${run.error ? `over ${timeoutSeconds} s` : run.stderr.toString().trim()}`);
        continue;
      }
      const result = JSON.parse(run.stdout.toString());
      totals.files += result.files;
      for (const [cls, n] of Object.entries(result.classes)) totals.classes[cls] = (totals.classes[cls] ?? 0) + n;
      for (const fix of result.fixes) totals.fixes.push({ repo: name, merge: m.merge, ...fix });
      log(`  ${m.merge.slice(0, 10)} ${m.paths.length} files, ${Date.now() - started} ms`);
    }
  }
  if (details) fs.writeFileSync(details, JSON.stringify(totals, null, 1));
  process.stdout.write(asJson ? `${JSON.stringify(totals)}\n` : `${summary(totals)}\n`);
}

main().catch((error) => {
  log(error.stack);
  process.exit(1);
});
