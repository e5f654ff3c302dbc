import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { commitFiles, makeRepo, makeTempHome, removeTempDirs, startTrackedProcess, stopTrackedProcesses } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';

// Every Claude Code session, however it started (`claude -w`, a subagent with worktree isolation,
// a plain `claude` in a checkout another session holds), is in `status`, in get_parallel_status
// and in the conflict matrix, with no wrapper: the hooks are run as Claude Code runs them.
const MCP = path.resolve(__dirname, '../bin/parallel-cc-mcp.js');
const CLI = path.resolve(__dirname, '../../cli/bin/parallel-cc.js');

let home: TempHome;
beforeAll(() => {
  for (const built of ['../dist/bin/parallel-cc-mcp.js', '../../cli/dist/bin/parallel-cc.js']) {
    if (!fs.existsSync(path.resolve(__dirname, built))) throw new Error(`${built} is not built: run \`npx nx run-many -t build\` (npm test builds first)`);
  }
  home = makeTempHome();
});
afterAll(async () => {
  await stopTrackedProcesses();
  removeTempDirs();
});

function cli(args: string[], cwd: string, stdin?: string): { code: number | null; stdout: string; stderr: string } {
  // Under `sh -c`, as Claude Code runs a hook: the agent found above the shell is this test's process.
  const command = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ');
  const result = spawnSync('sh', ['-c', command], { env: home.env, cwd, input: stdin, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const hookInput = (event: string, cwd: string, sessionId: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ session_id: sessionId, transcript_path: '/tmp/t.jsonl', cwd, hook_event_name: event, ...extra });

interface Listed {
  sessionId: string;
  origin: string;
  parentSessionId: string | null;
  sharesPlaceWith: string | null;
  branch: string | null;
}

it('claude -w, its subagent and a plain claude beside a wrapper session are all seen, and their collision found', async () => {
  const repo = makeRepo({ 'src/m.ts': 'export const value = 1;\n' });
  const wrapper = cli(['register', '--repo', repo, '--pid', String(startTrackedProcess().pid), '--json'], repo);
  expect(wrapper.code).toBe(0);
  const holderId = (JSON.parse(wrapper.stdout) as { sessionId: string }).sessionId;

  const feat = cli(['hook', 'worktree-create'], repo, hookInput('WorktreeCreate', repo, 'claude-main', { name: 'feat' }));
  expect(feat).toMatchObject({ code: 0 });
  const featDir = feat.stdout.trim();
  const sub = cli(['hook', 'worktree-create'], featDir, hookInput('WorktreeCreate', featDir, 'claude-main', { name: 'agent-1' }));
  expect(sub).toMatchObject({ code: 0 });
  const subDir = sub.stdout.trim();
  const plain = cli(['hook', 'session-start'], repo, hookInput('SessionStart', repo, 'claude-plain', { source: 'startup' }));
  expect(plain.code).toBe(0);

  commitFiles(featDir, { 'src/m.ts': 'export const value = 2;\n' }, 'two');
  commitFiles(subDir, { 'src/m.ts': 'export const value = 3;\n' }, 'three');

  const status = JSON.parse(cli(['status', '--json'], repo).stdout) as { sessions: Listed[] };
  const byOrigin = (origin: string) => status.sessions.filter((s) => s.origin === origin);
  const [main] = byOrigin('claude-worktree');
  expect(status.sessions).toHaveLength(4);
  expect(byOrigin('wrapper').map((s) => s.sessionId)).toEqual([holderId]);
  expect(byOrigin('subagent')).toEqual([expect.objectContaining({ parentSessionId: main?.sessionId, branch: 'worktree-agent-1' })]);
  expect(byOrigin('adopted')).toEqual([expect.objectContaining({ sharesPlaceWith: holderId, branch: 'main' })]);
  const ids = status.sessions.map((s) => s.sessionId).sort();

  // The conflict matrix previews all four, and finds the subagent's edit colliding with its parent's.
  const matrix = JSON.parse(cli(['conflicts', '--json'], repo).stdout) as {
    sessions: Array<{ sessionId: string }>;
    checks: Array<{ ours: string; theirs: string; status: string }>;
  };
  expect(matrix.sessions.map((s) => s.sessionId).sort()).toEqual(ids);
  expect(matrix.checks).toEqual(expect.arrayContaining([expect.objectContaining({ ours: 'worktree-feat', theirs: 'worktree-agent-1', status: 'conflicts' })]));

  const client = new Client({ name: 'every-session-test', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [MCP], env: home.env as Record<string, string>, cwd: repo, stderr: 'pipe' }));
  try {
    const listed = await client.callTool({ name: 'get_parallel_status', arguments: {} });
    expect(listed.isError).toBeFalsy();
    const sessions = (listed.structuredContent as { sessions: Listed[] }).sessions;
    expect(sessions.map((s) => s.sessionId).sort()).toEqual(ids);
    expect(sessions.map((s) => s.origin).sort()).toEqual(['adopted', 'claude-worktree', 'subagent', 'wrapper']);
    const preview = await client.callTool({ name: 'preview_session_conflicts', arguments: {} });
    expect(preview.isError).toBeFalsy();
    expect(JSON.stringify(preview.structuredContent)).toContain('worktree-agent-1');
  } finally {
    await client.close();
  }
}, 180_000);
