import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, removeTempDirs } from '@parallel-cc/test-utils';
import { readEnvironmentSettings, WorktreeError } from '../src';
import { quickRepo, rejectionOf } from './support';

afterAll(() => removeTempDirs());

describe('readEnvironmentSettings', () => {
  it('defaults to ten ports in 4100-4999, the default shared folders, no setup', async () => {
    expect(await readEnvironmentSettings(quickRepo())).toEqual({
      ports: 10,
      portRange: { first: 4100, last: 4999 },
      shareDirs: null,
      setup: null,
      setupTimeoutMs: 600_000,
      env: {},
    });
  });

  it('reads .parallel-cc.json, and git config wins over it', async () => {
    const repo = quickRepo();
    fs.writeFileSync(path.join(repo, '.parallel-cc.json'), JSON.stringify({ setup: 'npm ci', shareDirs: ['node_modules', '.venv'], ports: 4, env: { A: 'b' } }));
    expect(await readEnvironmentSettings(repo)).toMatchObject({ setup: 'npm ci', shareDirs: ['node_modules', '.venv'], ports: 4, env: { A: 'b' } });
    git(repo, 'config', 'parallel-cc.setup', 'make deps');
    git(repo, 'config', 'parallel-cc.shareDirs', 'vendor, target');
    git(repo, 'config', 'parallel-cc.ports', '0');
    git(repo, 'config', 'parallel-cc.portRange', '5000-5099');
    git(repo, 'config', 'parallel-cc.setupTimeout', '30');
    expect(await readEnvironmentSettings(repo)).toEqual({
      setup: 'make deps',
      shareDirs: ['vendor', 'target'],
      ports: 0,
      portRange: { first: 5000, last: 5099 },
      setupTimeoutMs: 30_000,
      env: { A: 'b' },
    });
  });

  it.each([
    ['{', 'is not valid JSON'],
    ['[]', 'must hold a JSON object'],
    ['{"setup": 1}', '"setup" must be a string'],
    ['{"shareDirs": "node_modules"}', '"shareDirs" must be an array'],
    ['{"ports": -1}', '"ports" must be a whole number'],
    ['{"env": {"A B": "x"}}', '"env" must map variable names to strings'],
  ])('refuses .parallel-cc.json %s naming what is wrong', async (text, message) => {
    const repo = quickRepo();
    fs.writeFileSync(path.join(repo, '.parallel-cc.json'), text);
    const error = await rejectionOf(readEnvironmentSettings(repo));
    expect(error).toBeInstanceOf(WorktreeError);
    expect(error.message).toContain(message);
  });

  it.each([
    ['parallel-cc.ports', 'many'],
    ['parallel-cc.portRange', '80-90'],
    ['parallel-cc.setupTimeout', '0'],
  ])('refuses git config %s %s naming it', async (key, value) => {
    const repo = quickRepo();
    git(repo, 'config', key, value);
    const error = await rejectionOf(readEnvironmentSettings(repo));
    expect(error.message).toContain(`${key} "${value}"`);
  });
});
