import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeRepo, makeTempDir, removeTempDirs, writeFakeGtr } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { heartbeat, openCoordinator, processStartTime, registerSession, releaseSession, runAgentSession } from '../src';
import type { AgentRunResult, Coordinator, Registration } from '../src';
import { branchOf, cleanHome, hasBranch, listedWorktrees, liveProcess, requireRow, sessionErrorOf, sessionRow, sessionRows, stopLiveProcesses, waitFor } from './support';

// One database and one repository whose main checkout another session holds, so that agents get
// worktrees; every test leaves no rows of its own behind.
let home: TempHome;
let coordinator: Coordinator;
let repo: string;
let holder: Registration;
let scratch: string;

beforeAll(async () => {
  home = cleanHome();
  coordinator = await openCoordinator({ env: home.env });
  repo = makeRepo({ 'README.md': '#\n', 'packages/web/index.js': '1\n' });
  holder = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
});

beforeEach(() => {
  scratch = makeTempDir('pcc-agent-');
});

afterAll(async () => {
  await coordinator.close();
  await stopLiveProcesses();
  removeTempDirs();
});

/** Agent code that writes its PID to `file` whole (aside, then renamed): the test polls for the file while the agent runs. */
const writePidTo = (file: string) =>
  `require('fs').writeFileSync(${JSON.stringify(`${file}.tmp`)}, String(process.pid)); require('fs').renameSync(${JSON.stringify(`${file}.tmp`)}, ${JSON.stringify(file)});`;

/** Runs a stand-in agent: `node -e <code>`, with OUT naming a file outside every checkout. */
function runNode(repo: string, code: string, options: { env?: NodeJS.ProcessEnv; onRegistered?: (r: Registration) => void } = {}): Promise<AgentRunResult> {
  const out = path.join(scratch, 'agent.json');
  return runAgentSession(coordinator, {
    repo,
    command: process.execPath,
    args: ['-e', code, out],
    env: { ...(options.env ?? home.env) },
    onRegistered: options.onRegistered,
  });
}

const REPORT = `require('fs').writeFileSync(process.argv[1], JSON.stringify({ cwd: process.cwd(), session: process.env.PARALLEL_CC_SESSION_ID, mark: process.env.PCC_MARK }));`;

function report(): { cwd: string; session: string; mark?: string } {
  return JSON.parse(fs.readFileSync(path.join(scratch, 'agent.json'), 'utf8')) as { cwd: string; session: string; mark?: string };
}

describe('runAgentSession', () => {
  it('runs the agent in its worktree\u2019s matching subfolder with PARALLEL_CC_SESSION_ID set, then releases and passes the exit code on', async () => {
    const seen: Array<{ registration: Registration; worktreeExisted: boolean; agentRan: boolean }> = [];

    const result = await runNode(path.join(repo, 'packages', 'web'), `${REPORT} process.exit(7);`, {
      env: { ...home.env, PCC_MARK: 'passed through' },
      onRegistered: (registration) =>
        seen.push({
          registration,
          worktreeExisted: fs.existsSync(registration.worktreePath),
          agentRan: fs.existsSync(path.join(scratch, 'agent.json')),
        }),
    });

    const { registration } = result;
    expect(seen).toEqual([{ registration, worktreeExisted: true, agentRan: false }]);
    expect(registration).toMatchObject({ isMainRepo: false, repoPath: repo, parallelSessions: 2 });
    expect(registration.workingDirectory).toBe(path.join(registration.worktreePath, 'packages', 'web'));
    expect(report()).toEqual({ cwd: registration.workingDirectory, session: registration.sessionId, mark: 'passed through' });
    expect(result.exitCode).toBe(7);
    expect(result.signal).toBeNull();
    expect(result.release).toEqual([expect.objectContaining({ sessionId: registration.sessionId, status: 'done', worktree: 'removed', branchOutcome: 'deleted' })]);
    expect(fs.existsSync(registration.worktreePath)).toBe(false);
    expect(hasBranch(repo, registration.branch)).toBe(false);
    expect(sessionRows(coordinator).map((r) => r.id)).toEqual([holder.sessionId]);
  });

  it('runs in the main checkout when it is free, and hands it back with exit code 0', async () => {
    const free = makeRepo();
    const result = await runNode(free, REPORT);
    expect(result.registration.isMainRepo).toBe(true);
    expect(report()).toEqual({ cwd: free, session: result.registration.sessionId });
    expect(result.exitCode).toBe(0);
    expect(result.release).toEqual([expect.objectContaining({ status: 'done', worktree: 'main' })]);
    expect(sessionRow(coordinator, result.registration.sessionId)).toBeUndefined();
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGKILL', 137],
  ])('gives 128 + n when %s ends the agent, and still releases', async (signal, code) => {
    const result = await runNode(repo, `process.kill(process.pid, '${signal}'); setTimeout(() => {}, 10000);`);
    expect(result.signal).toBe(signal);
    expect(result.exitCode).toBe(code);
    expect(result.release).toEqual([expect.objectContaining({ status: 'done', worktree: 'removed' })]);
    expect(fs.existsSync(result.registration.worktreePath)).toBe(false);
  });

  it('keeps the worktree when the agent left work in it', async () => {
    const result = await runNode(repo, `require('fs').writeFileSync('result.txt', 'important\\n'); process.exit(1);`);
    expect(result.exitCode).toBe(1);
    expect(result.release).toEqual([expect.objectContaining({ status: 'kept', reasons: ['worktree has 1 untracked file'] })]);
    expect(fs.readFileSync(path.join(result.registration.worktreePath, 'result.txt'), 'utf8')).toBe('important\n');
    expect(sessionRow(coordinator, result.registration.sessionId)).toMatchObject({ status: 'kept', kept_reason: 'worktree has 1 untracked file' });
    await releaseSession(coordinator, { sessionId: result.registration.sessionId }, { force: true, env: home.env });
  });

  it('records the agent\u2019s PID while it runs', async () => {
    const pidFile = path.join(scratch, 'agent.pid');
    const goFile = path.join(scratch, 'go');
    const code = `const fs = require('fs'); ${writePidTo(pidFile)}
      const t = setInterval(() => { if (fs.existsSync(${JSON.stringify(goFile)})) { clearInterval(t); process.exit(0); } }, 20);`;
    let registered: (r: Registration) => void = () => undefined;
    const registration = new Promise<Registration>((resolve) => (registered = resolve));
    const running = runNode(repo, code, { onRegistered: (r) => registered(r) });
    try {
      const { sessionId } = await registration;
      await waitFor(() => fs.existsSync(pidFile), 'the agent to start');
      const agentPid = Number(fs.readFileSync(pidFile, 'utf8'));
      expect(agentPid).not.toBe(process.pid);
      await waitFor(() => sessionRow(coordinator, sessionId)?.agent_pid === agentPid, 'agent_pid to be recorded');
      const row = requireRow(coordinator, sessionId);
      expect(row).toMatchObject({ pid: process.pid, agent_pid: agentPid, agent_started: processStartTime(agentPid), status: 'active' });
      expect(await heartbeat(coordinator, { pid: agentPid })).toEqual([sessionId]);
    } finally {
      fs.writeFileSync(goFile, '');
    }
    const result = await running;
    expect(result.exitCode).toBe(0);
    expect(sessionRow(coordinator, result.registration.sessionId)).toBeUndefined();
  });

  it('passes a SIGHUP the wrapper gets on to the agent', async () => {
    const pidFile = path.join(scratch, 'agent.pid');
    const code = `${writePidTo(pidFile)} setTimeout(() => process.exit(0), 20000);`;
    const running = runNode(repo, code);
    await waitFor(() => fs.existsSync(pidFile), 'the agent to start');
    // What the wrapper's signal handler sees (no real signal reaches the test runner).
    process.emit('SIGHUP', 'SIGHUP');
    const result = await running;
    expect(result.signal).toBe('SIGHUP');
    expect(result.exitCode).toBe(129);
    expect(result.release).toEqual([expect.objectContaining({ status: 'done' })]);
  });

  it('fails with AGENT_FAILED_TO_START for a command not on PATH before registering anything', async () => {
    const registrations: Registration[] = [];
    const error = await sessionErrorOf(
      runAgentSession(coordinator, {
        repo,
        command: 'pcc-no-such-agent',
        args: ['--help'],
        env: home.env,
        onRegistered: (r) => registrations.push(r),
      }),
    );
    expect(error.code).toBe('AGENT_FAILED_TO_START');
    expect(error.message).toBe('Could not start pcc-no-such-agent: it is not on PATH.');
    expect(error.data).toEqual({ command: 'pcc-no-such-agent' });
    expect(registrations).toEqual([]);
    expect(listedWorktrees(repo)).toEqual([repo]);
    expect(sessionRows(coordinator).map((r) => r.id)).toEqual([holder.sessionId]);
  });

  it('fails with AGENT_FAILED_TO_START for a path that cannot start, and releases the session it registered', async () => {
    const registrations: Registration[] = [];
    const agent = path.join(scratch, 'no-such-agent');
    const error = await sessionErrorOf(runAgentSession(coordinator, { repo, command: agent, args: [], env: home.env, onRegistered: (r) => registrations.push(r) }));
    expect(error.code).toBe('AGENT_FAILED_TO_START');
    expect(error.message).toBe(`Could not start ${agent}: there is no such file.`);
    expect(registrations).toHaveLength(1);
    expect(registrations.map((r) => fs.existsSync(r.worktreePath))).toEqual([false]);
    expect(listedWorktrees(repo)).toEqual([repo]);
    expect(sessionRows(coordinator).map((r) => r.id)).toEqual([holder.sessionId]);
  });

  it('stops listening for signals once the agent has ended', async () => {
    const before = process.listenerCount('SIGTERM');
    await runNode(repo, 'process.exit(0)');
    await sessionErrorOf(runAgentSession(coordinator, { repo, command: path.join(scratch, 'no-such-agent'), args: [], env: home.env }));
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });

  it('releases with the environment it was given, using the same worktree tool that made the worktree', async () => {
    const gtr = writeFakeGtr(makeTempDir('pcc-gtr-'), 2);
    const env = { ...home.env, PATH: `${gtr.binDir}${path.delimiter}${home.env.PATH ?? ''}` };
    const result = await runNode(repo, 'process.exit(0)', { env });
    const branch = branchOf(result.registration);
    const commands = gtr.calls().filter((args) => args[0] !== 'version');
    expect(commands).toEqual([
      ['new', branch, '--from', 'main', '--yes', '--no-fetch'],
      ['rm', branch, '--yes'],
    ]);
    expect(result.release).toEqual([expect.objectContaining({ status: 'done', worktree: 'removed' })]);
    expect(fs.existsSync(result.registration.worktreePath)).toBe(false);
  });
});
