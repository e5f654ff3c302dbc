import { spawn, spawnSync } from 'node:child_process';
import { makeTempDir, makeTempHome, removeTempDirs } from '@parallel-cc/test-utils';
import { BIN } from './support';

afterAll(() => removeTempDirs());

describe('the process around a command', () => {
  it('a reader that closes the output early ends the command quietly, with no stack trace', async () => {
    const home = makeTempHome();
    const child = spawn(process.execPath, [BIN.pcc, '--help'], { env: home.env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the program starts: its first write meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('runs in a folder removed under the shell (a released worktree) instead of failing before it starts', () => {
    const home = makeTempHome();
    const gone = makeTempDir('pcc-gone-');
    const script = 'cd "$1" && rmdir "$1" && "$2" "$3" claims list && "$2" "$3" --version';
    const result = spawnSync('sh', ['-c', script, 'sh', gone, process.execPath, BIN.pcc], { env: home.env, encoding: 'utf8' });
    expect(result.stderr).not.toMatch(/uv_cwd|ENOENT/);
    expect(result).toMatchObject({ status: 0, stdout: expect.stringMatching(/^No files are claimed\.\n\d+\.\d+\.\d+/) });
  });
});
