/** git pathspecs for the files the engine parses as code (a `*` crosses folders in git's default pathspecs). */
export const CODE_PATHSPECS = ['*.ts', '*.tsx', '*.mts', '*.cts', '*.js', '*.jsx', '*.mjs', '*.cjs'];
