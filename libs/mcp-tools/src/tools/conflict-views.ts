import type { ClassifiedConflict, ConflictClass, ConflictKind, ConflictRegion, Severity } from '@parallel-cc/conflict-engine';

// What the conflict tools show a model of conflict-engine's reports: the classification of each
// file and where its hunks are, never the files' text (that is what get_auto_fix_suggestions is for).

/** One conflicted file in brief: where, what kind, how hard, which declarations, and why. */
export interface ConflictBrief {
  path: string;
  kind: ConflictKind;
  class: ConflictClass | null;
  severity: Severity | null;
  declarations: string[];
  reason: string;
}

/** A conflict region's place and size, without its text. */
export interface RegionShape {
  /** 1-based line of the merged file where the hunk starts. */
  line: number;
  oursLines: number;
  baseLines: number | null;
  theirsLines: number;
}

const CLASSES: readonly ConflictClass[] = ['TRIVIAL', 'STRUCTURAL', 'CONCURRENT', 'SEMANTIC'];

/** A conflict in brief; an unclassified one keeps git's own message as its reason. */
export function conflictBrief(conflict: ClassifiedConflict): ConflictBrief {
  const c = conflict.classification;
  return {
    path: conflict.path,
    kind: conflict.kind,
    class: c?.class ?? null,
    severity: c?.severity ?? null,
    declarations: c?.declarations ?? [],
    reason: c?.reason ?? conflict.message,
  };
}

/** How many lines a region's side holds. */
function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** A region's place and line counts. */
export function regionShape(region: ConflictRegion): RegionShape {
  return {
    line: region.line,
    oursLines: lineCount(region.ours),
    baseLines: region.base === null ? null : lineCount(region.base),
    theirsLines: lineCount(region.theirs),
  };
}

/** How many conflicts each class has (every class present, zeros included). */
export function countByClass(conflicts: readonly ClassifiedConflict[]): Record<ConflictClass, number> {
  const counts = Object.fromEntries(CLASSES.map((c) => [c, 0])) as Record<ConflictClass, number>;
  for (const conflict of conflicts) if (conflict.classification) counts[conflict.classification.class]++;
  return counts;
}

/** What to do about a set of conflicts between `branch` and `target`, one step a line. */
export function conflictGuidance(conflicts: readonly ClassifiedConflict[], branch: string, target: string): string[] {
  if (conflicts.length === 0) return [`${branch} merges cleanly into ${target}: nothing to resolve.`];
  const byClass = countByClass(conflicts);
  const paths = (cls: ConflictClass) => conflicts.filter((c) => c.classification?.class === cls).map((c) => c.path).join(', ');
  const guidance: string[] = [];
  const fixable = byClass.TRIVIAL + byClass.STRUCTURAL;
  if (fixable > 0) {
    guidance.push(
      `TRIVIAL or STRUCTURAL conflicts in ${[paths('TRIVIAL'), paths('STRUCTURAL')].filter(Boolean).join(', ')}: ` +
        'get_auto_fix_suggestions proposes checked fixes and apply_auto_fix writes one.',
    );
  }
  if (byClass.CONCURRENT > 0) {
    guidance.push(
      `${paths('CONCURRENT')}: both branches edit the same declarations (CONCURRENT). Agree with the session on the other branch ` +
        '(get_parallel_status shows who) who changes what, or merge both intents by hand.',
    );
  }
  if (byClass.SEMANTIC > 0) {
    guidance.push(
      `${paths('SEMANTIC')}: one branch changes or removes what the other uses (SEMANTIC). Review every use before merging; ` +
        'a clean-looking resolution can still break the build.',
    );
  }
  const unclassified = conflicts.filter((c) => !c.classification).map((c) => c.path);
  if (unclassified.length > 0) guidance.push(`${unclassified.join(', ')}: resolve by hand (git could not merge them; see each reason).`);
  guidance.push(
    `To take ${target}'s changes into your branch early, rebase with rebase_assist (check_only first); ` +
      'claim the files with claim_file before you edit them.',
  );
  return guidance;
}
