import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { findExecutable, noSessionPlace, runPassThrough } from '../src';
import { sessionErrorOf } from './support';

afterAll(() => removeTempDirs());

const REPORT = `require('fs').writeFileSync(process.argv[1], JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd(), session: process.env.PARALLEL_CC_SESSION_ID ?? null }));`;

describe('runPassThrough', () => {
  it('runs the command as asked, in the folder given, without a session id, and reports how it ended', async () => {
    const folder = makeTempDir('pcc-pass-');
    const out = path.join(folder, 'report.json');
    const env = { ...process.env, PARALLEL_CC_SESSION_ID: undefined };
    const ended = await runPassThrough({ command: process.execPath, args: ['-e', `${REPORT} process.exit(9)`, out, '--flag', 'a b'], cwd: folder, env });
    expect(ended).toEqual({ code: 9, signal: null });
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual({ args: ['--flag', 'a b'], cwd: folder, session: null });

    const killed = await runPassThrough({ command: process.execPath, args: ['-e', 'process.kill(process.pid, "SIGTERM")'], cwd: folder, env });
    expect(killed).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('refuses a command that is not on PATH before running anything', async () => {
    const error = await sessionErrorOf(runPassThrough({ command: 'pcc-no-such-claude', args: [], cwd: makeTempDir(), env: process.env }));
    expect(error.code).toBe('AGENT_FAILED_TO_START');
    expect(error.message).toBe('Could not start pcc-no-such-claude: it is not on PATH.');
    expect(await findExecutable(path.basename(process.execPath), { PATH: path.dirname(process.execPath) })).toBe(process.execPath);
    expect(await findExecutable('./relative/agent', { PATH: '' })).toBe('./relative/agent');
  });
});

describe('noSessionPlace', () => {
  it('is null in a repository, and says why outside one or in one without commits', async () => {
    expect(await noSessionPlace(makeRepo())).toBeNull();
    expect(await noSessionPlace(makeTempDir('pcc-no-repo-'))).toMatchObject({ code: 'NOT_A_REPOSITORY' });
    const empty = makeTempDir('pcc-no-commits-');
    git(empty, 'init', '-q');
    expect(await noSessionPlace(empty)).toMatchObject({ code: 'NO_COMMITS', message: expect.stringContaining('has no commits yet') });
    await expect(noSessionPlace(path.join(empty, 'missing'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
