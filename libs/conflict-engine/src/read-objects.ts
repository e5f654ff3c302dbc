import { spawn } from 'node:child_process';
import { ConflictEngineError } from './errors';

/**
 * The contents of git objects named by id or `rev:path`, read by one `git cat-file --batch`
 * process; a name git cannot find maps to null. Names holding a newline cannot be asked for
 * this way and map to null too.
 */
export function readObjects(repo: string, names: string[]): Promise<Map<string, Buffer | null>> {
  const asked = [...new Set(names)];
  const result = new Map<string, Buffer | null>(asked.map((n) => [n, null]));
  const batch = asked.filter((n) => !n.includes('\n'));
  if (batch.length === 0) return Promise.resolve(result);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: repo, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => reject(new ConflictEngineError('GIT_FAILED', `git could not be started in ${repo}: ${error.message}`, { repo })));
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new ConflictEngineError('GIT_FAILED', `git cat-file failed in ${repo}: ${stderr.trim()}`, { repo, exitCode: code }));
        return;
      }
      const output = Buffer.concat(chunks);
      let at = 0;
      for (const name of batch) {
        const newline = output.indexOf(0x0a, at);
        const header = output.subarray(at, newline).toString('utf8');
        at = newline + 1;
        const size = /^[0-9a-f]+ \w+ (\d+)$/.exec(header)?.[1];
        if (size === undefined) continue; // "<name> missing" or "ambiguous"
        result.set(name, output.subarray(at, at + Number(size)));
        at += Number(size) + 1;
      }
      resolve(result);
    });
    child.stdin.end(`${batch.join('\n')}\n`);
  });
}
