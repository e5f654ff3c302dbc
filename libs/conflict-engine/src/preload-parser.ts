import { parseCode } from './classify/parse-code';
import { sourceFile } from './semantic/typescript-source';

/**
 * Loads the parsers now rather than on the first conflict to check: oxc's, which classification
 * reads conflicted files with, and TypeScript's, which the semantic check reads the sides' changes
 * with (about half a second to load). A long-running process that will preview conflicts (a live
 * screen) calls it when idle, so that its first preview does not pay for loading them.
 */
export function preloadParser(): void {
  parseCode('preload.ts', 'export const preloaded = true;\n');
  sourceFile('preload.ts', 'export const preloaded = true;\n');
}
