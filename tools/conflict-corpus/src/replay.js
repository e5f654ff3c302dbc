#!/usr/bin/env node
// One merge of the corpus, in a process of its own so that the harness can bound its time:
//   node replay.js GIT_DIR MERGE OURS THEIRS  ->  one line of JSON on stdout
// { files, classes: { CLASS: n }, fixes: [{ path, class, strategy, confidence, matched, duplicate }] }
'use strict';
const path = require('node:path');
const { blobText, fileAt } = require('./merges');
const { sameResolution } = require('./compare');

// CONFLICT_ENGINE_DIST: another build of the engine to measure (a copy of an older dist, say).
const dist = process.env.CONFLICT_ENGINE_DIST ?? path.resolve(__dirname, '../../../libs/conflict-engine/dist');
const engine = require(dist);
const duplicateIn = (() => {
  try {
    return require(path.join(dist, 'suggest', 'duplicates')).duplicateIn;
  } catch {
    return () => null;
  }
})();

async function replay(gitDir, merge, ours, theirs) {
  // One suggestFixes: it detects (one merge-tree) and classifies every conflicted file itself.
  const { suggestions, unresolved } = await engine.suggestFixes({ repo: gitDir, ours, theirs });
  const classes = {};
  for (const c of [...suggestions, ...unresolved]) classes[c.class] = (classes[c.class] ?? 0) + 1;
  const fixes = suggestions.map((s) => {
    const human = fileAt(gitDir, merge, s.path);
    const sides = [s.from.ours, s.from.theirs].filter((oid) => oid !== null).map((oid) => blobText(gitDir, oid));
    return {
      path: s.path,
      class: s.class,
      strategy: s.strategy,
      confidence: s.confidence.score,
      factors: Object.fromEntries(s.confidence.factors.map((f) => [f.name, f.value])),
      matched: sameResolution(s.content, human),
      duplicate: duplicateIn(s.path, s.content, sides),
      lines: s.content.split('\n').length,
      humanLines: human === null ? null : human.split('\n').length,
    };
  });
  return { files: suggestions.length + unresolved.length, classes, fixes };
}

const [gitDir, merge, ours, theirs] = process.argv.slice(2);
replay(gitDir, merge, ours, theirs).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
