import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorktreeError } from '../errors';

/** The committed file at the repository root with the project's worktree environment. */
export const PROJECT_FILE = '.parallel-cc.json';

/** What `.parallel-cc.json` may hold; every field optional. */
export interface ProjectFile {
  setup?: string;
  shareDirs?: string[];
  ports?: number;
  env?: Record<string, string>;
}

/** Reads `.parallel-cc.json` at `repoRoot`: an empty object when there is none; a malformed one is refused naming the field. */
export function readProjectFile(repoRoot: string): ProjectFile {
  const file = path.join(repoRoot, PROJECT_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw bad(`is not valid JSON (${(error as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw bad('must hold a JSON object');
  const { setup, shareDirs, ports, env } = data as Record<string, unknown>;
  const out: ProjectFile = {};
  if (setup !== undefined) {
    if (typeof setup !== 'string') throw bad('"setup" must be a string (a command)');
    out.setup = setup;
  }
  if (shareDirs !== undefined) {
    if (!Array.isArray(shareDirs) || !shareDirs.every((d) => typeof d === 'string')) throw bad('"shareDirs" must be an array of folder names');
    out.shareDirs = shareDirs as string[];
  }
  if (ports !== undefined) {
    if (typeof ports !== 'number' || !Number.isInteger(ports) || ports < 0 || ports > 100) throw bad('"ports" must be a whole number from 0 to 100');
    out.ports = ports;
  }
  if (env !== undefined) {
    const entries = typeof env === 'object' && env !== null && !Array.isArray(env) ? Object.entries(env) : null;
    if (!entries || !entries.every(([k, v]) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && typeof v === 'string')) {
      throw bad('"env" must map variable names to strings');
    }
    out.env = Object.fromEntries(entries) as Record<string, string>;
  }
  return out;
}

function bad(what: string): WorktreeError {
  return new WorktreeError('INVALID_INPUT', `${PROJECT_FILE}: ${what}.`, { file: PROJECT_FILE });
}
