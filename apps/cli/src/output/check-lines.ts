import type { MergedCheckReport } from '@parallel-cc/conflict-engine';
import type { colorsFor } from './colors';

type Colors = ReturnType<typeof colorsFor>;
type Plural = (count: number, noun: string) => string;

const indented = (text: string) => text.split('\n').map((line) => `      ${line}`).join('\n');

/** What `conflicts --check` found, on a terminal: the command's verdict, the branches broken alone, the pairs that break, and the tails of its output. */
export function checkLines(report: MergedCheckReport, name: (ref: string) => string, colors: Colors, plural: Plural): string {
  const out: string[] = [];
  const runs = `${plural(report.runs.length, 'run')}, ${report.ran} not from the cache`;
  const verdict = {
    passed: colors.green('passes'),
    failed: colors.red('fails'),
    timeout: colors.red('timed out'),
    incomplete: colors.yellow('fails; the run budget ran out before every pair was found'),
  }[report.status];
  out.push(`Check \`${report.command}\` on ${report.merged.map(name).join(' + ')} merged together: ${verdict} (${runs})\n`);
  for (const t of report.textual) out.push(`  ${colors.dim(`left out ${name(t.ref)}: it conflicts with ${t.with.map(name).join(' + ') || 'the base'} (see above)`)}\n`);
  for (const b of report.brokenAlone) out.push(`  ${colors.red('broken alone')} ${name(b.ref)} (exit code ${String(b.exitCode)}):\n${indented(b.outputTail)}\n`);
  for (const p of report.pairs) {
    out.push(`  ${colors.red('SEMANTIC')} ${name(p.ours)} × ${name(p.theirs)}: each passes alone, together they fail (exit code ${String(p.conflict.check.exitCode)}):\n${indented(p.conflict.check.outputTail)}\n`);
  }
  for (const set of report.together) out.push(`  ${colors.red('fail only together')} ${set.map(name).join(' + ')} (no pair of them fails)\n`);
  return out.join('');
}
