import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { mcpAddCommand, projectMcpServers } from '../src/run/mcp-servers';
import { pullRequestTitle } from '../src/run/git-live';
import { runLogPath } from '../src/run/run-log';

afterEach(() => removeTempDirs());

describe('projectMcpServers', () => {
  it('reads stdio servers from .claude/settings.json, then .mcp.json, skipping ones without a command', () => {
    const worktree = makeTempDir('pcc-mcp-');
    fs.mkdirSync(path.join(worktree, '.claude'));
    fs.writeFileSync(
      path.join(worktree, '.claude', 'settings.json'),
      JSON.stringify({ mcpServers: { db: { command: 'npx', args: ['-y', 'db-mcp', "it's"] }, remote: { url: 'https://x' } } }),
    );
    fs.writeFileSync(path.join(worktree, '.mcp.json'), JSON.stringify({ mcpServers: { db: { command: 'other' }, fs: { command: 'fs-mcp' } } }));

    const servers = projectMcpServers(worktree);

    expect(servers).toEqual([
      { name: 'db', command: 'npx', args: ['-y', 'db-mcp', "it's"] },
      { name: 'fs', command: 'fs-mcp', args: [] },
    ]);
    expect(mcpAddCommand(servers[0] ?? { name: '', command: '', args: [] })).toEqual(['claude', 'mcp', 'add', '--scope', 'user', 'db', '--', 'npx', '-y', 'db-mcp', "it's"]);
  });

  it('finds none in unreadable or absent settings', () => {
    const worktree = makeTempDir('pcc-mcp-');
    fs.writeFileSync(path.join(worktree, '.mcp.json'), '{ not json');
    expect(projectMcpServers(worktree)).toEqual([]);
  });
});

describe('pullRequestTitle', () => {
  it('is "E2B: " and the prompt’s first non-empty line, at most 72 characters', () => {
    expect(pullRequestTitle('\n  Fix the parser  \nmore detail')).toBe('E2B: Fix the parser');
    const long = pullRequestTitle('x'.repeat(100));
    expect(long).toHaveLength(72);
    expect(long.endsWith('…')).toBe(true);
  });
});

it('puts run logs under PARALLEL_CC_HOME/sandbox-logs', () => {
  expect(runLogPath({ PARALLEL_CC_HOME: '/tmp/pcc' }, 'abc')).toBe(path.join('/tmp/pcc', 'sandbox-logs', 'abc.log'));
});
