import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConflictEngineError } from '../errors';
import type { FixSuggestion } from '../suggest/fix-suggestion';
import { writeFileAtomically } from './atomic-write';
import { backUpFile, defaultBackupDir } from './backup';
import { blobId, objectFormatOf } from './blob-id';
import { checkSuggestion } from './check-suggestion';
import { resolveSafeTarget } from './safe-target';
import { locateWorkTree } from './work-tree';

/** What {@link applyFix} writes, and where. */
export interface ApplyFixOptions {
  /** A folder of the work tree to write in (normally its top level); `suggestion.path` is relative to it. */
  worktree: string;
  suggestion: Pick<FixSuggestion, 'id' | 'path' | 'content' | 'from'>;
  /** Where the previous content is copied; default `<git dir>/parallel-cc/backups/<id>-<UTC time>`. */
  backupDir?: string;
}

/** What {@link applyFix} did: the file, its backup, and its blob ids before and after. */
export interface AppliedFix {
  suggestionId: string;
  /** The suggestion's path, relative to the worktree folder. */
  path: string;
  /** The file written, as an absolute path. */
  file: string;
  /** The copy of the previous content; null when the file did not exist. */
  backup: string | null;
  /** The blob id the file had before; null when it did not exist. */
  before: string | null;
  /** The blob id of what was written. */
  after: string;
  created: boolean;
  /** The file already held the suggestion's content: nothing was written, no backup was made. */
  alreadyApplied: boolean;
}

/**
 * Writes a suggestion's content to its file in a work tree, only while the file still holds the
 * version the suggestion was computed from (`from.ours`; null: the file must not exist), else
 * `FILE_CHANGED` and nothing is written. A file that already holds the suggestion's content is
 * left alone (`alreadyApplied`), so applying twice is harmless. The old content is backed up
 * first and the file is replaced atomically with its mode kept. Paths that leave the work tree, through `..` or a
 * symlink, are refused (`INVALID_INPUT`, `PATH_OUTSIDE_WORKTREE`); `NOT_A_REPOSITORY` when the
 * folder is in no work tree.
 */
export async function applyFix(options: ApplyFixOptions): Promise<AppliedFix> {
  const { worktree, suggestion, backupDir } = options;
  checkSuggestion(worktree, suggestion, backupDir);
  const tree = await locateWorkTree(worktree);
  const target = resolveSafeTarget(fs.realpathSync(worktree), tree.top, suggestion.path);
  const expected = suggestion.from.ours;
  const format = expected === null ? tree.format : (objectFormatOf(expected) ?? tree.format);
  const current = target.mode === null ? null : fs.readFileSync(target.file);
  const before = current === null ? null : blobId(current, format);
  const bytes = Buffer.from(suggestion.content, 'utf8');
  const after = blobId(bytes, format);
  const named = { suggestionId: suggestion.id, path: suggestion.path, file: target.file };
  if (before === after) return { ...named, backup: null, before, after, created: false, alreadyApplied: true };
  if (before !== expected) throw fileChanged(suggestion.path, target.file, expected, before);

  const backup =
    current === null ? null : backUpFile(target.file, backupDir ?? defaultBackupDir(tree.gitDir, suggestion.id, new Date()), suggestion.path);
  if (current === null) fs.mkdirSync(path.dirname(target.file), { recursive: true });
  writeFileAtomically(target.file, bytes, target.mode);
  return { ...named, backup, before, after, created: current === null, alreadyApplied: false };
}

function fileChanged(relPath: string, file: string, expected: string | null, actual: string | null): ConflictEngineError {
  const now = actual === null ? 'it no longer exists' : expected === null ? 'it exists now' : `it now holds blob ${actual}, not ${expected}`;
  return new ConflictEngineError(
    'FILE_CHANGED',
    `The file ${relPath} changed since the suggestion was computed (${now}); nothing was written. Re-run the suggestion to get one for its current content.`,
    { path: relPath, file, expected, actual },
  );
}
