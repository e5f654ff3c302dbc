import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import type { JsonSchemaType } from '@modelcontextprotocol/sdk/validation/types.js';
import { removeTempDirs, stopTrackedProcesses, git } from '@parallel-cc/test-utils';
import { createServer } from '../src';
import { twoSessions } from './fixture';
import type { TwoSessions } from './fixture';

let world: TwoSessions;
let client: Client;
let close: () => Promise<void>;

beforeAll(async () => {
  world = await twoSessions();
  const server = createServer({ env: { ...world.home.env, PARALLEL_CC_SESSION_ID: world.a.sessionId }, cwd: world.a.worktreePath });
  close = server.close;
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.server.connect(serverSide);
  client = new Client({ name: 'test', version: '1.0.0' });
  await client.connect(clientSide);
});
afterAll(async () => {
  await client.close();
  await close();
  await stopTrackedProcesses();
  removeTempDirs();
});

type Structured = Record<string, unknown>;
async function call(name: string, args: Record<string, unknown> = {}): Promise<{ isError: boolean; data: Structured; text: string }> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as Array<{ type: string; text: string }>;
  return { isError: result.isError === true, data: (result.structuredContent ?? {}) as Structured, text: content[0]?.text ?? '' };
}

describe('the MCP server in-process, through the SDK client', () => {
  it('lists 19 tools, each with a title, a description, annotations and a valid JSON Schema', async () => {
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(19);
    // The SDK's own validator (Ajv, draft-07) compiles each schema: an invalid one throws.
    const ajv = new AjvJsonSchemaValidator();
    for (const tool of tools) {
      expect(tool.name).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(tool.description!.length).toBeGreaterThan(40);
      expect(tool.annotations).toEqual(expect.objectContaining({ readOnlyHint: expect.any(Boolean), destructiveHint: expect.any(Boolean) }));
      expect(tool.inputSchema.type).toBe('object');
      expect(() => ajv.getValidator(tool.inputSchema as JsonSchemaType)).not.toThrow();
      for (const [field, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
        expect(field).toMatch(/^[a-z]+(_[a-z]+)*$/);
        expect((schema as { description?: string }).description).toEqual(expect.any(String));
      }
    }
  });

  it('answers a call of every tool from inside a session', async () => {
    const { a, b, repo } = world;
    expect((await call('get_my_session')).data).toMatchObject({ sessionId: a.sessionId, parallelSessions: 3 });
    expect((await call('get_parallel_status')).data).toMatchObject({ totalSessions: 3 });
    expect((await call('get_parallel_status', { repo_path: repo })).data).toMatchObject({ totalSessions: 3 });
    expect((await call('notify_when_merged', { branch: b.branch })).data).toMatchObject({ subscribed: true });
    expect((await call('check_merge_status', { branch: b.branch })).data).toMatchObject({ isMerged: false });
    const conflicts = await call('check_conflicts', { branch: b.branch, target_branch: a.branch });
    expect(conflicts.data).toMatchObject({ hasConflicts: true, conflictingFiles: ['src/greet.ts'] });
    expect((await call('detect_advanced_conflicts', { branch: b.branch })).data).toMatchObject({ clean: true });
    expect((await call('detect_advanced_conflicts', { branch: b.branch, target_branch: a.branch })).data).toMatchObject({ clean: false });
    expect((await call('preview_session_conflicts')).data).toMatchObject({ conflicting: 1 });
    const fixes = await call('get_auto_fix_suggestions', { branch: b.branch, target_branch: a.branch });
    const suggestions = fixes.data.suggestions as Array<{ id: string; strategy: string }>;
    expect(suggestions).toEqual([expect.objectContaining({ strategy: 'union' })]);
    const applied = await call('apply_auto_fix', { suggestion_id: suggestions[0]!.id });
    expect(applied.isError).toBe(false);
    expect(applied.data).toMatchObject({ mode: 'prepared', merge: { status: 'prepared' }, commands: { merge: expect.stringContaining(`git -C ${a.worktreePath} merge --ff-only`) } });
    expect(git(a.worktreePath, 'status', '--porcelain')).toBe('');
    expect((await call('get_conflict_history')).data).toMatchObject({ total: 1 });
    expect((await call('claim_file', { file_path: 'src/greet.ts' })).data).toMatchObject({ granted: true });
    expect((await call('list_file_claims')).data).toMatchObject({ total: 1 });
    expect((await call('release_file', { file_path: 'src/greet.ts' })).data).toMatchObject({ released: true });
    expect((await call('rebase_assist', { check_only: true })).isError).toBe(false);
    expect((await call('get_merge_events')).data).toMatchObject({ total: 0 });
    expect((await call('get_notifications')).data).toMatchObject({ total: expect.any(Number) });
  });

  it('answers malformed arguments with an isError result naming the field, and keeps serving', async () => {
    const wrongType = await call('claim_file', { file_path: 42 });
    expect(wrongType).toMatchObject({ isError: true, text: expect.stringMatching(/file_path/) });
    const badMode = await call('claim_file', { file_path: 'a.ts', mode: 'SOMETIMES' });
    expect(badMode).toMatchObject({ isError: true, text: expect.stringMatching(/mode/) });
    const option = await call('check_conflicts', { branch: '--upload-pack=x', target_branch: 'main' });
    expect(option).toMatchObject({ isError: true, text: expect.stringMatching(/branch: must not start with "-"/) });
    expect((await call('get_my_session')).isError).toBe(false);
  });

  it('answers an unknown tool with a protocol error', async () => {
    await expect(client.callTool({ name: 'drop_database', arguments: {} })).rejects.toThrow(/Unknown tool: drop_database/);
  });
});
