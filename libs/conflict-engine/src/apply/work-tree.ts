import * as fs from 'node:fs';
import { gitComplaint } from '@parallel-cc/git';
import { ConflictEngineError } from '../errors';
import { runGit } from '../git';
import type { ObjectFormat } from './blob-id';

/** Where a folder's work tree and git dir are, and how the repository names its objects. */
export interface WorkTree {
  /** The work tree's top level, symlinks resolved. */
  top: string;
  /** The work tree's own git dir (`.git/worktrees/<name>` for a linked worktree). */
  gitDir: string;
  format: ObjectFormat;
}

/** Locates the git work tree holding `dir`; else a `NOT_A_REPOSITORY` error (bare repositories too). */
export async function locateWorkTree(dir: string): Promise<WorkTree> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new ConflictEngineError('NOT_A_REPOSITORY', `The folder ${dir} does not exist.`, { worktree: dir });
  }
  // One value per process: a path may hold a newline, so output is never split between values.
  const [top, gitDir, format] = await Promise.all([
    revParse(dir, '--show-toplevel'),
    revParse(dir, '--absolute-git-dir'),
    revParse(dir, '--show-object-format'),
  ]);
  return { top: fs.realpathSync(top), gitDir, format: format === 'sha256' ? 'sha256' : 'sha1' };
}

async function revParse(dir: string, option: string): Promise<string> {
  const result = await runGit(dir, ['rev-parse', option]);
  const value = result.stdout.replace(/\n$/, '');
  if (result.exitCode !== 0 || value === '') {
    const why = gitComplaint(result.stderr) || `git rev-parse ${option} printed nothing`;
    throw new ConflictEngineError('NOT_A_REPOSITORY', `The folder ${dir} is not inside a git work tree (${why}).`, {
      worktree: dir,
      stderr: result.stderr,
    });
  }
  return value;
}
