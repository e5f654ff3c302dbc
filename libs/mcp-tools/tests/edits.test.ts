import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { commitFiles, makeRepo } from '@parallel-cc/test-utils';
import { createServer } from '../src';
import type { LiveSession } from './support';
import { useFixture } from './support';

const fx = useFixture();

/** A running server for `session`, in its folder, and the MCP SDK's client connected to it. */
async function clientOf(session: LiveSession) {
  // The fixture's database stays open for the other sessions' servers.
  const coordinator = { ...fx.coordinator, close: async () => undefined };
  const server = createServer({ env: { ...fx.home.env, PARALLEL_CC_SESSION_ID: session.sessionId }, cwd: session.worktreePath, openCoordinator: async () => coordinator });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.server.connect(serverSide);
  const client = new Client({ name: 'test', version: '1.0.0' });
  await client.connect(clientSide);
  const call = async (name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name, arguments: args });
    const text = (result.content as Array<{ text: string }>).map((c) => c.text).join('\n');
    return { isError: result.isError === true, text, data: result.structuredContent as Record<string, unknown> };
  };
  return { call, close: async () => (await client.close(), await server.close()) };
}

describe('edits through the MCP server (who_is_editing, and the mcp_tool hooks guard_edit and record_edit)', () => {
  test('an edit recorded by record_edit is seen by who_is_editing, the status tools and the other session’s guard_edit', async () => {
    const repo = makeRepo({ 'src/app.ts': 'one\ntwo\nthree\n', 'README.md': '# r\n' });
    const main = await fx.register(repo);
    const work = await fx.register(repo);
    const mine = await clientOf(main);
    const theirs = await clientOf(work);
    try {
      const file = path.join(work.worktreePath, 'src/app.ts');
      fs.writeFileSync(file, 'one\nTWO\nthree\n');
      // As Claude Code calls it for a PostToolUse `mcp_tool` hook: values interpolated from the hook input.
      const recorded = await theirs.call('record_edit', { tool_name: 'Edit', file_path: file, notebook_path: '${tool_input.notebook_path}', session_id: 'c-1', cwd: work.worktreePath });
      expect(recorded).toEqual({ isError: false, text: '', data: { reply: '' } });

      const who = await mine.call('who_is_editing', { file_path: 'src/app.ts' });
      expect(who.isError).toBe(false);
      expect(who.data).toEqual({
        repo,
        filePath: 'src/app.ts',
        sessions: [
          {
            sessionId: work.sessionId,
            branch: work.branch,
            you: false,
            state: 'live',
            claim: { mode: 'INTENT', claimedAt: expect.any(String) },
            change: { lines: '2', uncommitted: true, changedAt: expect.any(String) },
          },
        ],
      });
      expect(who.text).toBe(`src/app.ts: ${work.sessionId.slice(0, 8)} on ${work.branch}: changed lines 2 (uncommitted), claims it INTENT.`);
      expect((await mine.call('who_is_editing', { file_path: 'README.md' })).text).toBe('Nobody else claims or has changed README.md.');

      const status = await mine.call('get_parallel_status', {});
      const listed = (status.data.sessions as Array<Record<string, unknown>>).find((s) => s.sessionId === work.sessionId);
      expect(listed).toMatchObject({ filesInProgress: 1, changedFiles: [{ filePath: 'src/app.ts', lines: '2', uncommitted: true }], claimedFiles: 1 });
      expect(status.text).toContain('1 file changed');
      const me = await mine.call('get_my_session', {});
      expect(me.data).toMatchObject({ filesInProgress: 0, otherSessions: [{ sessionId: work.sessionId, filesInProgress: 1 }] });
      expect(me.text).toContain('(changing src/app.ts)');

      // The PreToolUse `mcp_tool` hook: its text is what Claude Code reads as the hook's stdout.
      const guarded = await mine.call('guard_edit', { file_path: path.join(repo, 'src/app.ts'), notebook_path: '${tool_input.notebook_path}', session_id: 'c-0', cwd: repo });
      const reply = JSON.parse(guarded.text);
      expect(reply.hookSpecificOutput).toEqual({ hookEventName: 'PreToolUse', additionalContext: expect.stringContaining(`session ${work.sessionId.slice(0, 8)} (${work.branch}): changed line 2 (uncommitted)`) });
      // The other session hears of it at its next hook call.
      const told = await theirs.call('record_edit', { tool_name: 'Bash', session_id: 'c-1', cwd: work.worktreePath });
      expect(JSON.parse(told.text).hookSpecificOutput.additionalContext).toContain(`[parallel-cc edit-collision] Session ${main.sessionId.slice(0, 8)} (`);
    } finally {
      await mine.close();
      await theirs.close();
    }
  });

  test('who_is_editing sees what a session changed without the edit hooks: committed with git, or written by Bash', async () => {
    const repo = makeRepo({ 'src/util.ts': 'a\nb\nc\n', 'notes.txt': 'n\n' });
    const main = await fx.register(repo);
    const work = await fx.register(repo);
    const mine = await clientOf(main);
    try {
      commitFiles(work.worktreePath, { 'src/util.ts': 'a\nB\nc\n' }, 'committed with git, no hook');
      fs.writeFileSync(path.join(work.worktreePath, 'src/late.ts'), 'new\n');
      const util = await mine.call('who_is_editing', { file_path: 'src/util.ts' });
      expect(util.data.sessions).toEqual([expect.objectContaining({ sessionId: work.sessionId, change: { lines: '2', uncommitted: false, changedAt: expect.any(String) } })]);
      const late = await mine.call('who_is_editing', { file_path: 'src/late.ts' });
      expect(late.data.sessions).toEqual([expect.objectContaining({ sessionId: work.sessionId, change: expect.objectContaining({ lines: '1', uncommitted: true }) })]);
      expect((await mine.call('get_parallel_status', {})).data.sessions).toContainEqual(expect.objectContaining({ sessionId: work.sessionId, filesInProgress: 2 }));
    } finally {
      await mine.close();
    }
  });

  test('guard_edit never fails a hook: nothing to say for paths it cannot place, and no error', async () => {
    const repo = makeRepo({ 'a.txt': 'a\n' });
    const main = await fx.register(repo);
    const mine = await clientOf(main);
    try {
      for (const file_path of ['', '${tool_input.file_path}', '/etc/hosts', path.join(repo, 'x'.repeat(50_000)), 'relative.txt']) {
        expect(await mine.call('guard_edit', { file_path })).toEqual({ isError: false, text: '', data: { reply: '' } });
      }
      expect((await mine.call('who_is_editing', { file_path: '/etc/hosts' })).isError).toBe(true);
    } finally {
      await mine.close();
    }
  });
});
