import { classify } from '@parallel-cc/conflict-engine';

const version = (text: string) => ({ oid: '', text });

/**
 * Loads the TypeScript parser that classifying a conflict needs (a second or more on a busy
 * machine, once per process) before the server takes requests, so that the first collision shows
 * on the page as quickly as the later ones.
 */
export function warmClassifier(): void {
  classify({ path: 'warm-up.ts', base: version('export const a = 1;\n'), ours: version('export const a = 2;\n'), theirs: version('export const a = 3;\n'), merged: null });
}
