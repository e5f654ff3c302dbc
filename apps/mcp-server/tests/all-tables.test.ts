import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { makeRepo, makeTempHome, removeTempDirs } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';

// "All tables" is one list (mcp-tools' allMigrationSets): the MCP server, started either way, creates
// the same tables as the CLI's `update`, e2b-runner's `sandbox_runs` included.
const BIN = path.resolve(__dirname, '../bin/parallel-cc-mcp.js');
const CLI = path.resolve(__dirname, '../../cli/bin/parallel-cc.js');

beforeAll(() => {
  for (const built of ['../dist/bin/parallel-cc-mcp.js', '../../cli/dist/bin/parallel-cc.js']) {
    if (!fs.existsSync(path.resolve(__dirname, built))) throw new Error(`${built} is not built: run \`npx nx run-many -t build\` (npm test builds first)`);
  }
});
afterAll(() => removeTempDirs());

/** The tables of the database in `home`, sorted. */
function tablesIn(home: TempHome): string[] {
  const db = new Database(path.join(home.pccHome, 'coordinator.db'), { readonly: true });
  try {
    const rows = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as Array<{ name: string }>;
    return rows.map((r) => r.name);
  } finally {
    db.close();
  }
}

/** Starts the server with `command` in a fresh home, makes one call that opens the database, and stops it; the home's tables. */
async function tablesAfterOneCall(command: string[]): Promise<string[]> {
  const home = makeTempHome();
  const transport = new StdioClientTransport({ command: process.execPath, args: command, env: home.env as Record<string, string>, cwd: makeRepo(), stderr: 'pipe' });
  const client = new Client({ name: 'all-tables-test', version: '1.0.0' });
  await client.connect(transport);
  try {
    const result = await client.callTool({ name: 'get_merge_events', arguments: {} });
    expect(result.isError).toBeFalsy();
  } finally {
    await client.close();
  }
  return tablesIn(home);
}

describe('the tables the MCP server opens', () => {
  let cliTables: string[];
  beforeAll(() => {
    const home = makeTempHome();
    const update = spawnSync(process.execPath, [CLI, 'update'], { env: home.env, encoding: 'utf8' });
    expect(update.status).toBe(0);
    cliTables = tablesIn(home);
  });

  it('are every lib’s, as `parallel-cc update` makes them', () => {
    expect(cliTables).toEqual(expect.arrayContaining(['sessions', 'merge_events', 'conflict_resolutions', 'sandbox_runs', 'e2b_runner_migrations']));
  });

  it('with parallel-cc-mcp: the same, sandbox_runs included', async () => {
    const tables = await tablesAfterOneCall([BIN]);
    expect(tables).toContain('sandbox_runs');
    expect(tables).toEqual(cliTables);
  });

  it('with `parallel-cc mcp-serve`: the same', async () => {
    expect(await tablesAfterOneCall([CLI, 'mcp-serve'])).toEqual(cliTables);
  });
});
