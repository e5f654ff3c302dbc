import * as v from 'valibot';
import { branchPair } from '../session/branch-pair';
import { conflictBrief, countByClass, regionShape } from './conflict-views';
import { defineTool } from './define-tool';
import { refField } from './fields';

const Input = v.object({
  branch: v.optional(refField("The branch to merge; default: your session's branch.")),
  target_branch: v.optional(refField("The branch it would be merged into; default: your session's base branch.")),
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
});
