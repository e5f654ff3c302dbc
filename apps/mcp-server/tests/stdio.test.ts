import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import type { JsonSchemaType } from '@modelcontextprotocol/sdk/validation/types.js';
import { makeRepo, makeTempHome, removeTempDirs, stopTrackedProcesses } from '@parallel-cc/test-utils';
import { twoSessions } from './fixture';
import type { TwoSessions } from './fixture';

const BIN = path.resolve(__dirname, '../bin/parallel-cc-mcp.js');
const CLI = path.resolve(__dirname, '../../cli/bin/parallel-cc.js');

beforeAll(() => {
  if (!fs.existsSync(path.resolve(__dirname, '../dist/bin/parallel-cc-mcp.js'))) {
    throw new Error('apps/mcp-server is not built: run `npx nx run mcp-server:build` (npm test builds first)');
  }
});
afterAll(async () => {
  await stopTrackedProcesses();
  removeTempDirs();
});

async function connect(command: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: command, env: env as Record<string, string>, cwd, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'stdio-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

describe('parallel-cc-mcp over stdio', () => {
  let world: TwoSessions;
  beforeAll(async () => {
    world = await twoSessions();
  });

  it('initializes, lists 19 tools, answers 200 calls in a row, bad arguments and unknown tools, and keeps serving', async () => {
    const env = { ...world.home.env, PARALLEL_CC_SESSION_ID: world.a.sessionId };
    const { client, stderr } = await connect([BIN], env, world.a.worktreePath);
    expect(client.getServerVersion()).toMatchObject({ name: 'parallel-cc' });
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(19);
    const validator = new AjvJsonSchemaValidator();
    for (const tool of tools) expect(() => validator.getValidator(tool.inputSchema as JsonSchemaType)).not.toThrow();
    for (let i = 0; i < 200; i++) {
      const result = await client.callTool({ name: 'get_parallel_status', arguments: {} });
      expect(result.structuredContent).toMatchObject({ totalSessions: 3 });
    }
    const bad = await client.callTool({ name: 'get_merge_events', arguments: { limit: 'many' } });
    expect(bad.isError).toBe(true);
    await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(/Unknown tool/);
    const mine = await client.callTool({ name: 'get_my_session', arguments: {} });
    expect(mine.structuredContent).toMatchObject({ sessionId: world.a.sessionId });
    await client.close();
    expect(stderr()).not.toMatch(/jsonrpc/);
  });

  it('answers 50 concurrent calls, each with its own answer, claims included', async () => {
    const env = { ...world.home.env, PARALLEL_CC_SESSION_ID: world.a.sessionId };
    const { client } = await connect([BIN], env, world.a.worktreePath);
    const names = ['get_parallel_status', 'get_my_session', 'list_file_claims', 'get_notifications', 'claim_file'] as const;
    const calls = Array.from({ length: 50 }, (_, i) => {
      const name = names[i % names.length] ?? 'get_parallel_status';
      return { name, arguments: name === 'claim_file' ? { file_path: `concurrent/file${i}.ts` } : {} };
    });
    const answers = await Promise.all(calls.map(async (call) => ({ call, result: await client.callTool(call) })));
    for (const { call, result } of answers) {
      expect(result.isError).toBeFalsy();
      if (call.name === 'claim_file') expect(result.structuredContent).toMatchObject({ granted: true, claim: { filePath: call.arguments.file_path } });
      if (call.name === 'get_my_session') expect(result.structuredContent).toMatchObject({ sessionId: world.a.sessionId });
    }
    const claimed = calls.filter((c) => c.name === 'claim_file');
    const released = await Promise.all(claimed.map((c) => client.callTool({ name: 'release_file', arguments: c.arguments })));
    for (const result of released) expect(result.structuredContent).toMatchObject({ released: true });
    await client.close();
  });

  it('tells a model outside any session how to start one', async () => {
    const home = makeTempHome();
    const repo = makeRepo();
    const { client } = await connect([BIN], home.env, repo);
    const result = await client.callTool({ name: 'get_my_session', arguments: {} });
    expect(result.isError).toBe(true);
    expect((result.content as Array<{ text: string }>)[0]!.text).toMatch(/claude-parallel/);
    await client.close();
  });

  it('is also served by `parallel-cc mcp-serve`, what `install --mcp` registers', async () => {
    const env = { ...world.home.env, PARALLEL_CC_SESSION_ID: world.b.sessionId };
    const { client } = await connect([CLI, 'mcp-serve'], env, world.b.worktreePath);
    expect((await client.listTools()).tools).toHaveLength(19);
    const mine = await client.callTool({ name: 'get_my_session', arguments: {} });
    expect(mine.structuredContent).toMatchObject({ sessionId: world.b.sessionId });
    await client.close();
  });

  it('prints its usage and version, and refuses arguments', () => {
    expect(spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' }).stdout).toMatch(/MCP server, over stdio/);
    expect(spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' }).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(spawnSync(process.execPath, [BIN, '--port', '8080'], { encoding: 'utf8' }).status).toBe(2);
  });
});
