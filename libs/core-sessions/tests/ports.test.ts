import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { openCoordinator, portEnv, registerSession, releaseSession, runAgentSession, sessionStatus } from '../src';
import type { Coordinator } from '../src';
import { chooseBlock } from '../src/ports/choose-block';
import { cleanHome, liveProcess, sessionErrorOf, stopLiveProcesses } from './support';

let home: TempHome;
let coordinator: Coordinator;

beforeAll(async () => {
  home = cleanHome();
  coordinator = await openCoordinator({ env: home.env });
});

afterAll(async () => {
  await coordinator.close();
  await stopLiveProcesses();
  removeTempDirs();
});

const range = { first: 4100, last: 4139 };

describe('chooseBlock', () => {
  it('takes the lowest free aligned block, keeps others\u2019 remembered blocks while it can, and the place\u2019s own when free', () => {
    expect(chooseBlock({ range, count: 10, held: [], rememberedByOthers: [] })).toEqual({ first: 4100, last: 4109 });
    expect(chooseBlock({ range, count: 10, held: [{ first: 4100, last: 4109 }], rememberedByOthers: [{ first: 4110, last: 4119 }] })).toEqual({ first: 4120, last: 4129 });
    expect(chooseBlock({ range, count: 10, held: [], remembered: { first: 4130, last: 4139 }, rememberedByOthers: [] })).toEqual({ first: 4130, last: 4139 });
    // A remembered block of another size, or held by a live session, is not taken.
    expect(chooseBlock({ range, count: 10, held: [], remembered: { first: 4130, last: 4134 }, rememberedByOthers: [] })).toEqual({ first: 4100, last: 4109 });
    expect(chooseBlock({ range, count: 10, held: [{ first: 4105, last: 4114 }], remembered: { first: 4110, last: 4119 }, rememberedByOthers: [] })).toEqual({ first: 4120, last: 4129 });
  });

  it('falls back on a block others remember, and gives null when every block is held', () => {
    const held = [{ first: 4100, last: 4129 }];
    expect(chooseBlock({ range, count: 10, held, rememberedByOthers: [{ first: 4130, last: 4139 }] })).toEqual({ first: 4130, last: 4139 });
    expect(chooseBlock({ range, count: 10, held: [...held, { first: 4135, last: 4135 }], rememberedByOthers: [] })).toBeNull();
  });
});

describe('ports of registered sessions', () => {
  it('gives each live session a block of its own, the same block again to the same place, and shows it in status', async () => {
    const repo = makeRepo();
    git(repo, 'config', 'parallel-cc.portRange', '5100-5199');
    git(repo, 'config', 'parallel-cc.ports', '5');
    const main = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
    const other = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
    expect(main.ports).toEqual({ first: 5100, last: 5104 });
    expect(other.ports).toEqual({ first: 5105, last: 5109 });
    expect(portEnv(main.ports)).toEqual({ PORT: '5100', PARALLEL_CC_PORTS: '5100-5104' });
    const shown = (await sessionStatus(coordinator, { repoRoot: repo })).sessions.map((s) => s.ports);
    expect(shown).toEqual([main.ports, other.ports]);

    // The main checkout again after a restart: its block, while nobody took it.
    await releaseSession(coordinator, { sessionId: main.sessionId }, { env: home.env });
    const third = await registerSession(coordinator, { repo, pid: liveProcess().pid, placement: 'worktree', env: home.env });
    expect(third.ports).toEqual({ first: 5110, last: 5114 });
    const again = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
    expect(again).toMatchObject({ isMainRepo: true, ports: { first: 5100, last: 5104 } });
  });

  it('refuses a registration when the range is full, naming the sessions that hold it; ports 0 gives none', async () => {
    const repo = makeRepo();
    git(repo, 'config', 'parallel-cc.portRange', '6100-6109');
    const holder = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
    expect(holder.ports).toEqual({ first: 6100, last: 6109 });
    const error = await sessionErrorOf(registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env }));
    expect(error.code).toBe('PORTS_EXHAUSTED');
    expect(error.message).toContain(`${holder.sessionId.slice(0, 8)} (6100-6109, ${repo})`);
    expect(error.message).toContain('parallel-cc.portRange');
    git(repo, 'config', 'parallel-cc.ports', '0');
    const none = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
    expect(none.ports).toBeNull();
  });

  it('refuses a malformed range naming it', async () => {
    const repo = makeRepo();
    git(repo, 'config', 'parallel-cc.portRange', '4999-4100');
    await expect(registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env })).rejects.toThrow('parallel-cc.portRange "4999-4100" is not a port range');
  });

  it('gives the agent PORT and PARALLEL_CC_PORTS', async () => {
    const repo = makeRepo();
    git(repo, 'config', 'parallel-cc.portRange', '7100-7199');
    const out = path.join(makeTempDir('pcc-ports-agent-'), 'env.json');
    const code = `require('fs').writeFileSync(process.argv[1], JSON.stringify({ port: process.env.PORT, ports: process.env.PARALLEL_CC_PORTS }))`;
    const run = await runAgentSession(coordinator, { repo, command: process.execPath, args: ['-e', code, out], env: home.env });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual({ port: '7100', ports: '7100-7109' });
  });
});
