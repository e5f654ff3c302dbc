// The text a model reads of each result: a line or a few it can act on. The data stays in
// structuredContent (support's `call` checks it against each tool's outputSchema).
import * as v from 'valibot';
import { makeRepo, makeTempDir } from '@parallel-cc/test-utils';
import { callTool, ERROR_CODE_META_KEY } from '../src';
import type { McpTool } from '../src';
import { branchOf, call, ok, textOf, useFixture } from './support';

const fx = useFixture();
const short = (id: string) => id.slice(0, 8);
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('text summaries', () => {
  test('get_parallel_status: one line naming you, each session, its branch, state and claims', async () => {
    const repo = makeRepo({ 'src/a.ts': 'export {};\n' });
    const main = await fx.register(repo);
    const me = await fx.register(repo);
    const other = await fx.register(repo);
    const otherContext = fx.context({ session: other, cwd: other.worktreePath });
    for (const file_path of ['src/a.ts', 'src/b.ts']) await ok(call('claim_file', { file_path }, otherContext));

    const result = await call('get_parallel_status', {}, fx.context({ session: me, cwd: me.worktreePath }));
    expect(result.structuredContent).toMatchObject({ callerSessionId: me.sessionId, sessions: [{ claimedFiles: 0 }, { claimedFiles: 0 }, { claimedFiles: 2 }] });
    expect(textOf(result)).toBe(
      `3 sessions on ${repo}: ${short(main.sessionId)} in the main checkout on main (live); ` +
        `you (${short(me.sessionId)}, ${branchOf(me)}; live); ${short(other.sessionId)} on ${branchOf(other)} (live, 2 files claimed).`,
    );

    const fromMain = textOf(await call('get_parallel_status', {}, fx.context({ session: main, cwd: repo })));
    expect(fromMain).toContain(`: you (${short(main.sessionId)}, main checkout, main; live); `);
  });

  test('get_parallel_status names an origin other than the wrapper, and a subagent\'s parent', async () => {
    const repo = makeRepo();
    const main = await fx.register(repo);
    const byClaude = await fx.register(repo, { origin: 'claude-worktree' });
    const subagent = await fx.register(repo, { origin: 'subagent', parentSessionId: byClaude.sessionId });
    expect(textOf(await call('get_parallel_status', {}, fx.context({ session: main, cwd: repo })))).toBe(
      `3 sessions on ${repo}: you (${short(main.sessionId)}, main checkout, main; live); ` +
        `${short(byClaude.sessionId)} on ${branchOf(byClaude)} (live, claude-worktree); ` +
        `${short(subagent.sessionId)} on ${branchOf(subagent)} (live, subagent of ${short(byClaude.sessionId)}).`,
    );
  });

  test('get_parallel_status outside any repository: a line per repository', async () => {
    const first = makeRepo();
    const second = makeRepo();
    await fx.register(first);
    await fx.register(second);
    const text = textOf(await call('get_parallel_status', {}, fx.context({ cwd: makeTempDir() })));
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^\d+ sessions in \d+ repositories:$/);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${literally(first)}: [0-9a-f]{8} in the main checkout on main \\(live\\)\\.$`))]));
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${literally(second)}: `))]));
    const empty = makeRepo();
    expect(textOf(await call('get_parallel_status', { repo_path: empty }, fx.context({ cwd: empty })))).toBe(`No parallel-cc sessions on ${empty}.`);
  });

  test('get_my_session, claim_file, list_file_claims and get_notifications say what to do', async () => {
    const repo = makeRepo({ 'src/a.ts': 'export {};\n' });
    const main = await fx.register(repo);
    const me = await fx.register(repo);
    const context = fx.context({ session: me, cwd: me.worktreePath });

    expect(textOf(await call('get_my_session', {}, context))).toBe(
      `You are session ${me.sessionId} (${short(me.sessionId)}): work and commit in the worktree ${me.worktreePath}, on ${branchOf(me)}; ` +
        `your base branch is main. Your ports: ${me.ports?.first}-${me.ports?.last} (PORT=${me.ports?.first}). 1 other live session: ${short(main.sessionId)} in the main checkout on main. Claim files (claim_file) before changing them.`,
    );
    const claimed = textOf(await call('claim_file', { file_path: 'src/a.ts' }, context));
    expect(claimed).toMatch(/^Claimed src\/a\.ts EXCLUSIVE until \d{4}-\d\d-\d\dT[\d:.]+Z\.$/);
    expect(textOf(await call('list_file_claims', {}, context))).toMatch(new RegExp(`^1 claim hold now: src/a\\.ts EXCLUSIVE by ${short(me.sessionId)} until .+Z\\.$`));

    expect(textOf(await call('get_notifications', {}, context))).toBe('No notifications are waiting.');
    await fx.notify(me.sessionId, 'merge', 'parallel-cc/x was merged into main: rebase.');
    await fx.notify(me.sessionId, 'claim-conflict', 'someone wants src/a.ts');
    expect(textOf(await call('get_notifications', {}, context))).toBe(
      '2 notifications, oldest first:\n- [merge] parallel-cc/x was merged into main: rebase.\n- [claim-conflict] someone wants src/a.ts',
    );
  });

  test('a failure is an isError text with its code in _meta, and no structuredContent', async () => {
    const repo = makeRepo();
    const result = await call('get_my_session', {}, fx.context({ cwd: repo }));
    expect(result).toEqual({
      isError: true,
      content: [{ type: 'text', text: expect.stringMatching(/^get_my_session works for the calling session/) }],
      _meta: { [ERROR_CODE_META_KEY]: 'NO_SESSION' },
    });
  });

  test('a result its output schema refuses is reported as a bug, not sent', async () => {
    const broken: McpTool = {
      name: 'broken',
      title: 'Broken',
      description: 'Returns what its schema does not allow.',
      input: v.object({}),
      output: v.object({ total: v.number() }),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      run: () => Promise.resolve({ total: 'many' }),
      summary: () => 'never',
    };
    const result = await callTool(broken, {}, fx.context({ cwd: makeTempDir() }));
    expect(result).toMatchObject({ isError: true, _meta: { [ERROR_CODE_META_KEY]: 'INTERNAL' } });
    expect(textOf(result)).toMatch(/^broken returned a result its output schema refuses \(a bug in parallel-cc\): total: /);
  });
});
