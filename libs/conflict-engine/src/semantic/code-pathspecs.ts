/** git pathspecs for the files the engine parses as code (a `*` crosses folders in git's default pathspecs). */
export const CODE_PATHSPECS = ['*.ts', '*.tsx', '*.mts', '*.cts', '*.js', '*.jsx', '*.mjs', '*.cjs'];

// `*.ts` and the others: each matches the paths that end with what follows its `*`.
const CODE_SUFFIXES = CODE_PATHSPECS.map((spec) => spec.slice(1));

/** Whether {@link CODE_PATHSPECS} match `path` (as git matches them: by case). */
export function isCodePath(path: string): boolean {
  return CODE_SUFFIXES.some((suffix) => path.endsWith(suffix));
}
