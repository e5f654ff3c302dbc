import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir, makeTempHome, removeTempDirs } from '@parallel-cc/test-utils';

// The CLI package as npm installs it, on a machine where better-sqlite3's prebuilt binary could not
// be downloaded and nothing built it from source: its JavaScript is there, build/ is not. The
// workspace's node_modules stays untouched; the copy finds its other dependencies through NODE_PATH.
const CLI = path.resolve(__dirname, '..');
const WORKSPACE_MODULES = path.resolve(__dirname, '../../../node_modules');
let pkg: string;

beforeAll(() => {
  pkg = path.join(makeTempDir('pcc-no-native-'), 'cli');
  for (const part of ['bin', 'dist', 'package.json']) fs.cpSync(path.join(CLI, part), path.join(pkg, part), { recursive: true });
  const sqlite = path.join(pkg, 'node_modules', 'better-sqlite3');
  for (const part of ['package.json', 'lib']) fs.cpSync(path.join(WORKSPACE_MODULES, 'better-sqlite3', part), path.join(sqlite, part), { recursive: true });
});
afterAll(() => removeTempDirs());

function run(args: string[]) {
  const home = makeTempHome();
  const result = spawnSync(process.execPath, [path.join(pkg, 'bin', 'parallel-cc.js'), ...args], {
    env: { ...home.env, NODE_PATH: WORKSPACE_MODULES },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('a better-sqlite3 whose native module failed to install', () => {
  it('doctor explains what failed and what to do', () => {
    const result = run(['doctor', '--json']);
    expect(result.code).toBe(1);
    const { checks } = JSON.parse(result.stdout) as { checks: Array<{ name: string; status: string; detail: string; fix?: string }> };
    expect(checks.map((c) => c.name)).not.toContain('database');
    const sqlite = checks.find((c) => c.name === 'sqlite');
    expect(sqlite?.status).toBe('fail');
    expect(sqlite?.detail).toBe(
      `better-sqlite3's native module (better_sqlite3.node) is missing: when it was installed, no prebuilt binary for Node.js ${process.version} was downloaded and building it from source did not happen or failed`,
    );
    expect(sqlite?.fix).toMatch(new RegExp(`^cd ${pkg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} && npm rebuild better-sqlite3; .*python3.*Node\\.js headers.*npm config set nodedir`));
  });

  it('other commands say the same in one line instead of reporting a bug', () => {
    const result = run(['status']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^parallel-cc: better-sqlite3's native module \(better_sqlite3\.node\) is missing: .* To fix it: cd .* && npm rebuild better-sqlite3; .*`parallel-cc doctor` checks it\.\n$/);
    expect(result.stderr).not.toContain('bug');
  });
});
