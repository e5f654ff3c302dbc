import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { install, installationStatus, integrationChecks, shellQuote, uninstall } from '../src';

let home: string;
// The binary hooks run must exist, or the hooks are reported outdated.
let BIN: string;
const env = (): NodeJS.ProcessEnv => ({ HOME: home, SHELL: '/bin/bash', PARALLEL_CC_HOME: path.join(home, '.pcc'), PATH: path.join(home, 'bin') });
const settings = () => JSON.parse(fs.readFileSync(path.join(home, '.claude', 'settings.json'), 'utf8'));
const hooksStatus = () => installationStatus({ home, env: env(), binary: BIN }).find((p) => p.piece === 'hooks');

beforeEach(() => {
  home = makeTempDir('pcc-hook-forms-');
  BIN = path.join(home, 'bin', 'parallel-cc');
  fs.mkdirSync(path.dirname(BIN));
  fs.writeFileSync(BIN, '#!/bin/sh\n', { mode: 0o755 });
});
afterAll(() => removeTempDirs());

describe('the form of the hot-path hooks', () => {
  it('installs the edit guard as a command for Claude Code’s editing tools when there is no MCP server', () => {
    install({ home, env: env(), binary: BIN, hooks: { scope: 'global' } });
    expect(settings().hooks.PreToolUse).toEqual([
      { matcher: 'Edit|Write|MultiEdit|NotebookEdit', hooks: [{ type: 'command', command: `${shellQuote(BIN)} hook pre-tool-use`, timeout: 5 }] },
    ]);
    expect(hooksStatus()).toMatchObject({ state: 'installed', detail: expect.stringContaining('command hooks') });
  });

  it('installs PreToolUse and PostToolUse as mcp_tool hooks of our server when it is installed, and says so', () => {
    install({ home, env: env(), binary: BIN, hooks: { scope: 'global' }, mcp: true });
    const hooks = settings().hooks;
    expect(hooks.PreToolUse).toEqual([
      {
        matcher: 'Edit|Write|MultiEdit|NotebookEdit',
        hooks: [
          {
            type: 'mcp_tool',
            server: 'parallel-cc',
            tool: 'guard_edit',
            input: { file_path: '${tool_input.file_path}', notebook_path: '${tool_input.notebook_path}', session_id: '${session_id}', cwd: '${cwd}' },
            timeout: 5,
          },
        ],
      },
    ]);
    expect(hooks.PostToolUse[0].hooks[0]).toMatchObject({ type: 'mcp_tool', server: 'parallel-cc', tool: 'record_edit', input: expect.objectContaining({ tool_name: '${tool_name}' }) });
    // The others still run as commands: the server may not be connected yet when a session starts.
    expect(hooks.SessionStart[0].hooks[0]).toEqual({ type: 'command', command: `${shellQuote(BIN)} hook session-start`, timeout: 10 });
    expect(hooksStatus()).toMatchObject({ state: 'installed', detail: expect.stringContaining('mcp_tool hooks answered by the running parallel-cc MCP server') });
    const check = integrationChecks({ home, env: env(), binary: BIN }).find((c) => c.name === 'hooks');
    expect(check).toMatchObject({ status: 'ok', detail: expect.stringContaining('mcp_tool hooks') });

    // Installing again changes nothing; uninstalling removes exactly what was added.
    expect(install({ home, env: env(), binary: BIN, hooks: { scope: 'global' }, mcp: true }).map((c) => c.action)).toEqual(['unchanged', 'unchanged']);
    uninstall({ home, env: env() });
    expect(fs.existsSync(path.join(home, '.claude', 'settings.json'))).toBe(false);
  });

  it('turns command hooks into mcp_tool hooks once the server is installed, keeping the user’s own hooks', () => {
    fs.mkdirSync(path.join(home, '.claude'), { recursive: true });
    const mine = { matcher: 'Edit', hooks: [{ type: 'command', command: 'lint-staged', timeout: 30 }] };
    fs.writeFileSync(path.join(home, '.claude', 'settings.json'), JSON.stringify({ hooks: { PreToolUse: [mine] } }));
    install({ home, env: env(), binary: BIN, hooks: { scope: 'global' } });
    install({ home, env: env(), binary: BIN, mcp: true });
    expect(hooksStatus()).toMatchObject({ state: 'outdated', detail: expect.stringContaining('installing the hooks again makes them mcp_tool hooks') });
    install({ home, env: env(), binary: BIN, hooks: { scope: 'global' } });
    const pre = settings().hooks.PreToolUse;
    expect(pre).toHaveLength(2);
    expect(pre[0]).toEqual(mine);
    expect(pre[1].hooks).toEqual([expect.objectContaining({ type: 'mcp_tool', tool: 'guard_edit' })]);
    expect(hooksStatus()?.state).toBe('installed');
    uninstall({ home, env: env() });
    expect(settings()).toEqual({ hooks: { PreToolUse: [mine] } });
  });
});
