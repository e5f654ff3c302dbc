import type { ConflictFile } from '../conflict-file';
import type { ClassifyContext } from './analyze-code';
import { analyzeFile } from './analyze-file';
import type { Classification } from './classification';

/**
 * The class of one conflicted file: TRIVIAL, STRUCTURAL, CONCURRENT or SEMANTIC, with the
 * declarations involved and a one-line reason. TypeScript and JavaScript are read as syntax
 * trees; other files, and code that does not parse (said in `parseFailure`), by text rules.
 * `context` lists the files each side changed, where a SEMANTIC check looks for new uses.
 */
export function classify(file: ConflictFile, context: ClassifyContext = {}): Classification {
  return analyzeFile(file, context).classification;
}
