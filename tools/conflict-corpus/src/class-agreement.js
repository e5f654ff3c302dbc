#!/usr/bin/env node
// How often conflict-engine's class (TRIVIAL, STRUCTURAL, CONCURRENT, SEMANTIC) is the one a person
// gives the same conflicted file, on a hand-labelled sample of the corpus.
//
//   node tools/conflict-corpus/src/class-agreement.js sample [--corpus DIR] [--count N] NAME…
//       picks N conflicted files of each named corpus (a fixed pseudo-random choice: the same corpus
//       gives the same sample) and prints each one's conflict regions, base included, for a person to
//       label; the engine's verdict is not shown, so that the label is blind to it.
//   node tools/conflict-corpus/src/class-agreement.js [--corpus DIR] [--labels FILE] [--json]
//       classifies every labelled file with the current engine build and prints the agreement, per
//       class and as a confusion table (rows: the person's class, columns: the engine's).
//
// Labels (default: hand-labels.json beside this folder) are { corpus, merge, ours, theirs, path,
// class, why } records; the corpus is bare clones in DIR/NAME.git, as for corpus.js.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { conflictingMerges } = require('./merges');
const { takeOption } = require('./options');

const CLASSES = ['TRIVIAL', 'STRUCTURAL', 'CONCURRENT', 'SEMANTIC'];
const argv = process.argv.slice(2);
const option = (name, fallback) => takeOption(argv, name, fallback);
const corpus = option('--corpus', path.join(os.homedir(), '.cache', 'parallel-cc', 'corpus'));
const labelsFile = option('--labels', path.join(__dirname, '..', 'hand-labels.json'));
const count = Number(option('--count', '20'));
const asJson = argv.includes('--json');
const words = argv.filter((a) => !a.startsWith('--'));
const engine = () => require(process.env.CONFLICT_ENGINE_DIST ?? path.resolve(__dirname, '../../../libs/conflict-engine/dist'));

/** A stable rank for a file of a merge: the sample is the lowest ranks. */
const rank = (merge, file) => crypto.createHash('sha256').update(`${merge}\0${file}`).digest('hex');

/** At most 60 lines of a region's side, so a sample stays readable; the cut is said. */
function clip(text) {
  const lines = (text ?? '').split('\n');
  return lines.length <= 60 ? text : `${lines.slice(0, 60).join('\n')}\n… ${lines.length - 60} more lines`;
}

async function sample(names) {
  const chosen = names.flatMap((name) =>
    conflictingMerges(path.join(corpus, `${name}.git`), path.join(corpus, `${name}.merges.json`))
      .flatMap((m) => m.paths.map((file) => ({ corpus: name, merge: m.merge, ours: m.ours, theirs: m.theirs, path: file })))
      .sort((a, b) => rank(a.merge, a.path).localeCompare(rank(b.merge, b.path)))
      .slice(0, count),
  );
  const { detectConflicts } = engine();
  for (const [i, file] of chosen.entries()) {
    // Classified, since only then the regions are read; the verdict is left out of what is printed.
    const report = await detectConflicts({ repo: path.join(corpus, `${file.corpus}.git`), ours: file.ours, theirs: file.theirs, semantic: false });
    const conflict = report.conflicts.find((c) => c.path === file.path);
    process.stdout.write(`\n### ${i + 1}. ${file.corpus} ${file.merge.slice(0, 12)} ${file.path} (${conflict?.kind ?? 'not found'})\n`);
    process.stdout.write(`${JSON.stringify({ ...file, class: null, why: '' })}\n`);
    for (const r of conflict?.regions ?? []) {
      process.stdout.write(`--- line ${r.line}\n<<< ours\n${clip(r.ours)}||| base\n${clip(r.base ?? '(none)\n')}=== theirs\n${clip(r.theirs)}>>>\n`);
    }
  }
}

async function agreement() {
  const labels = JSON.parse(fs.readFileSync(labelsFile, 'utf8'));
  const { detectConflicts } = engine();
  const reports = new Map();
  const rows = [];
  for (const label of labels) {
    const key = `${label.corpus} ${label.merge}`;
    if (!reports.has(key)) reports.set(key, await detectConflicts({ repo: path.join(corpus, `${label.corpus}.git`), ours: label.ours, theirs: label.theirs }));
    const conflict = reports.get(key).conflicts.find((c) => c.path === label.path && c.kind !== 'semantic');
    rows.push({ ...label, engine: conflict?.classification?.class ?? 'NONE', reason: conflict?.classification?.reason ?? '' });
  }
  const agreed = rows.filter((r) => r.engine === r.class).length;
  if (asJson) {
    process.stdout.write(`${JSON.stringify({ labelled: rows.length, agreed, rows })}\n`);
    return;
  }
  const columns = [...CLASSES, 'NONE'];
  const out = [`${agreed} of ${rows.length} labelled files (${((100 * agreed) / rows.length).toFixed(0)}%): the engine's class is the person's`, ''];
  out.push(`| person \\ engine | ${columns.join(' | ')} | agreed |`, `|---|${columns.map(() => '---:').join('|')}|---:|`);
  for (const cls of CLASSES) {
    const mine = rows.filter((r) => r.class === cls);
    if (mine.length === 0) continue;
    const cells = columns.map((c) => mine.filter((r) => r.engine === c).length);
    out.push(`| ${cls} | ${cells.join(' | ')} | ${mine.filter((r) => r.engine === cls).length}/${mine.length} |`);
  }
  out.push('', 'Disagreements:');
  for (const r of rows.filter((x) => x.engine !== x.class)) {
    out.push(`  ${r.corpus} ${r.merge.slice(0, 10)} ${r.path}: person ${r.class} (${r.why}); engine ${r.engine} (${r.reason})`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

(words[0] === 'sample' ? sample(words.slice(1)) : agreement()).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
