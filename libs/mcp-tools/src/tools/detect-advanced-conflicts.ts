import * as v from 'valibot';
import { branchPair } from '../session/branch-pair';
import { conflictBrief, countByClass, regionShape } from './conflict-views';
import { defineTool } from './define-tool';
import { refField } from './fields';
import { classificationOutput, conflictBriefEntries } from './outputs';
import { listed, plural } from './summary-text';

const Input = v.object({
  branch: v.optional(refField("The branch to merge; default: your session's branch.")),
  target_branch: v.optional(refField("The branch it would be merged into; default: your session's base branch.")),
});

const Output = v.object({
  ours: v.pipe(v.string(), v.description('The target branch.')),
  theirs: v.pipe(v.string(), v.description('The branch merged into it.')),
  clean: v.boolean(),
  conflicts: v.array(
    v.object({
      ...conflictBriefEntries,
      analysis: v.nullable(classificationOutput.entries.analysis),
      parseFailure: v.nullable(v.object({ side: v.picklist(['base', 'ours', 'theirs']), message: v.string() })),
      regions: v.array(
        v.object({ line: v.number(), oursLines: v.number(), baseLines: v.nullable(v.number()), theirsLines: v.number() }),
      ),
    }),
  ),
  byClass: v.object({ TRIVIAL: v.number(), STRUCTURAL: v.number(), CONCURRENT: v.number(), SEMANTIC: v.number() }),
});

/** `detect_advanced_conflicts`: every conflict of a merge with its classification and hunks. */
export const detectAdvancedConflicts = defineTool({
  name: 'detect_advanced_conflicts',
  title: 'Classified conflicts of a merge',
  description:
    'Analyses, without touching any checkout, the conflicts of merging branch (default: your session\'s branch) into target_branch ' +
    '(default: your base branch): each conflicted file with its class (TRIVIAL, STRUCTURAL, CONCURRENT, SEMANTIC), severity, ' +
    'the declarations involved, the reason, whether it was analysed as syntax (ast) or text, and where its conflict hunks are ' +
    '(line, and how many lines each side has). Use it to plan a resolution; get_auto_fix_suggestions then fixes the TRIVIAL ' +
    'and STRUCTURAL ones.',
  input: Input,
  output: Output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    const { detectConflicts } = await import('@parallel-cc/conflict-engine');
    const { root, branch, target } = await branchPair(context, input, 'detect_advanced_conflicts');
    const report = await detectConflicts({ repo: root, ours: target, theirs: branch });
    const conflicts = report.conflicts.map((conflict) => ({
      ...conflictBrief(conflict),
      analysis: conflict.classification?.analysis ?? null,
      parseFailure: conflict.classification?.parseFailure ?? null,
      regions: conflict.regions.map(regionShape),
    }));
    return { ours: target, theirs: branch, clean: report.clean, conflicts, byClass: countByClass(report.conflicts) };
  },
  summary({ ours, theirs, clean, conflicts }) {
    if (clean) return `${theirs} merges cleanly into ${ours}: nothing to resolve.`;
    const files = conflicts.map((c) => {
      const what = [c.class ?? c.kind, c.severity, c.declarations.length > 0 ? c.declarations.join(', ') : null].filter((x) => x !== null);
      const where = c.regions.length > 0 ? `, lines ${c.regions.map((r) => r.line).join(', ')}` : '';
      return `${c.path} (${what.join('; ')}${where}): ${c.reason}`;
    });
    const next = conflicts.some((c) => c.class === 'TRIVIAL' || c.class === 'STRUCTURAL')
      ? ' get_auto_fix_suggestions fixes the TRIVIAL and STRUCTURAL ones.'
      : '';
    return `Merging ${theirs} into ${ours} would conflict in ${plural(conflicts.length, 'file')}: ${listed(files)}.${next}`;
  },
});
