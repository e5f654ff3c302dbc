// The whole run through E2BProvider, against the in-memory fake of the SDK whose commands meet a
// real shell on this machine: what the provider builds (quoted command strings, stdin files) works.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, makeTempDir } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { E2BProvider, runSandbox } from '../src';
import type { RunnerCoordinator } from '../src';
import { FakeE2B, GOOD_KEY, realShell } from './fake-e2b';
import type { CommandHandler } from './fake-e2b';
import { runRepo, standInAgent } from './run-support';
import { cleanUp, NASTY_PROMPT, openFresh } from './support';

jest.setTimeout(30_000);

let home: TempHome;
let coordinator: RunnerCoordinator;

beforeEach(async () => {
  ({ home, coordinator } = await openFresh());
  home.env.ANTHROPIC_API_KEY = 'sk-ant-test-key-e2b';
});

afterEach(async () => {
  await coordinator.close();
  await cleanUp();
});

/** realShell, with files the commands made in the scratch folder readable through the SDK again. */
function shellSyncing(scratch: string): CommandHandler {
  const shell = realShell();
  return async (cmd, opts, sandbox) => {
    const result = await shell(cmd, opts, sandbox);
    if (fs.existsSync(scratch)) {
      for (const name of fs.readdirSync(scratch)) {
        const file = path.join(scratch, name);
        if (fs.statSync(file).isFile()) sandbox.stored.set(file, fs.readFileSync(file));
      }
    }
    return result;
  };
}

it('runs end to end through the E2B provider: upload, MCP servers, agent, bring-back, key only in envs', async () => {
  const repo = runRepo();
  commitFiles(repo, { '.mcp.json': JSON.stringify({ mcpServers: { db: { command: 'npx', args: ['db-mcp'] } } }) });
  const host = makeTempDir('pcc-e2b-host-');
  const scratch = path.join(host, 'scratch');
  const fake = new FakeE2B();
  fake.handler = shellSyncing(scratch);
  const provider = new E2BProvider({ apiKey: GOOD_KEY, sdk: fake, workdir: path.join(host, 'repo'), scratchDir: scratch });
  const agent = standInAgent({ write: { 'README.md': '# from e2b\n' }, remove: ['src/old.ts'] });
  // The fake's shell runs with this process's environment: a stand-in `claude` keeps the real one
  // (and the real ~/.claude.json) out of it.
  const bin = makeTempDir('pcc-claude-');
  fs.writeFileSync(path.join(bin, 'claude'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${bin}/argv'\n`, { mode: 0o755 });
  const savedPath = process.env.PATH;
  process.env.PATH = `${bin}${path.delimiter}${savedPath ?? ''}`;
  let summary;
  try {
    summary = await runSandbox(coordinator, { repo, prompt: NASTY_PROMPT, provider, env: home.env, command: agent.command });
  } finally {
    process.env.PATH = savedPath;
  }

  expect(summary).toMatchObject({ status: 'completed', exitCode: 0 });
  const status = execFileSync('git', ['status', '--porcelain=v1'], { cwd: summary.worktreePath ?? '', encoding: 'utf8' });
  expect(status.split('\n').filter(Boolean).sort()).toEqual([' D src/old.ts', ' M README.md']);
  expect(fs.readFileSync(path.join(agent.outDir, 'prompt.bin'), 'utf8')).toBe(NASTY_PROMPT);
  const [sandbox] = [...fake.sandboxes.values()];
  expect(sandbox?.createOptions.envs).toEqual({ ANTHROPIC_API_KEY: 'sk-ant-test-key-e2b' });
  expect(sandbox?.createOptions.metadata).toEqual({ sessionId: summary.sessionId, runId: summary.runId });
  const commands = sandbox?.commandsRun() ?? [];
  expect(commands).toContain("'claude' 'mcp' 'add' '--scope' 'user' 'db' '--' 'npx' 'db-mcp'");
  expect(commands.join('\n')).not.toContain('sk-ant-test-key-e2b');
  expect(sandbox?.killed).toBe(true);
  expect(fs.readFileSync(summary.logPath ?? '', 'utf8')).toContain('MCP server db: installed');
  expect(fs.readFileSync(path.join(bin, 'argv'), 'utf8')).toBe('mcp\nadd\n--scope\nuser\ndb\n--\nnpx\ndb-mcp\n');
});
