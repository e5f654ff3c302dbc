import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, makeTempDir, makeTempHome, removeTempDirs, startTrackedProcess, stopTrackedProcesses } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { BIN, pcc, pccJson, startBin, waitFor } from './support';

let home: TempHome;
beforeEach(() => {
  home = makeTempHome();
});
afterAll(() => removeTempDirs());

/** A stand-in agent: writes its stdin (the prompt) to PROMPT.txt, edits README.md, adds a file, deletes one. */
function standInAgent(): string {
  const script = path.join(makeTempDir('pcc-agent-'), 'agent.js');
  fs.writeFileSync(
    script,
    [
      "const fs = require('fs');",
      "const prompt = fs.readFileSync(0, 'utf8');",
      "fs.writeFileSync('PROMPT.txt', prompt);",
      "fs.writeFileSync('SEEN.txt', fs.readdirSync('.').sort().join('\\n'));",
      "fs.appendFileSync('README.md', 'edited by the agent\\n');",
      "fs.writeFileSync('added.txt', 'new\\n');",
      "fs.rmSync('old.txt');",
      "console.log('agent done');",
    ].join('\n'),
  );
  return script;
}

describe('parallel-cc sandbox, on the local provider', () => {
  it('runs an agent, brings its work back as uncommitted changes, and lists, logs and prunes the run', () => {
    // A committed .env (it happens): the worktree has it, the sandbox must not.
    const repo = makeRepo({ 'README.md': '# r\n', 'old.txt': 'old\n', '.env': 'SECRET=1\n' });
    const prompt = 'Say "hi" & echo $HOME `whoami`\nsecond line\n';
    const env = { ...home.env, ANTHROPIC_API_KEY: 'sk-ant-test' };
    const summary = pccJson<{ status: string; sessionId: string; worktreePath: string; excluded: Array<{ path: string }> }>(
      ['sandbox', 'run', '--repo', repo, '--provider', 'local', '--agent', `${process.execPath} ${standInAgent()}`, '--prompt', prompt, '--timeout', '10'],
      { env },
    );
    expect(summary.status).toBe('completed');
    expect(summary.excluded.map((x) => x.path)).toContain('.env');
    const worktree = summary.worktreePath;
    expect(fs.readFileSync(path.join(worktree, 'PROMPT.txt'), 'utf8')).toBe(prompt);
    expect(fs.readFileSync(path.join(worktree, 'SEEN.txt'), 'utf8')).not.toContain('.env');
    const status = git(worktree, 'status', '--porcelain').split('\n').map((line) => line.trim());
    expect(status.sort()).toEqual(['?? PROMPT.txt', '?? SEEN.txt', '?? added.txt', 'D old.txt', 'M README.md'].sort());
    expect(fs.readFileSync(path.join(worktree, '.env'), 'utf8')).toBe('SECRET=1\n');

    const runs = pccJson<{ runs: Array<{ sessionId: string; status: string }> }>(['status', '--sandbox-only'], { env });
    expect(runs.runs).toEqual([expect.objectContaining({ sessionId: summary.sessionId, status: 'completed' })]);
    expect(pcc(['sandbox', 'logs', '--session-id', summary.sessionId], { env }).stdout).toContain('agent done');

    // Recent runs stay; --older-than 0 takes every ended run (its applied result lives in the worktree).
    expect(pcc(['sandbox', 'prune'], { env })).toMatchObject({ code: 0, stdout: 'No sandbox run ended 30 days or more ago.\n' });
    for (const bad of ['--older-than=-1', '--older-than=a week']) {
      expect(pcc(['sandbox', 'prune', bad], { env })).toMatchObject({ code: 2, stderr: expect.stringMatching(/--older-than ".+" is not valid: use a whole number from 0 up/) });
    }
    const dry = pccJson<{ pruned: Array<{ sessionId: string }>; kept: unknown[] }>(['sandbox', 'prune', '--older-than', '0', '--dry-run', '--repo', repo], { env });
    expect(dry).toMatchObject({ pruned: [{ sessionId: summary.sessionId }], kept: [], dryRun: true });
    expect(pcc(['sandbox', 'prune', '--older-than', '0'], { env })).toMatchObject({ code: 0, stdout: expect.stringContaining(`removed ${summary.sessionId}  completed`) });
    expect(pccJson<{ runs: unknown[] }>(['status', '--sandbox-only'], { env }).runs).toEqual([]);
    expect(git(repo, 'for-each-ref', 'refs/parallel-cc/')).toBe('');
    expect(fs.readFileSync(path.join(worktree, 'PROMPT.txt'), 'utf8')).toBe(prompt);
  });

  it('follows a long run from other processes by the ids it prints first: logs, download while it runs, kill', async () => {
    const repo = makeRepo({ 'README.md': '# r\n' });
    const script = path.join(makeTempDir('pcc-agent-'), 'slow-agent.js');
    fs.writeFileSync(script, "require('fs').writeFileSync('first.txt', 'early work\\n'); console.log('started'); setTimeout(() => {}, 60000);\n");
    const env = { ...home.env, ANTHROPIC_API_KEY: 'sk-ant-test' };
    const run = startBin(BIN.pcc, ['sandbox', 'run', '--repo', repo, '--provider', 'local', '--agent', `${process.execPath} ${script}`, '--prompt', 'work slowly', '--json'], { env });
    const listRuns = () => pccJson<{ runs: Array<{ id: string; sessionId: string; status: string; worktreePath: string }> }>(['status', '--sandbox-only'], { env }).runs;
    // The first line on stderr names the run, before anything else.
    const [, session, runId] = await waitFor(
      () => {
        if (run.child.exitCode !== null) throw new Error(`the run ended early (exit ${run.child.exitCode}): ${JSON.stringify(run.output())}`);
        const first = run.output().stderr.split('\n');
        return first.length > 1 && /^session ([0-9a-f]{8}) \(run ([0-9a-f]{8})\): follow it with `parallel-cc sandbox logs --session-id \1 --follow`$/.exec(first[0] ?? '');
      },
      30_000,
      () => `the ids on stderr (output: ${JSON.stringify(run.output())})`,
    );
    let seen: unknown = [];
    const going = await waitFor(
      () => {
        const runs = listRuns();
        seen = runs;
        return runs.find((r) => r.status === 'running');
      },
      30_000,
      () => `a running run (last seen: ${JSON.stringify(seen)}; run output: ${JSON.stringify(run.output())})`,
    );
    expect([going.sessionId.slice(0, 8), going.id.slice(0, 8)]).toEqual([session, runId]);
    // Either id, whole or as printed, under either flag.
    await waitFor(() => pcc(['sandbox', 'logs', '--session-id', `${session}`], { env }).stdout.includes('started'), 10_000, 'the agent output in the log');
    expect(pcc(['sandbox', 'logs', '--run-id', `${runId}`], { env }).stdout).toContain('started');
    expect(pcc(['sandbox', 'logs', '--session-id', going.id], { env }).stdout).toContain('started');

    const download = pcc(['sandbox', 'download', '--run-id', `${runId}`], { env });
    expect(download.code).toBe(0);
    expect(fs.readFileSync(path.join(going.worktreePath, 'first.txt'), 'utf8')).toBe('early work\n');

    expect(pcc(['sandbox', 'kill', '--session-id', `${runId}`], { env }).code).toBe(0);
    const ended = await run.exited;
    expect(ended.code).toBe(1);
    expect(JSON.parse(run.output().stdout)).toMatchObject({ status: 'killed', sessionId: going.sessionId, runId: going.id });
    expect(listRuns()).toEqual([expect.objectContaining({ status: 'killed' })]);
    expect(pcc(['sandbox', 'kill', '--session-id', going.sessionId], { env })).toMatchObject({ code: 1, stdout: expect.stringContaining('has already ended') });
  });

  it('names a run by exactly one id, and says which ids are not runs', () => {
    const env = { ...home.env };
    expect(pcc(['sandbox', 'logs'], { env })).toMatchObject({ code: 2, stderr: expect.stringContaining('Name the run with --session-id <id> or --run-id <id> (one of them)') });
    expect(pcc(['sandbox', 'kill', '--session-id', '1a2b3c4d', '--run-id', '1a2b3c4d'], { env })).toMatchObject({ code: 2, stderr: expect.stringContaining('(one of them)') });
    expect(pcc(['sandbox', 'download', '--run-id', '1a2b3c4d'], { env })).toMatchObject({
      code: 1,
      stderr: 'parallel-cc: No sandbox run has the session or run id 1a2b3c4d: see `parallel-cc status --sandbox-only`.\n',
    });
    expect(pcc(['sandbox', 'logs', '--session-id', 'run-1'], { env })).toMatchObject({ code: 2, stderr: expect.stringContaining('"run-1" is not a session or run id') });
  });

  it('runs a local agent that is not claude without Anthropic credentials; a claude agent still needs them', () => {
    const repo = makeRepo({ 'README.md': '# r\n', 'old.txt': 'old\n' });
    const env = { ...home.env };
    delete env.ANTHROPIC_API_KEY;
    const summary = pccJson<{ status: string; sessionId: string; runId: string }>(
      ['sandbox', 'run', '--repo', repo, '--provider', 'local', '--agent', `${process.execPath} ${standInAgent()}`, '--prompt', 'edit', '--timeout', '10'],
      { env },
    );
    expect(summary).toMatchObject({ status: 'completed', sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/), runId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const claude = pcc(['sandbox', 'run', '--repo', repo, '--provider', 'local', '--agent', '/opt/tools/claude -p', '--prompt', 'x'], { env });
    expect(claude).toMatchObject({ code: 1, stderr: expect.stringContaining('ANTHROPIC_API_KEY is not set') });
  });

  it('shows every file a dry run would upload, with its size, and every file it leaves out, with why; creates nothing', () => {
    const repo = makeRepo({ 'README.md': '# r\n', 'id_rsa': 'key\n', 'src/big.txt': 'x'.repeat(12_345), '.gitignore': 'node_modules/\n', '.e2bignore': 'fixtures/\n', 'fixtures/a.json': '{}\n' });
    fs.mkdirSync(path.join(repo, 'node_modules', 'dep'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'node_modules', 'dep', 'index.js'), '\n');
    const env = { ...home.env, ANTHROPIC_API_KEY: 'sk-ant-test' };
    const result = pcc(['sandbox-run', '--repo', repo, '--provider', 'local', '--prompt', 'x', '--branch', 'auto', '--dry-run'], { env });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const at = lines.findIndex((line) => line.startsWith('would upload'));
    expect(lines.slice(at, at + 11)).toEqual([
      'would upload 4 files, 12.4 kB in all:',
      '     10 B  .e2bignore',
      '     14 B  .gitignore',
      '      4 B  README.md',
      '  12.3 kB  src/big.txt',
      'would leave out 3 files:',
      '  fixtures/a.json: matched .e2bignore rule "fixtures/"',
      '  id_rsa: SSH key (id_rsa)',
      expect.stringMatching(/^ {2}node_modules\/: ignored by git/),
      expect.stringMatching(/^branch: e2b\/x-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}/),
      '',
    ]);
    const json = pccJson<{ uploadedFiles: unknown[]; leftOutFiles: unknown[] }>(['sandbox', 'run', '--repo', repo, '--provider', 'local', '--prompt', 'x', '--dry-run'], { env });
    expect(json.uploadedFiles).toEqual([
      { path: '.e2bignore', size: 10 },
      { path: '.gitignore', size: 14 },
      { path: 'README.md', size: 4 },
      { path: 'src/big.txt', size: 12_345 },
    ]);
    expect(json.leftOutFiles).toEqual([
      { path: 'fixtures/a.json', reason: 'matched .e2bignore rule "fixtures/"' },
      { path: 'id_rsa', reason: expect.stringContaining('SSH') },
      { path: 'node_modules/', reason: expect.stringMatching(/^ignored by git/) },
    ]);
    expect(pccJson<{ runs: unknown[] }>(['status', '--sandbox-only'], { env }).runs).toEqual([]);
  });

  it('falls back from --git-live beside another live session without a terminal, but still refuses a bad --target-branch', async () => {
    const repo = makeRepo({ 'README.md': '# r\n' });
    const env = { ...home.env, ANTHROPIC_API_KEY: 'sk-ant-test' };
    const other = startTrackedProcess();
    expect(pcc(['register', '--repo', repo, '--pid', String(other.pid)], { env }).code).toBe(0);
    const run = (...args: string[]) => pcc(['sandbox', 'run', '--repo', repo, '--provider', 'local', '--prompt', 'x', '--git-live', '--dry-run', ...args], { env });
    const fallBack = run('--target-branch', 'develop');
    expect(fallBack.code).toBe(0);
    expect(fallBack.stderr).toContain('1 other session works on this repository');
    expect(fallBack.stderr).toContain('--git-live falls back to bringing the result back');
    const bad = run('--target-branch', 'a..b');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"a\.\.b" is not a valid pull request base \(target branch\)/);
    expect(bad.stderr).not.toContain('falls back');
    await stopTrackedProcesses();
  });

  it('refuses bad options with exit code 2 and missing credentials with 1, before anything is created', () => {
    const repo = makeRepo();
    const run = (...args: string[]) => pcc(['sandbox', 'run', '--repo', repo, '--provider', 'local', ...args], { env: home.env });
    expect(run('--prompt', 'x', '--timeout', '5')).toMatchObject({ code: 2, stderr: expect.stringMatching(/from 10 to 60/) });
    expect(run()).toMatchObject({ code: 2, stderr: expect.stringMatching(/--prompt/) });
    expect(run('--prompt', 'x', '--prompt-file', 'PLAN.md')).toMatchObject({ code: 2 });
    expect(run('--prompt', 'x', '--auth-method', 'magic')).toMatchObject({ code: 2, stderr: expect.stringMatching(/api-key or oauth/) });
    expect(run('--prompt', 'x', '--provider', 'mars')).toMatchObject({ code: 2, stderr: expect.stringMatching(/e2b .* or local/) });
    expect(run('--prompt', 'x')).toMatchObject({ code: 1, stderr: expect.stringMatching(/ANTHROPIC_API_KEY is not set/) });
    expect(pccJson<{ runs: unknown[] }>(['status', '--sandbox-only'], { env: home.env }).runs).toEqual([]);
  });
});
