// What a model's context pays for each tool result, through the real bin over stdio and the SDK's
// own client: the text is a short summary, the data travels once, in structuredContent, and the
// client checks it against each tool's declared outputSchema (a mismatch throws).
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { openCoordinator, registerSession } from '@parallel-cc/core-sessions';
import type { Registration } from '@parallel-cc/core-sessions';
import { git, makeRepo, makeTempHome, removeTempDirs, startTrackedProcess, stopTrackedProcesses } from '@parallel-cc/test-utils';
import { twoSessions } from './fixture';

const BIN = path.resolve(__dirname, '../bin/parallel-cc-mcp.js');

afterAll(async () => {
  await stopTrackedProcesses();
  removeTempDirs();
});

/** A client of the bin started as `session`, with every message it receives recorded. */
async function connect(env: NodeJS.ProcessEnv, session: Registration) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN],
    env: { ...env, PARALLEL_CC_SESSION_ID: session.sessionId } as Record<string, string>,
    cwd: session.worktreePath,
    stderr: 'pipe',
  });
  const client = new Client({ name: 'tool-results', version: '1.0.0' });
  await client.connect(transport);
  const received: JSONRPCMessage[] = [];
  const deliver = transport.onmessage;
  transport.onmessage = (message) => {
    received.push(message);
    deliver?.(message);
  };
  // Listing caches each tool's outputSchema: from now on the client checks every structuredContent.
  await client.listTools();
  return { client, received };
}

const textOf = (result: Record<string, unknown>) => (result['content'] as Array<{ text: string }>).map((c) => c.text).join('\n');
const bytes = (value: unknown) => Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value));

it('get_parallel_status with 8 sessions: a one-line summary, and the data sent once', async () => {
  const home = makeTempHome();
  const repo = makeRepo({ 'src/a.ts': 'export const a = 1;\n' });
  const coordinator = await openCoordinator({ env: home.env });
  const sessions: Registration[] = [];
  try {
    for (let i = 0; i < 8; i++) sessions.push(await registerSession(coordinator, { repo, pid: startTrackedProcess().pid, env: home.env }));
  } finally {
    await coordinator.close();
  }
  const me = sessions[1]!;
  const { client, received } = await connect(home.env, me);
  const result = await client.callTool({ name: 'get_parallel_status', arguments: {} });
  await client.close();

  expect(result.structuredContent).toMatchObject({ repo, callerSessionId: me.sessionId, totalSessions: 8 });
  const text = textOf(result);
  expect(text.split('\n')).toHaveLength(1);
  expect(text).toMatch(new RegExp(`^8 sessions on .+: ${sessions[0]!.sessionId.slice(0, 8)} in the main checkout on main \\(live\\); you \\(${me.sessionId.slice(0, 8)}, `));
  for (const s of sessions) expect(text).toContain(s.sessionId.slice(0, 8));
  // The whole answer as the client received it: the data once, plus the summary (and the envelope).
  const message = bytes(received.at(-1));
  const data = bytes(result.structuredContent);
  expect(message).toBeLessThan(data + bytes(text) + 200);
  expect(bytes(text) * 5).toBeLessThan(data);
});

it('answers every tool with a short text and a structuredContent its outputSchema accepts', async () => {
  const world = await twoSessions();
  const { client } = await connect(world.home.env, world.a);
  const { a, b } = world;
  const calls: Array<[string, Record<string, unknown>]> = [
    ['get_my_session', {}],
    ['get_parallel_status', {}],
    ['notify_when_merged', { branch: b.branch }],
    ['check_merge_status', { branch: b.branch }],
    ['check_conflicts', { branch: b.branch, target_branch: a.branch }],
    ['detect_advanced_conflicts', { branch: b.branch, target_branch: a.branch }],
    ['preview_session_conflicts', {}],
    ['get_auto_fix_suggestions', { branch: b.branch, target_branch: a.branch }],
    ['get_conflict_history', {}],
    ['claim_file', { file_path: 'src/greet.ts' }],
    ['list_file_claims', {}],
    ['release_file', { file_path: 'src/greet.ts' }],
    ['rebase_assist', { check_only: true }],
    ['get_merge_events', {}],
    ['get_notifications', {}],
    ['who_is_editing', { file_path: 'src/greet.ts' }],
    // The hook tools, as Claude Code's mcp_tool hooks call them: their text is the hook's stdout.
    ['guard_edit', { file_path: 'README.md' }],
    ['record_edit', { tool_name: 'Read', file_path: 'README.md' }],
  ];
  const seen = new Map<string, { text: string; data: Record<string, unknown> }>();
  for (const [name, args] of calls) {
    const result = await client.callTool({ name, arguments: args });
    expect({ name, isError: result.isError ?? false }).toEqual({ name, isError: false });
    seen.set(name, { text: textOf(result), data: result.structuredContent as Record<string, unknown> });
  }
  const suggestions = seen.get('get_auto_fix_suggestions')!.data['suggestions'] as Array<{ id: string; content: string }>;
  const applied = await client.callTool({ name: 'apply_auto_fix', arguments: { suggestion_id: suggestions[0]!.id } });
  expect(textOf(applied)).toMatch(/^Prepared the merge of .+ with union fix \w+ for src\/greet\.ts: commit \w+ on branch parallel-cc\/merge\/.+\nTo undo: git branch -D \S+$/s);
  expect(applied.structuredContent).toMatchObject({ mode: 'prepared', merge: { status: 'prepared' } });
  expect(git(a.worktreePath, 'status', '--porcelain')).toBe('');
  expect(seen.size + 1).toBe((await client.listTools()).tools.length);

  for (const [name, { text, data }] of seen) {
    // A hook tool's text is what Claude Code reads as the hook's output (hook JSON, or nothing).
    if (name === 'guard_edit' || name === 'record_edit') continue;
    // A summary, never the JSON again; a whole file's content stays in structuredContent.
    expect({ name, json: /^[{[]/.test(text) }).toEqual({ name, json: false });
    expect({ name, short: bytes(text) < Math.max(400, bytes(data)) }).toEqual({ name, short: true });
  }
  expect(seen.get('get_auto_fix_suggestions')!.text).toContain(suggestions[0]!.id);
  expect(seen.get('get_auto_fix_suggestions')!.text).not.toContain(suggestions[0]!.content);
  expect(seen.get('claim_file')!.text).toMatch(/^Claimed src\/greet\.ts EXCLUSIVE until \S+Z\.$/);

  // A failure: the message as text, the code in _meta, no structuredContent to check.
  const failed = await client.callTool({ name: 'check_conflicts', arguments: { branch: 'nowhere', target_branch: 'main' } });
  expect(failed).toMatchObject({ isError: true, _meta: { 'parallel-cc/errorCode': 'UNKNOWN_REF' } });
  expect(failed.structuredContent).toBeUndefined();
  expect(textOf(failed)).toContain('nowhere');
  await client.close();
});
