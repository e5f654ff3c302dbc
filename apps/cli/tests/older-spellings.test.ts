// The modes that became subcommands keep their older flags for users' scripts: the same exit code
// and stdout as the subcommand, and one line on stderr saying the new spelling, before the rest.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, makeRepo, makeTempHome, removeTempDirs, startLiveProcess } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { pcc, pccJson } from './support';
import type { RunResult } from './support';

let home: TempHome;
let repo: string;
let ours: string;
let theirs: string;
const live: LiveProcess[] = [];

const GREET = "export function greet(name: string): string {\n  return 'hello ' + name;\n}\n";

beforeAll(() => {
  home = makeTempHome();
  repo = makeRepo({ 'src/greet.ts': GREET });
  const register = () => {
    const p = startLiveProcess();
    live.push(p);
    return pccJson<{ worktreePath: string; branch: string }>(['register', '--repo', repo, '--pid', String(p.pid)], { env: home.env });
  };
  register();
  const a = register();
  const b = register();
  // Both sessions add a function at the end of one file: a STRUCTURAL conflict with a checked fix.
  commitFiles(a.worktreePath, { 'src/greet.ts': `${GREET}\nexport function bye(): string {\n  return 'bye';\n}\n` }, 'a');
  commitFiles(b.worktreePath, { 'src/greet.ts': `${GREET}\nexport function wave(): string {\n  return 'o/';\n}\n` }, 'b');
  ours = a.branch;
  theirs = b.branch;
});
afterAll(async () => {
  await Promise.all(live.splice(0).map((p) => p.kill()));
  removeTempDirs();
});

const run = (args: string[], env: NodeJS.ProcessEnv = home.env): RunResult => pcc(args, { env, cwd: repo });
const notice = (older: string, now: string) => `parallel-cc: \`${older}\` is now \`parallel-cc ${now}\`\n`;

/** Runs the subcommand, then the older spelling: the same exit code and stdout; stderr the notice, then the same. */
function expectSameAs(now: string[], older: string[], said: string, env?: NodeJS.ProcessEnv): RunResult {
  const newer = run(now, env);
  expect(run(older, env)).toEqual({ code: newer.code, stdout: newer.stdout, stderr: `${said}${newer.stderr}` });
  return newer;
}

describe('conflicts --suggest, --apply and --history still work and name their subcommand', () => {
  const suggest = notice('conflicts --suggest', 'conflicts suggest');

  test('--suggest for two branches, as JSON and as text: exit 1, the fixes', () => {
    const pair = ['--branch', theirs, '--with', ours, '--repo', repo];
    const json = expectSameAs(['conflicts', 'suggest', ...pair, '--json'], ['conflicts', ...pair, '--suggest', '--json'], suggest);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ clean: false, suggestions: [expect.objectContaining({ strategy: 'union', class: 'STRUCTURAL' })], unresolved: [] });
    const text = expectSameAs(['conflicts', 'suggest', ...pair], ['conflicts', '--suggest', ...pair], suggest);
    expect(text.stdout).toMatch(/\nFixes:\n +[0-9a-f]{12} +src\/greet\.ts +union/);
  });

  test('--suggest for every live session: the matrix, with the fixes of the conflicting pair', () => {
    const json = expectSameAs(['conflicts', 'suggest', '--json'], ['conflicts', '--suggest', '--json'], suggest);
    const preview = JSON.parse(json.stdout) as { checks: Array<{ status: string; suggestions?: unknown[] }> };
    expect(preview.checks.filter((c) => c.status === 'conflicts').map((c) => c.suggestions?.length)).toEqual([1]);
    expect(expectSameAs(['conflicts', 'suggest'], ['conflicts', '--suggest'], suggest).stdout).toContain(`Fixes for ${ours} × ${theirs}:`);
  });

  test('--apply ID, and its failure with --json: the error is still the last line of stderr', () => {
    const { suggestions } = JSON.parse(run(['conflicts', 'suggest', '--branch', theirs, '--with', ours, '--json']).stdout) as { suggestions: Array<{ id: string }> };
    const id = suggestions[0]!.id;
    const applied = pccJson<{ status: string; branch: string; commit: string }>(['conflicts', 'apply', id], { env: home.env });
    expect(applied.status).toBe('prepared');
    const said = notice('conflicts --apply', 'conflicts apply <id>');

    const again = expectSameAs(['conflicts', 'apply', id, '--json'], ['conflicts', '--apply', id, '--json'], said);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'unchanged', branch: applied.branch, commit: applied.commit });
    expect(expectSameAs(['conflicts', 'apply', id], ['conflicts', '--apply', id], said).stdout).toMatch(/^The merge of .* is already prepared: commit [0-9a-f]{12} on /);

    const unknown = expectSameAs(['conflicts', 'apply', '0123456789ab', '--json'], ['conflicts', '--apply', '0123456789ab', '--json'], said);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stderr)).toMatchObject({ error: { code: 'SUGGESTION_NOT_FOUND' } });
  });

  test('--history, with --repo and --limit', () => {
    const said = notice('conflicts --history', 'conflicts history');
    const json = expectSameAs(['conflicts', 'history', '--repo', repo, '--limit', '1', '--json'], ['conflicts', '--history', '--repo', repo, '--limit', '1', '--json'], said);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ total: 1, entries: [expect.objectContaining({ path: 'src/greet.ts', class: 'STRUCTURAL' })] });
    expect(expectSameAs(['conflicts', 'history'], ['conflicts', '--history'], said).stdout).toMatch(/STRUCTURAL +src\/greet\.ts/);
  });

  test('the plain preview says nothing new, and refusals of the older flags stay one line', () => {
    expect(run(['conflicts', '--json']).stderr).toBe('');
    expect(run(['conflicts', '--apply', '0123456789ab', '--history'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'parallel-cc: --apply and --history cannot be used together: each is a task of its own.\n',
    });
  });
});

describe('install --status and install --uninstall still work and name their command', () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    const installHome = makeTempHome();
    env = { ...installHome.env, SHELL: '/bin/bash' };
  });

  test('--status, as JSON and as text: exit 1 while pieces are missing', () => {
    const said = notice('install --status', 'install status');
    const json = expectSameAs(['install', 'status', '--json'], ['install', '--status', '--json'], said, env);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ pieces: expect.arrayContaining([expect.objectContaining({ piece: 'mcp', state: 'missing' })]) });
    expect(expectSameAs(['install', 'status', '--shell', 'zsh'], ['install', '--status', '--shell', 'zsh'], said, env).stdout).toMatch(/^missing +alias +.*\.zshrc/m);
  });

  test('--uninstall, dry and real: the same changes as uninstall', () => {
    const said = notice('install --uninstall', 'uninstall');
    const claudeJson = path.join(env.HOME!, '.claude.json');
    expect(pcc(['install', '--mcp'], { env }).code).toBe(0);
    const dry = expectSameAs(['uninstall', '--dry-run', '--json'], ['install', '--uninstall', '--dry-run', '--json'], said, env);
    expect(JSON.parse(dry.stdout)).toEqual({ dryRun: true, changes: [expect.objectContaining({ piece: 'mcp', file: claudeJson })] });
    expect(fs.existsSync(claudeJson)).toBe(true);

    const older = run(['install', '--uninstall', '--json'], env);
    expect(fs.existsSync(claudeJson)).toBe(false);
    expect(pcc(['install', '--mcp'], { env }).code).toBe(0);
    const newer = run(['uninstall', '--json'], env);
    expect(fs.existsSync(claudeJson)).toBe(false);
    expect(older).toEqual({ code: newer.code, stdout: newer.stdout, stderr: `${said}${newer.stderr}` });
    expect(JSON.parse(older.stdout)).toEqual({ dryRun: false, changes: [expect.objectContaining({ piece: 'mcp', file: claudeJson })] });
  });
});
