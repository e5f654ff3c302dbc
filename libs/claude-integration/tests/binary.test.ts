import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { IntegrationError, stableBinaryPath } from '../src';
import { isInNpxCache } from '../src/install/binary';

afterAll(() => removeTempDirs());

function program(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'parallel-cc.js');
  fs.writeFileSync(file, '', { mode: 0o755 });
  return file;
}

describe('the binary hooks point at', () => {
  it('is the parallel-cc link on PATH when it leads to the running program', () => {
    const root = makeTempDir();
    const real = program(path.join(root, 'lib', 'node_modules', '@parallel-cc', 'cli', 'bin'));
    const bin = path.join(root, 'bin');
    fs.mkdirSync(bin);
    fs.symlinkSync(real, path.join(bin, 'parallel-cc'));
    expect(stableBinaryPath({ running: real, env: { PATH: `/nowhere:${bin}` } })).toBe(path.join(bin, 'parallel-cc'));
  });

  it('is the program itself when PATH has another parallel-cc or none', () => {
    const root = makeTempDir();
    const real = program(path.join(root, 'checkout', 'apps', 'cli', 'bin'));
    expect(stableBinaryPath({ running: real, env: { PATH: '/usr/bin' } })).toBe(real);
  });

  it('is refused when the program is not executable (run as `node file.js`), which a hook could not start', () => {
    const file = program(path.join(makeTempDir(), 'dist', 'bin'));
    fs.chmodSync(file, 0o644);
    expect(() => stableBinaryPath({ running: file, env: { PATH: '' } })).toThrow(expect.objectContaining({ code: 'NOT_EXECUTABLE', message: expect.stringContaining('not executable') }));
  });

  it('is refused in a temporary npx cache, with the way to install', () => {
    const root = makeTempDir();
    const cached = program(path.join(root, '.npm', '_npx', 'a1b2c3', 'node_modules', '@parallel-cc', 'cli', 'bin'));
    expect(isInNpxCache(cached)).toBe(true);
    expect(() => stableBinaryPath({ running: cached, env: { PATH: '' } })).toThrow(IntegrationError);
    expect(() => stableBinaryPath({ running: cached, env: { PATH: '' } })).toThrow(/npm install -g @parallel-cc\/cli/);
  });
});
