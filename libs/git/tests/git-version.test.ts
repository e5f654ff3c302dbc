import { execFileSync } from 'node:child_process';
import { MIN_GIT_VERSION, gitVersion, parseGitVersion, versionAtLeast } from '../src';
import { captured, removeMade, tempDir } from './support';

afterAll(() => removeMade());

describe('parseGitVersion', () => {
  test('reads the real `git --version`', () => {
    const output = execFileSync('git', ['--version'], { encoding: 'utf8' });
    expect(parseGitVersion(output)).toMatch(/^\d+\.\d+(\.\d+)?$/);
    expect(output).toContain(parseGitVersion(output));
  });

  test('reads the captured `git --version`', () => {
    expect(parseGitVersion(captured('git-version.out'))).toBe('2.39.5');
  });

  test('reads literal outputs, Apple builds included', () => {
    expect(parseGitVersion('git version 2.39.5\n')).toBe('2.39.5');
    expect(parseGitVersion('git version 2.39.3 (Apple Git-146)')).toBe('2.39.3');
    expect(parseGitVersion('git version 2.45.1.windows.1')).toBe('2.45.1');
    expect(parseGitVersion('hub version 2.14.2')).toBeNull();
  });
});

describe('versionAtLeast', () => {
  test('compares dotted versions numerically, missing parts as 0', () => {
    expect(versionAtLeast('2.39.5', MIN_GIT_VERSION)).toBe(true);
    expect(versionAtLeast('2.38', '2.38.0')).toBe(true);
    expect(versionAtLeast('2.10.0', '2.9.9')).toBe(true);
    expect(versionAtLeast('2.37.7', '2.38.0')).toBe(false);
    expect(versionAtLeast('1.99', '2.0')).toBe(false);
  });
});

describe('gitVersion', () => {
  test('is the installed git’s version, which parallel-cc supports here', async () => {
    const version = await gitVersion();
    expect(version).toBe(parseGitVersion(execFileSync('git', ['--version'], { encoding: 'utf8' })));
    expect(versionAtLeast(version ?? '0', MIN_GIT_VERSION)).toBe(true);
  });

  test('is null when git is not on PATH', async () => {
    expect(await gitVersion({ ...process.env, PATH: tempDir() })).toBeNull();
  });
});
