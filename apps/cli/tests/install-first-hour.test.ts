import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, makeTempDir, makeTempHome, removeTempDirs } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { BIN, pcc } from './support';

let home: TempHome;
let bin: string;
let env: NodeJS.ProcessEnv;
// PATH without any claude-parallel: the machine's, less folders that hold one.
const bare = (process.env.PATH ?? '')
  .split(path.delimiter)
  .filter((dir) => dir && !fs.existsSync(path.join(dir, 'claude-parallel')))
  .join(path.delimiter);

beforeEach(() => {
  home = makeTempHome();
  bin = makeTempDir('pcc-global-bin-');
  // As `npm install -g @parallel-cc/cli` leaves it: claude-parallel on PATH, linked to the real bin.
  fs.symlinkSync(BIN.claudeParallel, path.join(bin, 'claude-parallel'));
  env = { ...home.env, SHELL: '/bin/bash', PATH: `${bin}${path.delimiter}${bare}` };
});
afterAll(() => removeTempDirs());

/** Every file and folder under the temp home and PARALLEL_CC_HOME: what a command wrote. */
function written(): string[] {
  const list = (dir: string): string[] =>
    fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)) : [];
  return [...list(home.home), ...list(home.pccHome)].sort();
}

describe('install refuses flags that make no sense together', () => {
  let repo: string;
  beforeAll(() => {
    repo = makeRepo();
  });

  it.each([
    ['--status', '--uninstall'],
    ['--status', '--interactive'],
    ['--status', '--dry-run'],
    ['--status', '--all'],
    ['--status', '--hooks'],
    ['--status', '--global'],
    ['--status', '--local'],
    ['--status', '--alias'],
    ['--status', '--mcp'],
    ['--uninstall', '--interactive'],
    ['--uninstall', '--all'],
    ['--uninstall', '--hooks'],
    ['--uninstall', '--global'],
    ['--uninstall', '--local'],
    ['--uninstall', '--alias'],
    ['--uninstall', '--mcp'],
    ['--uninstall', '--shell'],
    ['--interactive', '--all'],
    ['--interactive', '--hooks'],
    ['--interactive', '--global'],
    ['--interactive', '--local'],
    ['--interactive', '--alias'],
    ['--interactive', '--mcp'],
    ['--global', '--local'],
  ])('%s with %s: exit 2, both named, nothing written', (first, second) => {
    const args = (flag: string) => (flag === '--shell' ? ['--shell', 'zsh'] : [flag]);
    // The second flag first: the message names the pair the same way whatever their order.
    const result = pcc(['install', ...args(second), ...args(first)], { env, cwd: repo });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^parallel-cc: ${first} and ${second} cannot be used together: ${first} [^\\n]+\\.\\n$`));
    expect(written()).toEqual([]);
  });
});

describe('install and uninstall on a first day', () => {
  it('local hooks, then uninstall, leave no .claude folder behind and git clean', () => {
    const repo = makeRepo();
    const exclude = read(path.join(repo, '.git', 'info', 'exclude'));
    expect(pcc(['install', '--hooks', '--local'], { env, cwd: repo }).code).toBe(0);
    expect(fs.existsSync(path.join(repo, '.claude', 'settings.local.json'))).toBe(true);
    const removed = pcc(['uninstall'], { env, cwd: repo });
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`delete hooks: ${path.join(repo, '.claude', 'settings.local.json')}`);
    expect(fs.existsSync(path.join(repo, '.claude'))).toBe(false);
    expect(read(path.join(repo, '.git', 'info', 'exclude'))).toBe(exclude);
    expect(git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  it('an invalid settings file stops only the hooks: the rest is installed and the summary says what was skipped and why', () => {
    const settings = path.join(home.home, '.claude', 'settings.json');
    fs.mkdirSync(path.dirname(settings));
    fs.writeFileSync(settings, '{ "model": "opus", }');
    const result = pcc(['install', '--all'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^skipped hooks: ${escape(settings)} is not valid JSON \\(.+\\); fix it by hand, parallel-cc will not overwrite it\\.$`, 'm'));
    expect(result.stdout).toContain(`create mcp: ${path.join(home.home, '.claude.json')}`);
    expect(result.stdout).toContain(`create alias: ${path.join(home.home, '.bashrc')}`);
    expect(result.stderr).toMatch(/Skipped pieces were left as they were/);
    expect(read(settings)).toBe('{ "model": "opus", }');
    expect(fs.existsSync(path.join(home.pccHome, 'coordinator.db'))).toBe(true);

    const json = jsonOf<{ changes: Array<{ piece: string; action: string; reason?: string }> }>(['install', '--hooks', '--mcp'], env);
    expect(json.changes.map((c) => [c.piece, c.action])).toEqual([
      ['hooks', 'skipped'],
      ['mcp', 'unchanged'],
    ]);
    expect(json.changes[0]?.reason).toMatch(/not valid JSON/);

    const removed = pcc(['uninstall'], { env });
    expect(removed.code).toBe(1);
    expect(removed.stderr).toMatch(/^skipped hooks: .*not valid JSON/m);
    expect(fs.existsSync(path.join(home.home, '.bashrc'))).toBe(false);
    expect(read(settings)).toBe('{ "model": "opus", }');
  });

  it('the alias is refused, and nothing written, when claude-parallel is not on PATH; doctor warns; after installing it, says how to reload', () => {
    const noWrapper = { ...env, PATH: bare };
    const before = doctor(noWrapper);
    expect(before.checks.find((c) => c.name === 'alias')).toEqual({
      name: 'alias',
      status: 'warn',
      detail: `the alias claude=claude-parallel is not in ${path.join(home.home, '.bashrc')}, and claude-parallel is not on PATH for it to run`,
      fix: 'npm install -g @parallel-cc/cli, then parallel-cc install --alias',
    });
    for (const pieces of [['--alias'], ['--all'], ['--alias', '--dry-run']]) {
      const refused = pcc(['install', ...pieces], { env: noWrapper });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^parallel-cc: The alias claude=claude-parallel needs `claude-parallel` on PATH, and it is not there/);
      expect(refused.stderr).toMatch(/npm install -g @parallel-cc\/cli.*npm run install:global.*Nothing was written\.\n$/);
      expect(written()).toEqual([]);
    }

    const missing = doctor(env);
    expect(missing.checks.find((c) => c.name === 'alias')).toMatchObject({
      detail: `the alias claude=claude-parallel is not in ${path.join(home.home, '.bashrc')}`,
      fix: 'parallel-cc install --alias',
    });

    const installed = pcc(['install', '--alias'], { env });
    expect(installed.code).toBe(0);
    expect(installed.stdout).toBe(
      `create alias: ${path.join(home.home, '.bashrc')}\nThe alias works in new terminals; in this one, run: source ${path.join(home.home, '.bashrc')}\n`,
    );
    const healthy = doctor(env);
    expect(healthy.checks.find((c) => c.name === 'alias')).toEqual({
      name: 'alias',
      status: 'ok',
      detail: `claude=claude-parallel in ${path.join(home.home, '.bashrc')} (runs ${path.join(bin, 'claude-parallel')})`,
    });
    const broken = doctor(noWrapper);
    expect(broken.checks.find((c) => c.name === 'alias')).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('but claude-parallel is not on PATH, so `claude` fails with "command not found"'),
    });
  });
});

/** `parallel-cc args --json`, parsed whatever the exit code. */
function jsonOf<T>(args: string[], runEnv: NodeJS.ProcessEnv): T {
  return JSON.parse(pcc([...args, '--json'], { env: runEnv }).stdout) as T;
}

/** `doctor --json`'s alias check. */
function doctor(runEnv: NodeJS.ProcessEnv) {
  return jsonOf<{ checks: Array<{ name: string; status: string; detail: string; fix?: string }> }>(['doctor'], runEnv);
}

function read(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
