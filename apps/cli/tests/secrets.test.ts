// Secrets never leak: two sandbox runs (api-key, then oauth) with --branch and --git-live against a
// local bare remote, marker values in every secret, and recording shims first on PATH for git, gh,
// tar, sh and claude. Afterwards every byte written is searched for the markers: the registry and
// logs, the worktrees, the repositories' objects, the temp area, stdout/stderr/--json, and the argv
// of every child process. The agent gets ANTHROPIC_API_KEY in its environment, and only there.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, makeTempDir, makeTempHome, removeTempDirs } from '@parallel-cc/test-utils';
import { BIN } from './support';

const MARKERS = {
  ANTHROPIC_API_KEY: 'sk-ant-api03-MARKERanthropic7f3a',
  GITHUB_TOKEN: 'ghp_MARKERgithub91c2',
  GH_TOKEN: 'gho_MARKERgh44d1',
  E2B_API_KEY: 'e2b_MARKERe2b5b6e',
  OAUTH_ACCESS: 'sk-ant-oat01-MARKERoauth2d9e',
  OAUTH_REFRESH: 'sk-ant-ort01-MARKERrefresh8a1f',
};
const ALL = Object.values(MARKERS);

afterAll(() => removeTempDirs());

/** Which markers `text` holds. */
function leaks(text: string | Buffer): string[] {
  const s = Buffer.isBuffer(text) ? text.toString('latin1') : text;
  return ALL.filter((m) => s.includes(m));
}

/** Every file under `dir` (links not followed), with the markers it holds. */
function leaksUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    for (const marker of leaks(fs.readFileSync(file))) found.push(`${file}: ${marker}`);
  }
  return found;
}

/** Every object of a repository, uncompressed (packs and loose objects are zlib-compressed on disk). */
function objectLeaks(gitDir: string): string[] {
  const all = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch-all-objects', '--batch'], { maxBuffer: 256 * 1024 * 1024 });
  return leaks(all).map((m) => `${gitDir} objects: ${m}`);
}

function which(program: string): string {
  return execFileSync('sh', ['-c', 'command -v "$0"', program], { encoding: 'utf8' }).trim();
}

it('keeps every secret out of argv, files, objects, logs and output', () => {
  const home = makeTempHome();
  const repo = makeRepo({ 'README.md': '# app\n', 'src/a.ts': 'export const a = 1;\n' });
  const bare = path.join(makeTempDir('pcc-remote-'), 'origin.git');
  git(path.dirname(bare), 'init', '-q', '--bare', bare);
  git(repo, 'remote', 'add', 'origin', bare);
  const tmp = makeTempDir('pcc-tmp-');
  const record = makeTempDir('pcc-record-');
  const argvLog = path.join(record, 'argv.log');

  // The stand-in agent, run as `claude -p`: reads the prompt, edits, runs git and sh (through the
  // shims), and reports which secrets its environment holds, as yes/no, never the values.
  const agent = path.join(record, 'agent.js');
  fs.writeFileSync(
    agent,
    [
      "const fs = require('fs');",
      "const { execFileSync } = require('child_process');",
      "fs.readFileSync(0, 'utf8');",
      "fs.appendFileSync('README.md', 'agent was here\\n');",
      "execFileSync('git', ['status', '--short']);",
      "execFileSync('sh', ['-c', 'true']);",
      `const markers = ${JSON.stringify(MARKERS)};`,
      'const env = JSON.stringify(process.env);',
      `fs.appendFileSync(${JSON.stringify(path.join(record, 'agent-env.jsonl'))}, JSON.stringify(Object.fromEntries(Object.entries(markers).map(([k, v]) => [k, env.includes(v)]))) + '\\n');`,
      "console.log('agent done');",
    ].join('\n'),
  );
  // A gh stand-in: notes whether a token reached it (yes/no) and prints a pull request URL.
  const fakeGh = path.join(record, 'fake-gh');
  fs.writeFileSync(fakeGh, `#!/bin/sh\ncat > /dev/null\n[ -n "$GITHUB_TOKEN$GH_TOKEN" ] && echo yes >> '${record}/gh-token' || echo no >> '${record}/gh-token'\necho 'https://github.com/o/r/pull/7'\n`, { mode: 0o755 });

  const shims = makeTempDir('pcc-shims-');
  const real: Record<string, string> = { git: which('git'), tar: which('tar'), sh: which('sh'), gh: fakeGh, claude: `${process.execPath}' '${agent}` };
  for (const [name, target] of Object.entries(real)) {
    fs.writeFileSync(path.join(shims, name), `#!/bin/sh\nprintf '%s ' '${name}' "$@" >> '${argvLog}'\necho >> '${argvLog}'\nexec '${target}' "$@"\n`, { mode: 0o755 });
  }

  const env: NodeJS.ProcessEnv = {
    ...home.env,
    PATH: `${shims}${path.delimiter}${home.env.PATH ?? ''}`,
    TMPDIR: tmp,
    ANTHROPIC_API_KEY: MARKERS.ANTHROPIC_API_KEY,
    GITHUB_TOKEN: MARKERS.GITHUB_TOKEN,
    GH_TOKEN: MARKERS.GH_TOKEN,
    E2B_API_KEY: MARKERS.E2B_API_KEY,
  };
  const outputs: string[] = [];
  const runPcc = (args: string[], runEnv: NodeJS.ProcessEnv) => {
    const result = spawnSync(process.execPath, [BIN.pcc, ...args], { env: runEnv, cwd: repo, encoding: 'utf8', timeout: 120_000 });
    outputs.push(result.stdout, result.stderr);
    return result;
  };

  // 1. api-key, a named branch, pushed, a pull request opened.
  const first = runPcc(['sandbox', 'run', '--provider', 'local', '--repo', repo, '--prompt', 'Improve the readme', '--branch', 'feature/one', '--git-live', '--yes', '--json'], env);
  expect(first.status).toBe(0);
  const one = JSON.parse(first.stdout) as { status: string; branch: string; prUrl: string; worktreePath: string | null; sessionId: string };
  expect(one).toMatchObject({ status: 'completed', branch: 'feature/one', prUrl: 'https://github.com/o/r/pull/7' });
  expect(git(bare, 'rev-parse', 'refs/heads/feature/one')).toBe(git(repo, 'rev-parse', 'feature/one'));

  // 2. oauth: the credentials file holds the markers; no API key; a push that fails (an error path).
  fs.mkdirSync(path.join(home.home, '.claude'), { recursive: true });
  fs.writeFileSync(path.join(home.home, '.claude', '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: MARKERS.OAUTH_ACCESS, refreshToken: MARKERS.OAUTH_REFRESH } }), { mode: 0o600 });
  git(repo, 'remote', 'set-url', 'origin', path.join(tmp, 'no-such-remote.git'));
  const oauthEnv = { ...env };
  delete oauthEnv.ANTHROPIC_API_KEY;
  const second = runPcc(['sandbox', 'run', '--provider', 'local', '--repo', repo, '--prompt', 'Improve again', '--auth-method', 'oauth', '--branch', 'feature/two', '--git-live', '--yes', '--json'], oauthEnv);
  const two = JSON.parse(second.stdout) as { status: string; message: string; sessionId: string };
  expect(two.status).toBe('completed');
  expect(two.message).toMatch(/push/i);
  // 3. A run that fails outright: its error message is searched too.
  outputs.push(runPcc(['sandbox', 'run', '--provider', 'local', '--repo', repo, '--prompt', 'x', '--auth-method', 'oauth', '--branch', '-x'], oauthEnv).stderr);
  for (const run of [one, two]) outputs.push(runPcc(['sandbox', 'logs', '--session-id', run.sessionId], env).stdout);
  outputs.push(runPcc(['status', '--sandbox-only', '--json'], env).stdout);

  // The agent ran through the claude shim, and got the API key in its environment, nothing else secret.
  const agentEnvs = fs.readFileSync(path.join(record, 'agent-env.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, boolean>);
  expect(agentEnvs).toHaveLength(2);
  expect(agentEnvs[0]).toMatchObject({ ANTHROPIC_API_KEY: true, GITHUB_TOKEN: false, GH_TOKEN: false, E2B_API_KEY: false });
  expect(agentEnvs[1]).toMatchObject({ ANTHROPIC_API_KEY: false, GITHUB_TOKEN: false, GH_TOKEN: false, E2B_API_KEY: false });
  // gh got the token, from its environment.
  expect(fs.readFileSync(path.join(record, 'gh-token'), 'utf8')).toBe('yes\n');

  const argv = fs.readFileSync(argvLog, 'utf8');
  for (const program of ['git', 'gh', 'tar', 'sh', 'claude']) expect(argv).toMatch(new RegExp(`^${program} `, 'm'));
  const found = [
    ...leaks(argv).map((m) => `argv of a child process: ${m}`),
    ...outputs.flatMap((o) => leaks(o).map((m) => `output: ${m}`)),
    ...leaksUnder(home.pccHome),
    ...leaksUnder(`${repo}-worktrees`),
    ...leaksUnder(repo),
    ...leaksUnder(bare),
    ...leaksUnder(tmp),
    ...objectLeaks(path.join(repo, '.git')),
    ...objectLeaks(bare),
  ];
  expect(found).toEqual([]);
  // Left only where it was put: the credentials file itself.
  expect(leaksUnder(home.home).map((f) => f.split(':')[0])).toEqual(Array(2).fill(path.join(home.home, '.claude', '.credentials.json')));
}, 180_000);
