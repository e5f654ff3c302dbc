import * as v from 'valibot';
import { repositoryScope } from '../session/repository-scope';
import { conflictBrief, conflictGuidance } from './conflict-views';
import { defineTool } from './define-tool';
import { refField } from './fields';
import { conflictBriefEntries, conflictSourceEntries } from './outputs';

const Input = v.object({
  branch: refField('The branch to merge (theirs), e.g. your session branch; the same as `parallel-cc conflicts --branch`.'),
  target_branch: refField('The branch it would be merged into (ours), e.g. "main" or another session\'s branch; the same as `parallel-cc conflicts --with`.'),
});

const Output = v.object({
  hasConflicts: v.boolean(),
  conflictingFiles: v.array(v.string()),
  conflicts: v.array(v.object({ ...conflictBriefEntries, ...conflictSourceEntries })),
  summary: v.string(),
  guidance: v.pipe(v.array(v.string()), v.description('What to do, one step an entry.')),
});

/** `check_conflicts`: would merging a branch into a target conflict, where, and how badly. */
export const checkConflicts = defineTool({
  name: 'check_conflicts',
  title: 'Would a merge conflict?',
  description:
    'Checks, without touching any checkout, whether merging branch into target_branch (in the calling session\'s repository, ' +
    'else the one holding the server\'s folder) would conflict, and in which files. A branch a live session (or a kept worktree) ' +
    'has checked out counts with its uncommitted work; each conflict says whether it comes from committed or uncommitted work. ' +
    'Each conflicted file is classified: TRIVIAL ' +
    '(formatting or import order), STRUCTURAL (independent additions), CONCURRENT (both edit one declaration) or SEMANTIC (one ' +
    'side changes what the other uses). Use it before merging or rebasing, and follow the guidance it returns.',
  input: Input,
  output: Output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    const engine = await import('@parallel-cc/conflict-engine');
    const md = await import('@parallel-cc/merge-detector');
    const { plural } = await import('@parallel-cc/core-sessions');
    engine.assertValidRef(input.branch, 'branch');
    engine.assertValidRef(input.target_branch, 'target_branch');
    const { root } = await repositoryScope(context, undefined, false);
    const merge = { repoRoot: root, ours: input.target_branch, theirs: input.branch, now: context.now() };
    const report = await md.detectSessionConflicts(await context.coordinator(), merge);
    const conflicts = report.conflicts.map((c) => ({ ...conflictBrief(c), source: c.source, uncommittedIn: c.uncommittedIn }));
    const summary = report.clean
      ? `${input.branch} merges cleanly into ${input.target_branch}.`
      : `Merging ${input.branch} into ${input.target_branch} would conflict in ${plural(conflicts.length, 'file')}: ` +
        conflicts.map((c) => `${c.path} (${c.class ?? c.kind}${c.source === 'uncommitted' ? ', uncommitted work' : ''})`).join(', ') +
        '.';
    return {
      hasConflicts: !report.clean,
      conflictingFiles: conflicts.map((c) => c.path),
      conflicts,
      summary,
      guidance: conflictGuidance(report.conflicts, input.branch, input.target_branch),
    };
  },
  summary: ({ hasConflicts, summary, guidance }) => (hasConflicts ? [summary, ...guidance].join('\n') : summary),
});
