import { isDeepStrictEqual } from 'node:util';
import { readText, updateFileAtomically } from './atomic-file';
import { cloneJson, formatJsonLike, parseJsonObject } from './json-text';
import type { JsonObject } from './json-text';

/** What an edit did to a file. */
export interface FileChange {
  file: string;
  action: 'create' | 'update' | 'delete' | 'unchanged';
  before: string | null;
  after: string | null;
}

/**
 * Applies `edit` to the JSON object in `file` (a missing file is `{}`) and writes the result
 * atomically, touching nothing when the object did not change. `edit` returns the new object, or
 * null to delete the file. With `dryRun` only the change is computed.
 */
export function updateJsonFile(
  file: string,
  edit: (current: JsonObject, existed: boolean) => JsonObject | null,
  options: { dryRun?: boolean; mode?: number; beforeCommit?: () => void } = {},
): FileChange {
  const compute = (text: string | null): string | null => {
    const current = parseJsonObject(file, text);
    const next = edit(cloneJson(current), text !== null);
    if (next === null) return null;
    if (text !== null && isDeepStrictEqual(next, current)) return text;
    return formatJsonLike(next, text);
  };
  const { before, after } = options.dryRun
    ? dryRun(file, compute)
    : updateFileAtomically(file, compute, { mode: options.mode, beforeCommit: options.beforeCommit });
  return { file, action: actionOf(before, after), before, after };
}

function dryRun(file: string, compute: (text: string | null) => string | null) {
  const before = readText(file);
  return { before, after: compute(before) };
}

/** How a file's text changed. */
export function actionOf(before: string | null, after: string | null): FileChange['action'] {
  if (before === after) return 'unchanged';
  if (before === null) return 'create';
  if (after === null) return 'delete';
  return 'update';
}
