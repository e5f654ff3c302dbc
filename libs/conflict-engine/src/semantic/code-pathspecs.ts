/** git pathspecs for the files the engine parses as code (a `*` crosses folders in git's default pathspecs). */
export const CODE_PATHSPECS = ['*.ts', '*.tsx', '*.mts', '*.cts', '*.js', '*.jsx', '*.mjs', '*.cjs'];

const CODE_PATH = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

/** Whether {@link CODE_PATHSPECS} match `path` (as git matches them: by case). */
export function isCodePath(path: string): boolean {
  return CODE_PATH.test(path);
}
