'use strict';
// Tables of the corpus results: per strategy and per confidence band, offered, matched and rate.

const rate = (matched, offered) => (offered === 0 ? '-' : `${Math.round((100 * matched) / offered)}%`);

function rows(fixes, keyOf) {
  const groups = new Map();
  for (const fix of fixes) {
    const key = keyOf(fix);
    const g = groups.get(key) ?? { key, offered: 0, matched: 0, duplicates: 0, minConfidence: 1, maxConfidence: 0 };
    g.offered++;
    if (fix.matched) g.matched++;
    if (fix.duplicate) g.duplicates++;
    g.minConfidence = Math.min(g.minConfidence, fix.confidence);
    g.maxConfidence = Math.max(g.maxConfidence, fix.confidence);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => String(a.key).localeCompare(String(b.key)));
}

function band(confidence) {
  if (confidence >= 0.9) return '0.9-1.0';
  if (confidence >= 0.8) return '0.8-0.9';
  if (confidence >= 0.7) return '0.7-0.8';
  return '< 0.7';
}

/** The summary of a run: conflicts seen, classes, and the two tables as Markdown. */
function summary({ merges, files, classes, fixes, failures }) {
  const lines = [];
  lines.push(`${merges} conflicting merges replayed, ${files} conflicted files, ${fixes.length} fixes offered, ${failures} pairs failed.`);
  lines.push(`Classes: ${Object.entries(classes).map(([c, n]) => `${c} ${n}`).join(', ')}.`);
  const total = rows(fixes, () => 'all')[0];
  if (total) lines.push(`All fixes: ${total.matched}/${total.offered} match the human (${rate(total.matched, total.offered)}); ${total.duplicates} hold a statement or key twice.`);
  const high = fixes.filter((f) => f.confidence >= 0.8);
  lines.push(`Rated >= 0.8: ${high.filter((f) => f.matched).length}/${high.length} match (${rate(high.filter((f) => f.matched).length, high.length)}).`);
  lines.push('', '| strategy | offered | matched | rate | confidence | duplicated |', '|---|---|---|---|---|---|');
  for (const r of rows(fixes, (f) => f.strategy)) {
    const conf = r.minConfidence === r.maxConfidence ? r.minConfidence.toFixed(2) : `${r.minConfidence.toFixed(2)}-${r.maxConfidence.toFixed(2)}`;
    lines.push(`| ${r.key} | ${r.offered} | ${r.matched} | ${rate(r.matched, r.offered)} | ${conf} | ${r.duplicates} |`);
  }
  lines.push('', '| confidence | offered | matched | rate |', '|---|---|---|---|');
  for (const r of rows(fixes, (f) => band(f.confidence))) lines.push(`| ${r.key} | ${r.offered} | ${r.matched} | ${rate(r.matched, r.offered)} |`);
  return lines.join('\n');
}

module.exports = { summary, rows, band };
