import type * as TS from 'typescript';
import { focusedSource } from './focused-source';

// The first words of the top-level statements that may declare a name (an `@` starts a decorated class).
export const DECLARES = /^(?:export|function|class|interface|type|enum|namespace|module|declare|const|let|var|abstract|async|default|@)/;
// A unit holding a second statement on one line that could declare something: kept whole.
const SECOND_DECLARATION = /;[ \t]*(?:export|function|class|interface|type|enum|namespace|module|declare|const|let|var|abstract|async|@)\b/;

/**
 * `text` parsed with only the top-level statements that may declare a name, and without the
 * statements inside their function bodies: the others (a 4,000-line `describe` or `for` loop of
 * a test file, a call, an assignment) are left out, lines kept (see {@link focusedSource}).
 * With `keep`, only the declaring statements it accepts (by their code) are read.
 */
export function declarationsSource(file: string, text: string, keep: (code: string) => boolean = () => true): TS.SourceFile {
  // A function's or method's body declares nothing for other files: its statements are left out too.
  return focusedSource(file, text, false, (_, code) => ((DECLARES.test(code) || SECOND_DECLARATION.test(code)) && keep(code) ? 'outline' : 'skip'));
}
