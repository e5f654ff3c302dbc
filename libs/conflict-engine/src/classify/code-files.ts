import * as path from 'node:path';

const CODE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);

/** Whether `file` is TypeScript or JavaScript, which the engine reads as a syntax tree. */
export function isCodeFile(file: string): boolean {
  return CODE_EXTENSIONS.has(path.extname(file).toLowerCase());
}

/** Whether `file` may hold JSX: .tsx and .jsx always, .js files too (React projects write JSX in them). */
export function allowsJsx(file: string): boolean {
  return ['.tsx', '.jsx', '.js'].includes(path.extname(file).toLowerCase());
}
