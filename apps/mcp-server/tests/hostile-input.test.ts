// The MCP part of the hostile-input table (the CLI part is apps/cli/tests/hostile-input.test.ts):
// every tool, every field, over stdio with the SDK's own client. Each call must come back as an
// isError result naming the field or the value, or be handled as plain data; nothing it carries
// may run (a `touch` marker), and a refused call changes nothing.
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { git, makeRepo, makeTempDir, removeTempDirs, stopTrackedProcesses } from '@parallel-cc/test-utils';
import { twoSessions } from './fixture';
import type { TwoSessions } from './fixture';

const BIN = path.resolve(__dirname, '../bin/parallel-cc-mcp.js');
const markerDir = makeTempDir('pcc-markers-');
const MARK = path.join(markerDir, 'pwned');
const outside = makeTempDir('pcc-outside-');
fs.writeFileSync(path.join(outside, 'secret.txt'), 'outside\n');
const fffdRepo = makeRepo({ 'README.md': '# not meant\n' }, { parent: outside, name: 'r\uFFFD' });
const LONG = 'a'.repeat(100_000);

/** Hostile values for a field, by the field's name. */
function hostileValues(field: string): unknown[] {
  const wrongTypes = [42, null, ['x'], { x: 1 }, true];
  if (field === 'branch' || field === 'target_branch') {
    return [...wrongTypes, '', `$(touch ${MARK})`, `\`touch ${MARK}\``, `--upload-pack=touch ${MARK}`, '-x', 'a..b', 'main@{1}', 'a\u0001b', 'a\u001b[31m', LONG, 'br\uFFFDnch'];
  }
  if (field === 'repo_path' || field === 'worktree_path') {
    return [...wrongTypes, '', 'a\u0000b', `$(touch ${MARK})`, '../../../../../..', outside, fffdRepo, LONG];
  }
  if (field === 'file_path') return [...wrongTypes, '', '../../../../etc/passwd', '/etc/passwd', path.join(outside, 'secret.txt'), '.git/config', 'x\uFFFD.ts', 'a\u0000b', LONG];
  if (field === 'limit' || field === 'ttl_seconds') return ['many', -1, 0, 1.5, 1e12, Number.MAX_SAFE_INTEGER, null];
  if (field === 'check_only' || field === 'use_model') return ['yes', 1, null];
  if (field === 'mode') return ['exclusive', 'EXCLUSIVE;rm', 42];
  if (field === 'suggestion_id') return [...wrongTypes, '../etc', `$(touch ${MARK})`, LONG, 'x\uFFFD'];
  // The hook tools' fields (guard_edit, record_edit): Claude Code fills them from its hook input, and a hook never fails an edit.
  if (field === 'notebook_path') return [42, '../../../../etc/passwd', `$(touch ${MARK})`, LONG];
  if (field === 'session_id' || field === 'cwd' || field === 'tool_name') return [42, `$(touch ${MARK})`, '${tool_input.file_path}', LONG];
  throw new Error(`no hostile values for the field ${field}: add them`);
}

let world: TwoSessions;
let client: Client;
let suggestionId = 'abcdef123456';
const rows: Array<{ tool: string; field: string; value: unknown; args: Record<string, unknown> }> = [];

beforeAll(async () => {
  world = await twoSessions();
  const env = { ...world.home.env, PARALLEL_CC_SESSION_ID: world.a.sessionId };
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN], env: env as Record<string, string>, cwd: world.a.worktreePath, stderr: 'pipe' });
  client = new Client({ name: 'hostile-input', version: '1.0.0' });
  await client.connect(transport);
  // A real suggestion, so that apply_auto_fix reaches its worktree_path.
  const fixes = await client.callTool({ name: 'get_auto_fix_suggestions', arguments: { branch: world.a.branch, target_branch: world.b.branch } });
  suggestionId = (fixes.structuredContent as { suggestions: Array<{ id: string }> }).suggestions[0]?.id ?? suggestionId;
}, 60_000);
afterAll(async () => {
  await client.close();
  await stopTrackedProcesses();
  removeTempDirs();
});

/** Valid values for the required fields a row does not attack. */
function validArgs(): Record<string, unknown> {
  return { branch: world.b.branch, target_branch: 'main', file_path: 'src/greet.ts', suggestion_id: suggestionId, repo_path: world.repo, worktree_path: world.a.worktreePath };
}

/** The registry's rows: a refused call leaves them as they were. */
function rowsNow(): Record<string, string> {
  const db = new Database(path.join(world.home.pccHome, 'coordinator.db'), { readonly: true });
  const tables: Record<string, unknown> = {};
  try {
    const names = db.prepare("select name from sqlite_master where type = 'table' and name not like '%migration%'").all() as Array<{ name: string }>;
    for (const { name } of names) tables[name] = JSON.stringify(db.prepare(`select * from "${name}"`).all());
  } finally {
    db.close();
  }
  return tables as Record<string, string>;
}

/** The repository and the folders around it (checked once at the end: git is slow to ask 300 times). */
function gitNow() {
  return {
    worktrees: git(world.repo, 'worktree', 'list', '--porcelain'),
    branches: git(world.repo, 'for-each-ref', '--format=%(refname) %(objectname)'),
    status: [world.repo, world.a.worktreePath, world.b.worktreePath].map((dir) => git(dir, 'status', '--porcelain', '--ignored')),
    outside: fs.readdirSync(outside).sort(),
  };
}

describe('hostile input to every MCP tool', () => {
  it('builds the table from the tools the server lists', async () => {
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(19);
    for (const tool of tools) {
      const schema = tool.inputSchema as { properties?: Record<string, unknown>; required?: string[] };
      const required = schema.required ?? [];
      const base = Object.fromEntries(required.map((f) => [f, validArgs()[f]]));
      const fields = Object.keys(schema.properties ?? {});
      if (fields.length === 0) {
        for (const args of [{ extra: `$(touch ${MARK})` }, { session_id: '../../x' }]) rows.push({ tool: tool.name, field: '(none)', value: args, args });
      }
      for (const field of fields) {
        for (const value of hostileValues(field)) rows.push({ tool: tool.name, field, value, args: { ...base, ...(tool.name === 'get_auto_fix_suggestions' ? { use_model: false } : {}), [field]: value } });
      }
    }
    // Arguments that are not an object at all.
    for (const tool of tools) rows.push({ tool: tool.name, field: '(arguments)', value: 'please', args: 'please' as unknown as Record<string, unknown> });
    expect(rows.length).toBeGreaterThan(250);
  });

  it('answers each row with an isError naming the field or value, or as plain data, and runs nothing', async () => {
    const failures: string[] = [];
    let refused = 0;
    const gitBefore = gitNow();
    for (const row of rows) {
      const before = rowsNow();
      let text: string;
      let isError: boolean;
      try {
        const result = await client.callTool({ name: row.tool, arguments: row.args });
        isError = result.isError === true;
        text = (result.content as Array<{ text?: string }>).map((c) => c.text ?? '').join('\n');
      } catch (error) {
        // The SDK refuses some shapes itself (arguments that are not an object) with a protocol error.
        isError = true;
        text = (error as Error).message;
      }
      const label = `${row.tool} ${row.field}=${JSON.stringify(row.value)?.slice(0, 40)}`;
      if (fs.existsSync(MARK)) failures.push(`${label}: the marker was created`);
      if (isError) {
        refused++;
        const value = typeof row.value === 'string' ? row.value.slice(0, 20) : '';
        const named = text.includes(row.field) || (value !== '' && text.includes(value)) || /U\+FFFD|argument|outside|not (a|inside)|does not exist|unknown|no session|not found|takes no arguments/i.test(text);
        if (!named) failures.push(`${label}: the error names neither field nor value: ${text.slice(0, 200)}`);
        if (text.length > 2_000) failures.push(`${label}: a ${text.length}-character error`);
        if (/\n\s+at |a bug in parallel-cc/.test(text)) failures.push(`${label}: ${text.slice(0, 200)}`);
        const after = rowsNow();
        const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
        if (changed.length > 0) failures.push(`${label}: refused, yet ${changed.join(', ')} changed: ${changed.map((t) => `${before[t]} -> ${after[t]}`).join('; ').slice(0, 600)}`);
      } else if (row.tool === 'claim_file') {
        // A strange but valid file name is a claim like any other: give it back.
        await client.callTool({ name: 'release_file', arguments: { file_path: row.args.file_path } });
      }
    }
    expect(failures).toEqual([]);
    expect(gitNow()).toEqual(gitBefore);
    expect(refused).toBeGreaterThan(rows.length * 0.8);
    expect(fs.readdirSync(outside).sort()).toEqual(['r\uFFFD', 'secret.txt']);
  }, 300_000);
});
