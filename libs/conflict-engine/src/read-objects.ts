import { gitComplaint } from '@parallel-cc/git';
import { ConflictEngineError } from './errors';
import { runGitBytes } from './git';

/**
 * The contents of git objects named by id or `rev:path`, read by one `git cat-file --batch`
 * process; a name git cannot find maps to null. Names holding a newline cannot be asked for
 * this way and map to null too.
 */
export async function readObjects(repo: string, names: string[]): Promise<Map<string, Buffer | null>> {
  const asked = [...new Set(names)];
  const result = new Map<string, Buffer | null>(asked.map((n) => [n, null]));
  const batch = asked.filter((n) => !n.includes('\n'));
  if (batch.length === 0) return result;
  const { exitCode, stdout, stderr } = await runGitBytes(repo, ['cat-file', '--batch'], { input: `${batch.join('\n')}\n` });
  if (exitCode !== 0) {
    throw new ConflictEngineError('GIT_FAILED', `git cat-file failed in ${repo}: ${gitComplaint(stderr)}`, { repo, exitCode });
  }
  let at = 0;
  for (const name of batch) {
    const newline = stdout.indexOf(0x0a, at);
    const header = stdout.subarray(at, newline).toString('utf8');
    at = newline + 1;
    const size = /^[0-9a-f]+ \w+ (\d+)$/.exec(header)?.[1];
    if (size === undefined) continue; // "<name> missing" or "ambiguous"
    result.set(name, stdout.subarray(at, at + Number(size)));
    at += Number(size) + 1;
  }
  return result;
}
