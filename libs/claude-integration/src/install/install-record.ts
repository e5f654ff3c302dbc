import * as fs from 'node:fs';
import * as path from 'node:path';
import { coordinatorHome } from '@parallel-cc/core-sessions';
import { readText, updateFileAtomically } from '../files/atomic-file';

/**
 * Per settings file: whether install created it, which containers (`hooks`, `hooks.PostToolUse`,
 * `mcpServers`) it added, and which folders it made for it (deepest first, e.g. `<repo>/.claude`).
 */
export interface FileRecord {
  createdFile: boolean;
  createdKeys: string[];
  createdDirs?: string[];
}

/**
 * What install created, kept in `$PARALLEL_CC_HOME/install-record.json`, so that uninstall can
 * remove exactly that: an empty `mcpServers` the user had stays; one we added goes.
 */
export type InstallRecord = Record<string, FileRecord>;

function recordPath(env: NodeJS.ProcessEnv): string {
  return path.join(coordinatorHome(env), 'install-record.json');
}

/** The record, or null when there is none (then uninstall drops containers it empties). */
export function readInstallRecord(env: NodeJS.ProcessEnv): InstallRecord | null {
  try {
    const text = readText(recordPath(env));
    return text === null ? null : (JSON.parse(text) as InstallRecord);
  } catch {
    return null;
  }
}

/** Merges what one install created into the record (union: installing again never forgets). */
export function rememberCreated(env: NodeJS.ProcessEnv, file: string, created: FileRecord): void {
  if (!created.createdFile && created.createdKeys.length === 0) return;
  const target = recordPath(env);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  updateFileAtomically(target, (text) => {
    const record = (text ? JSON.parse(text) : {}) as InstallRecord;
    const previous = record[file] ?? { createdFile: false, createdKeys: [] };
    const createdDirs = [...new Set([...(previous.createdDirs ?? []), ...(created.createdDirs ?? [])])].sort((a, b) => b.length - a.length);
    record[file] = {
      createdFile: previous.createdFile || created.createdFile,
      createdKeys: [...new Set([...previous.createdKeys, ...created.createdKeys])],
      ...(createdDirs.length > 0 ? { createdDirs } : {}),
    };
    return `${JSON.stringify(record, null, 2)}\n`;
  });
}

/** Drops a file from the record once uninstall has dealt with it. */
export function forgetFile(env: NodeJS.ProcessEnv, file: string): void {
  const target = recordPath(env);
  if (!fs.existsSync(target)) return;
  updateFileAtomically(target, (text) => {
    const record = (text ? JSON.parse(text) : {}) as InstallRecord;
    delete record[file];
    return Object.keys(record).length === 0 ? null : `${JSON.stringify(record, null, 2)}\n`;
  });
}

/** Which of `keys` (dotted paths of objects) are missing from `value`. */
export function missingKeys(value: Record<string, unknown>, keys: string[]): string[] {
  return keys.filter((key) => {
    let node: unknown = value;
    for (const part of key.split('.')) {
      if (typeof node !== 'object' || node === null || !(part in node)) return true;
      node = (node as Record<string, unknown>)[part];
    }
    return false;
  });
}
