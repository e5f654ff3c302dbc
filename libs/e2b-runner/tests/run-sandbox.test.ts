import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sessionStatus } from '@parallel-cc/core-sessions';
import { commitFiles, git, makeRepo, makeTempDir, writeFiles } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { downloadRun, E2BProvider, getRun, killRun, listRuns, LocalProvider, runSandbox, SandboxError } from '../src';
import { DEFAULT_AGENT_COMMAND } from '../src/run/run-plan';
import type { Sandbox, SandboxProvider } from '../src';
import type { RunEvent, RunnerCoordinator, RunSandboxOptions } from '../src';
import { fakeGh, openRunFixture, standInAgent } from './run-support';
import type { AgentPlan } from './run-support';
import { cleanUp, NASTY_PROMPT, waitFor } from './support';

jest.setTimeout(30_000);

let home: TempHome;
let coordinator: RunnerCoordinator;
let provider: LocalProvider;
let repo: string;

beforeEach(async () => {
  ({ home, coordinator, provider, repo } = await openRunFixture());
});

afterEach(async () => {
  await coordinator.close();
  await cleanUp();
});

const EDITS: AgentPlan = { write: { 'README.md': '# app, improved\n', 'src/new.ts': 'export const added = 1;\n' }, remove: ['src/old.ts'] };

function options(plan: AgentPlan, extra: Partial<RunSandboxOptions> = {}): RunSandboxOptions & { outDir: string } {
  const agent = standInAgent(plan);
  return { repo, prompt: 'Improve the readme', provider, env: home.env, command: agent.command, outDir: agent.outDir, ...extra };
}

function status(dir: string): string[] {
  // Not test-utils' git: it trims, and a status line may start with a space.
  return execFileSync('git', ['status', '--porcelain=v1', '--untracked-files=all'], { cwd: dir, encoding: 'utf8' }).split('\n').filter(Boolean).sort();
}

function sandboxesLeft(): string[] {
  return fs.existsSync(provider.rootDir) ? fs.readdirSync(provider.rootDir) : [];
}

it('brings the result back as exactly the agent’s edits, adds and deletes, uncommitted', async () => {
  const events: RunEvent[] = [];
  const summary = await runSandbox(coordinator, { ...options(EDITS), onEvent: (e) => events.push(e) });

  expect(summary).toMatchObject({ status: 'completed', exitCode: 0, branch: null, prUrl: null });
  const worktree = summary.worktreePath ?? '';
  expect(status(worktree)).toEqual([' D src/old.ts', ' M README.md', '?? src/new.ts']);
  expect(fs.readFileSync(path.join(worktree, 'README.md'), 'utf8')).toBe('# app, improved\n');
  expect(git(worktree, 'rev-parse', 'HEAD')).toBe(git(repo, 'rev-parse', 'main'));
  expect(summary.message).toMatch(/kept/);
  expect((await getRun(coordinator, { id: summary.runId }))?.status).toBe('completed');
  expect(events.filter((e) => e.type === 'stage').length).toBeGreaterThanOrEqual(5);
  expect(events).toContainEqual({ type: 'output', stream: 'stdout', text: 'agent: working\n' });
  // The ids come first, so that the run can be followed (logs, download, kill) from the start.
  expect(events[0]).toEqual({ type: 'started', sessionId: summary.sessionId, runId: summary.runId });
  const log = summary.logPath ?? '';
  expect(fs.statSync(log).mode & 0o777).toBe(0o600);
  expect(fs.readFileSync(log, 'utf8')).toContain('agent: working');
  expect(sandboxesLeft()).toEqual([]);
});

it('brings back text that is not UTF-8 byte for byte', async () => {
  // README.md is tracked in the worktree, so the result comes back as a patch through `git apply`.
  const summary = await runSandbox(coordinator, options({ writeLatin1: { 'README.md': '# caf\u00e9 cr\u00e8me\n' } }));
  expect(summary.status).toBe('completed');
  const bytes = fs.readFileSync(path.join(summary.worktreePath ?? '', 'README.md'));
  expect(bytes.equals(Buffer.from('# caf\u00e9 cr\u00e8me\n', 'latin1'))).toBe(true);
});

it('keeps credential files of the worktree out of the sandbox, and out of the result', async () => {
  const run = options(EDITS);
  const summary = await runSandbox(coordinator, run);
  const seen = JSON.parse(fs.readFileSync(path.join(run.outDir, 'seen.json'), 'utf8')) as string[];

  expect(seen).toEqual(expect.arrayContaining(['README.md', 'src/keep.ts', 'src/old.ts', '.gitignore']));
  expect(seen).not.toContain('.env');
  expect(seen).not.toContain('certs/server.pem');
  // The copied .env is ignored by git, so never even considered; the tracked key is excluded with a reason.
  expect(summary.excluded).toEqual([{ path: 'certs/server.pem', reason: expect.stringMatching(/private key/) as string }]);
  expect(fs.existsSync(path.join(summary.worktreePath ?? '', '.env'))).toBe(true);
  // Left out of the sandbox is not deleted: the worktree keeps them untouched.
  const worktree = summary.worktreePath ?? '';
  expect(fs.readFileSync(path.join(worktree, 'certs/server.pem'), 'utf8')).toBe('-----BEGIN PRIVATE KEY-----\n');
  expect(status(worktree)).not.toContain(' D certs/server.pem');
});

it('keeps the history here when a credential was ever committed: the sandbox holds no object of it', async () => {
  const pem = git(repo, 'rev-parse', 'main:certs/server.pem');
  const run = options(EDITS);
  const summary = await runSandbox(coordinator, run);
  const history = JSON.parse(fs.readFileSync(path.join(run.outDir, 'history.json'), 'utf8')) as { subjects: string[]; objects: string[] };

  expect(summary.warnings[0]).toMatch(/^1 file that is never uploaded was committed .*\(certs\/server\.pem\), so its history stays on this machine/);
  expect(history.subjects).toEqual([expect.stringMatching(/^parallel-cc: the files of [0-9a-f]{40} without their history$/)]);
  expect(history.objects).not.toContain(pem);
  expect(history.objects).not.toContain(git(repo, 'rev-parse', 'main'));
  // What came back sits on the real history, the credential untouched.
  const worktree = summary.worktreePath ?? '';
  expect(status(worktree)).toEqual([' D src/old.ts', ' M README.md', '?? src/new.ts']);
  expect(git(worktree, 'rev-parse', 'HEAD:certs/server.pem')).toBe(pem);
});

it('uploads the real history when nothing it leaves out was ever committed', async () => {
  repo = makeRepo({ 'README.md': '# app\n', 'src/old.ts': 'export const old = 1;\n', '.e2bignore': 'notes/\n' });
  commitFiles(repo, { 'src/keep.ts': 'export const keep = 1;\n' }, 'second');
  writeFiles(repo, { 'notes/private.md': 'not committed, not uploaded\n' });
  const run = options(EDITS, { branch: 'feature/y' });
  const summary = await runSandbox(coordinator, run);
  const history = JSON.parse(fs.readFileSync(path.join(run.outDir, 'history.json'), 'utf8')) as { subjects: string[] };

  expect(summary.warnings).toEqual([]);
  expect(history.subjects).toEqual(expect.arrayContaining(['second', 'initial commit']));
  expect(git(repo, 'rev-parse', 'feature/y~1')).toBe(git(repo, 'rev-parse', 'main'));
});

it('hands the agent the prompt byte for byte on stdin', async () => {
  const run = { ...options(EDITS), prompt: NASTY_PROMPT };
  await runSandbox(coordinator, run);
  expect(fs.readFileSync(path.join(run.outDir, 'prompt.bin'), 'utf8')).toBe(NASTY_PROMPT);
});

it('commits the result on an automatic branch, the agent’s own commits kept, history shared', async () => {
  const summary = await runSandbox(coordinator, options({ ...EDITS, commit: 'agent: readme', after: { 'late.txt': 'uncommitted at the end\n' } }, { branch: 'auto' }));

  expect(summary.status).toBe('completed');
  expect(summary.branch).toMatch(/^e2b\/improve-the-readme-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}$/);
  const branch = summary.branch ?? '';
  expect(git(repo, 'merge-base', 'main', branch)).toBe(git(repo, 'rev-parse', 'main'));
  const subjects = git(repo, 'log', '--format=%s|%an', `main..${branch}`).split('\n');
  expect(subjects).toEqual(['E2B: Improve the readme|parallel-cc', 'agent: readme|agent']);
  expect(git(repo, 'show', `${branch}:late.txt`)).toBe('uncommitted at the end');
  expect(git(repo, 'ls-tree', '-r', '--name-only', branch)).toContain('certs/server.pem');
  expect((await getRun(coordinator, { id: summary.runId }))?.branch).toBe(branch);
});

it('commits the result on a named branch', async () => {
  const summary = await runSandbox(coordinator, options(EDITS, { branch: 'feature/x' }));
  expect(summary).toMatchObject({ status: 'completed', branch: 'feature/x' });
  expect(git(repo, 'show', 'feature/x:README.md')).toBe('# app, improved');
  expect(git(repo, 'ls-tree', '-r', '--name-only', 'feature/x').split('\n')).not.toContain('src/old.ts');
  expect(git(repo, 'rev-parse', 'feature/x~1')).toBe(git(repo, 'rev-parse', 'main'));
});

it('refuses a bad branch name before anything is created', async () => {
  await expect(runSandbox(coordinator, options(EDITS, { branch: 'bad name' }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  expect(await listRuns(coordinator)).toEqual([]);
});

it('git-live: pushes the branch to origin and opens a pull request through gh, the token only in its environment', async () => {
  const bare = path.join(makeTempDir('pcc-remote-'), 'origin.git');
  git(path.dirname(bare), 'init', '-q', '--bare', bare);
  git(repo, 'remote', 'add', 'origin', bare);
  const gh = fakeGh();
  const env = { ...home.env, PATH: `${gh.binDir}${path.delimiter}${home.env.PATH ?? ''}`, GITHUB_TOKEN: 'ghp_secret_token_1234' };

  const summary = await runSandbox(coordinator, options(EDITS, { env, gitLive: { targetBranch: 'main' } }));

  expect(summary).toMatchObject({ status: 'completed', prUrl: 'https://github.com/o/r/pull/7' });
  const branch = summary.branch ?? '';
  expect(git(bare, 'rev-parse', `refs/heads/${branch}`)).toBe(git(repo, 'rev-parse', branch));
  const argv = fs.readFileSync(path.join(gh.record, 'argv'), 'utf8').split('\n');
  expect(argv.slice(0, 9)).toEqual(['pr', 'create', '--base', 'main', '--head', branch, '--title', 'E2B: Improve the readme', '--body-file']);
  expect(argv.join('\n')).not.toContain('ghp_secret');
  expect(fs.readFileSync(path.join(gh.record, 'token'), 'utf8')).toBe('ghp_secret_token_1234');
  expect(fs.readFileSync(path.join(gh.record, 'stdin'), 'utf8')).toMatch(/Session: .*\n- Sandbox: local-/);
  expect(fs.readFileSync(summary.logPath ?? '', 'utf8')).not.toContain('ghp_secret');
  expect((await getRun(coordinator, { id: summary.runId }))?.prUrl).toBe('https://github.com/o/r/pull/7');
});

it('warns at 50% and 83% of the limit, then stops the run as timed_out', async () => {
  const events: RunEvent[] = [];
  const summary = await runSandbox(coordinator, { ...options({ ...EDITS, sleepMs: 20_000 }), timeoutMs: 1_500, onEvent: (e) => events.push(e) });

  expect(summary.status).toBe('timed_out');
  // The fixture commits certs/server.pem: the history note comes first, then the two timeout warnings.
  expect(summary.warnings[0]).toMatch(/never uploaded was committed .*certs\/server\.pem/);
  expect(summary.warnings.filter((w) => w.includes('limit'))).toHaveLength(2);
  expect(events.filter((e) => e.type === 'warning' && e.text.includes('limit'))).toHaveLength(2);
  expect(summary.durationMs).toBeLessThan(15_000);
  expect((await getRun(coordinator, { id: summary.runId }))?.status).toBe('timed_out');
  expect(fs.readFileSync(summary.logPath ?? '', 'utf8')).toMatch(/warning: 50%[\s\S]*warning: 83%/);
  expect(sandboxesLeft()).toEqual([]);
});

it('is killed by killRun while the agent runs, and ends as killed', async () => {
  const run = options({ ...EDITS, sleepMs: 20_000 });
  const running = runSandbox(coordinator, run);
  await waitFor(() => fs.existsSync(path.join(run.outDir, 'ready')));
  const [active] = await listRuns(coordinator, { activeOnly: true });

  const kill = await killRun(coordinator, { id: active?.sessionId ?? '', provider: new LocalProvider({ rootDir: provider.rootDir }) });
  const summary = await running;

  expect(kill.killed).toBe(true);
  expect(summary.status).toBe('killed');
  expect((await getRun(coordinator, { id: summary.runId }))?.status).toBe('killed');
  expect(sandboxesLeft()).toEqual([]);
  expect((await killRun(coordinator, { id: active?.sessionId ?? '', provider })).killed).toBe(false);
});

it('downloads the sandbox’s state into the worktree while the run goes on', async () => {
  const run = options({ write: { 'early.txt': 'first\n' }, sleepMs: 1_500, after: { 'late.txt': 'second\n' } });
  const running = runSandbox(coordinator, run);
  await waitFor(() => fs.existsSync(path.join(run.outDir, 'ready')));
  const [active] = await listRuns(coordinator, { activeOnly: true });

  // A run's session says it is a sandbox's, in status as everywhere else.
  const listed = (await sessionStatus(coordinator, { repoRoot: repo })).sessions;
  expect(listed).toEqual([expect.objectContaining({ sessionId: active?.sessionId, origin: 'sandbox', parentSessionId: null, isMainRepo: false })]);

  const download = await downloadRun(coordinator, { id: active?.sessionId ?? '', provider, env: home.env });
  expect(download.files).toEqual(['early.txt']);
  expect(fs.readFileSync(path.join(active?.worktreePath ?? '', 'early.txt'), 'utf8')).toBe('first\n');

  const summary = await running;
  expect(summary.status).toBe('completed');
  expect(status(summary.worktreePath ?? '')).toEqual(['?? early.txt', '?? late.txt']);
});

it('stops without overwriting a file edited in the worktree meanwhile, keeping the result for download', async () => {
  const run = options({ write: { 'README.md': '# from the agent\n' }, sleepMs: 1_000 });
  const running = runSandbox(coordinator, run);
  await waitFor(() => fs.existsSync(path.join(run.outDir, 'ready')));
  const [active] = await listRuns(coordinator, { activeOnly: true });
  fs.writeFileSync(path.join(active?.worktreePath ?? '', 'README.md'), '# mine\n');

  const summary = await running;
  expect(summary.status).toBe('failed');
  expect(summary.message).toMatch(/conflicts .*README\.md/);
  expect(fs.readFileSync(path.join(active?.worktreePath ?? '', 'README.md'), 'utf8')).toBe('# mine\n');
  expect(git(repo, 'show', `refs/parallel-cc/runs/${summary.runId}:README.md`)).toBe('# from the agent');
});

it('a dry run checks and reports, and creates nothing', async () => {
  const run = options(EDITS, { dryRun: true, branch: 'auto' });
  const summary = await runSandbox(coordinator, run);

  expect(summary.status).toBe('dry-run');
  expect(summary.branch).toMatch(/^e2b\/improve-the-readme-/);
  expect(summary.excluded.map((e) => e.path)).toContain('certs/server.pem');
  // Every file, with its size; every file left out, with why: the credential, and what git ignores.
  expect(summary.uploadedFiles).toEqual(
    ['.gitignore', '.worktreeinclude', 'README.md', 'src/keep.ts', 'src/old.ts'].map((file) => ({ path: file, size: fs.statSync(path.join(repo, file)).size })),
  );
  expect(summary.uploaded).toEqual({ files: 5, bytes: summary.uploadedFiles?.reduce((sum, f) => sum + f.size, 0) });
  expect(summary.leftOutFiles).toEqual([
    { path: '.env', reason: expect.stringMatching(/^ignored by git/) },
    { path: 'certs/server.pem', reason: expect.stringContaining('private key') },
  ]);
  expect(await coordinator.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  expect(await listRuns(coordinator)).toEqual([]);
  expect(sandboxesLeft()).toEqual([]);
  expect(fs.existsSync(path.join(run.outDir, 'ready'))).toBe(false);
});

it('checks the credentials before anything is created, when the agent is claude or the sandbox is E2B', async () => {
  const env = { ...home.env };
  delete env.ANTHROPIC_API_KEY;
  const claude = { command: ['/usr/local/bin/claude', '-p'], env };
  await expect(runSandbox(coordinator, options(EDITS, claude))).rejects.toMatchObject({ code: 'AUTH_MISSING' });
  await expect(runSandbox(coordinator, options(EDITS, { ...claude, dryRun: true }))).rejects.toMatchObject({ code: 'AUTH_MISSING' });
  await expect(runSandbox(coordinator, options(EDITS, { env, provider: new E2BProvider({ apiKey: 'e2b-test', sdk: () => Promise.reject(new Error('the SDK is not needed')) }) }))).rejects.toMatchObject({
    code: 'AUTH_MISSING',
    message: expect.stringContaining('ANTHROPIC_API_KEY is not set'),
  });
  expect(await coordinator.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
});

it('runs a local agent that is not claude without Anthropic credentials', async () => {
  const env = { ...home.env };
  delete env.ANTHROPIC_API_KEY;
  const summary = await runSandbox(coordinator, options(EDITS, { env }));
  expect(summary).toMatchObject({ status: 'completed', exitCode: 0 });
  expect(status(summary.worktreePath ?? '')).toEqual([' D src/old.ts', ' M README.md', '?? src/new.ts']);
});

/** A local provider whose sandboxes fail `failures` times on `method` (the network, as it were). */
function flaky(method: 'writeFile' | 'readFile', failures: number): SandboxProvider {
  let left = failures;
  return {
    name: 'local',
    connect: (id) => provider.connect(id),
    async create(opts) {
      const sandbox: Sandbox = await provider.create(opts);
      const real = sandbox[method].bind(sandbox) as (...args: unknown[]) => Promise<never>;
      Object.assign(sandbox, {
        [method]: (...args: unknown[]) => (left-- > 0 ? Promise.reject(new SandboxError('NETWORK', 'Could not reach the sandbox.')) : real(...args)),
      });
      return sandbox;
    },
  };
}

it('retries a failed upload, and the run goes on', async () => {
  const summary = await runSandbox(coordinator, options(EDITS, { provider: flaky('writeFile', 2) }));
  expect(summary.status).toBe('completed');
  expect(summary.warnings.filter((w) => /Upload failed .*trying again/.test(w))).toHaveLength(2);
});

it('keeps the sandbox when the result cannot be brought back, for a later download', async () => {
  const summary = await runSandbox(coordinator, options(EDITS, { provider: flaky('readFile', 10) }));

  expect(summary.status).toBe('failed');
  expect(summary.message).toMatch(/sandbox download --session-id/);
  expect(sandboxesLeft()).toHaveLength(1);
  expect((await getRun(coordinator, { id: summary.runId }))?.status).toBe('failed');

  const download = await downloadRun(coordinator, { id: summary.sessionId ?? '', provider, env: home.env });
  const worktree = (await getRun(coordinator, { id: summary.runId }))?.worktreePath ?? '';
  expect(download.files.sort()).toEqual(['README.md', 'src/new.ts', 'src/old.ts']);
  expect(status(worktree)).toEqual([' D src/old.ts', ' M README.md', '?? src/new.ts']);
  await (await provider.connect(sandboxesLeft()[0] ?? '')).kill();
});

it('checks the E2B key before anything is created, and runs claude with the permission flag only on E2B', async () => {
  const e2b = new E2BProvider({ env: {}, sdk: () => Promise.reject(new Error('the SDK must not be loaded')) });
  await expect(runSandbox(coordinator, { repo, prompt: 'x', provider: e2b, env: home.env })).rejects.toMatchObject({ code: 'AUTH_MISSING', message: expect.stringMatching(/E2B_API_KEY/) as string });
  expect(await coordinator.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  expect(DEFAULT_AGENT_COMMAND.e2b).toEqual(['claude', '-p', '--dangerously-skip-permissions']);
  expect(DEFAULT_AGENT_COMMAND.local).toEqual(['claude', '-p']);
});
