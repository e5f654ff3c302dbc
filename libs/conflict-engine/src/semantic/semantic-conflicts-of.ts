import type { ClassifiedConflict } from '../detect-conflicts';
import { semanticBreaks } from './semantic-conflicts';
import type { SemanticCheckOptions } from './semantic-conflicts';
import { semanticConflict } from './semantic-conflict';

/**
 * {@link semanticBreaks} as conflicts of a report. Never fails: a check that cannot run (an
 * unknown ref, git failing) finds nothing, and merge-tree reports the failure.
 */
export async function semanticConflictsOf(options: SemanticCheckOptions): Promise<ClassifiedConflict[]> {
  try {
    return (await semanticBreaks(options)).map(semanticConflict);
  } catch {
    return [];
  }
}
