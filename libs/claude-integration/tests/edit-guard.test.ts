import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, makeTempHome, removeTempDirs, startLiveProcess } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { listClaims, openCoordinator, claimFile, registerSession, releaseSession, takeNotifications } from '@parallel-cc/core-sessions';
import type { Coordinator, Registration } from '@parallel-cc/core-sessions';
import { runHook } from '../src';

let home: TempHome;
let coordinator: Coordinator;
const live: LiveProcess[] = [];
const startLive = () => {
  const p = startLiveProcess();
  live.push(p);
  return p;
};

beforeEach(async () => {
  home = makeTempHome();
  coordinator = await openCoordinator({ env: home.env });
});
afterEach(async () => {
  await coordinator.close();
  await Promise.all(live.splice(0).map((p) => p.kill()));
});
afterAll(() => removeTempDirs());

/** Two sessions on one repository: `a` in the main checkout, `b` in a worktree of its own. */
async function twoSessions(): Promise<{ repo: string; a: Registration & { process: LiveProcess }; b: Registration }> {
  const repo = makeRepo({ 'src/app.ts': 'one\ntwo\nthree\nfour\nfive\n', 'README.md': 'hi\n' });
  const aProcess = startLive();
  const a = await registerSession(coordinator, { repo, pid: aProcess.pid, env: home.env });
  const b = await registerSession(coordinator, { repo, pid: startLive().pid, env: home.env });
  return { repo, a: { ...a, process: aProcess }, b };
}

// What Claude Code writes to a PreToolUse or PostToolUse hook's stdin for an edit.
const toolInput = (event: 'PreToolUse' | 'PostToolUse', cwd: string, file: string, tool = 'Edit') =>
  JSON.stringify({
    session_id: `claude-${path.basename(cwd)}`,
    transcript_path: '/tmp/t.jsonl',
    cwd,
    hook_event_name: event,
    tool_name: tool,
    tool_use_id: 'toolu_01',
    tool_input: tool === 'NotebookEdit' ? { notebook_path: file, new_source: 'x' } : { file_path: file, old_string: 'two', new_string: 'TWO' },
    ...(event === 'PostToolUse' ? { tool_response: { filePath: file, success: true } } : {}),
  });
const guard = (session: Registration, file: string, tool?: string) =>
  runHook('pre-tool-use', toolInput('PreToolUse', session.worktreePath, path.join(session.worktreePath, file), tool), {
    env: { ...home.env, PARALLEL_CC_SESSION_ID: session.sessionId },
  });
const edited = (session: Registration, file: string, tool?: string) =>
  runHook('post-tool-use', toolInput('PostToolUse', session.worktreePath, path.join(session.worktreePath, file), tool), {
    env: { ...home.env, PARALLEL_CC_SESSION_ID: session.sessionId },
  });
const hooksLog = () => {
  const file = path.join(home.pccHome, 'logs', 'hooks.log');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
};

/** The shape Claude Code accepts from a PreToolUse hook (its settings schema, 2.1.197). */
function expectPreToolUseShape(out: unknown): void {
  expect(out).toEqual({ hookSpecificOutput: expect.any(Object) });
  const specific = (out as { hookSpecificOutput: Record<string, unknown> }).hookSpecificOutput;
  expect(specific.hookEventName).toBe('PreToolUse');
  for (const key of Object.keys(specific)) expect(['hookEventName', 'permissionDecision', 'permissionDecisionReason', 'additionalContext']).toContain(key);
  if ('permissionDecision' in specific) expect(['allow', 'deny', 'ask', 'defer']).toContain(specific.permissionDecision);
  for (const key of ['permissionDecisionReason', 'additionalContext']) {
    if (key in specific) expect(typeof specific[key] === 'string' && (specific[key] as string).length <= 10_000).toBe(true);
  }
}

describe('the PreToolUse edit guard', () => {
  it('denies an edit of a file another live session holds EXCLUSIVE, and tells the holder', async () => {
    const { a, b } = await twoSessions();
    await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/app.ts', mode: 'EXCLUSIVE' });

    const out = JSON.parse(await guard(b, 'src/app.ts'));
    expectPreToolUseShape(out);
    expect(out.hookSpecificOutput.permissionDecision).toBe('deny');
    expect(out.hookSpecificOutput.permissionDecisionReason).toMatch(
      new RegExp(`src/app\\.ts is held EXCLUSIVE by session ${a.sessionId.slice(0, 8)} \\(main\\), claimed less than a minute ago\\. .*release_file`),
    );
    const told = await takeNotifications(coordinator, a.sessionId);
    expect(told).toEqual([expect.objectContaining({ kind: 'claim-conflict', text: expect.stringContaining(`Session ${b.sessionId.slice(0, 8)} (${b.branch}) wants to edit src/app.ts`) })]);
    // The same attempt again does not pile up a second notice while the first waits.
    await guard(b, 'src/app.ts');
    await guard(b, 'src/app.ts');
    expect(await takeNotifications(coordinator, a.sessionId)).toHaveLength(1);
  });

  it('claims each edited file INTENT, records its changed lines, and warns another session that edits it', async () => {
    const { a, b } = await twoSessions();
    fs.writeFileSync(path.join(a.worktreePath, 'src/app.ts'), 'one\nTWO\nthree\nfour\nFIVE\n');
    expect(await edited(a, 'src/app.ts')).toBe('');
    expect(await listClaims(coordinator, { sessionId: a.sessionId })).toEqual([
      expect.objectContaining({ filePath: 'src/app.ts', mode: 'INTENT', ttlSeconds: 1800 }),
    ]);
    expect(coordinator.raw.prepare('select file_path, ranges, uncommitted from changed_files').all()).toEqual([
      { file_path: 'src/app.ts', ranges: '2,5', uncommitted: 1 },
    ]);

    const out = JSON.parse(await guard(b, 'src/app.ts'));
    expectPreToolUseShape(out);
    // A warning decides nothing: Claude Code's own permission rules and prompts still apply.
    expect(out.hookSpecificOutput.permissionDecision).toBeUndefined();
    expect(out.hookSpecificOutput.additionalContext).toContain(
      `session ${a.sessionId.slice(0, 8)} (main): changed lines 2, 5 (uncommitted); holds it INTENT since less than a minute ago`,
    );
    // The other session hears of it at its next hook call.
    const next = JSON.parse(await edited(a, 'README.md'));
    expect(next.hookSpecificOutput.additionalContext).toContain(`[parallel-cc edit-collision] Session ${b.sessionId.slice(0, 8)} (${b.branch}) is editing src/app.ts`);
    // An untouched file stays silent, and so does the session's own file for itself.
    expect(await guard(b, 'src/other.ts')).toBe('');
    expect(await guard(a, 'src/app.ts')).toBe('');
  });

  it('sees changes committed on a branch and the whole of a new file, and drops a file that no longer differs', async () => {
    const { a, b } = await twoSessions();
    fs.writeFileSync(path.join(b.worktreePath, 'src/app.ts'), 'one\ntwo\nthree\nfour\nfive\nsix\n');
    git(b.worktreePath, 'commit', '-qam', 'six');
    await edited(b, 'src/app.ts', 'MultiEdit');
    fs.writeFileSync(path.join(b.worktreePath, 'src/new.ts'), 'a\nb\nc\n');
    await edited(b, 'src/new.ts', 'Write');
    const rows = coordinator.raw.prepare('select file_path, ranges, uncommitted from changed_files order by file_path').all();
    expect(rows).toEqual([
      { file_path: 'src/app.ts', ranges: '6', uncommitted: 0 },
      { file_path: 'src/new.ts', ranges: '1-3', uncommitted: 1 },
    ]);
    expect(JSON.parse(await guard(a, 'src/app.ts')).hookSpecificOutput.additionalContext).toContain('changed line 6 (committed on its branch)');

    fs.rmSync(path.join(b.worktreePath, 'src/new.ts'));
    git(b.worktreePath, 'reset', '-q', '--hard', 'HEAD~1');
    await edited(b, 'src/app.ts');
    expect(coordinator.raw.prepare('select file_path from changed_files').all()).toEqual([{ file_path: 'src/new.ts' }]);
  });

  it('drops the claims and changes of a released session', async () => {
    const { a, b } = await twoSessions();
    fs.writeFileSync(path.join(b.worktreePath, 'src/app.ts'), 'one\n');
    await edited(b, 'src/app.ts');
    git(b.worktreePath, 'checkout', '-q', '--', 'src/app.ts');
    expect(await listClaims(coordinator, { sessionId: b.sessionId })).toHaveLength(1);
    await releaseSession(coordinator, { sessionId: b.sessionId });
    expect(await listClaims(coordinator, {})).toEqual([]);
    expect(coordinator.raw.prepare('select * from changed_files').all()).toEqual([]);
    expect(await guard(a, 'src/app.ts')).toBe('');
  });

  it("never warns of a dead session's work, but does of a kept worktree's", async () => {
    const { a, b } = await twoSessions();
    fs.writeFileSync(path.join(a.worktreePath, 'src/app.ts'), 'ONE\n');
    await edited(a, 'src/app.ts');
    await a.process.kill();
    expect(await guard(b, 'src/app.ts')).toBe('');
    coordinator.raw.prepare("update sessions set status = 'kept', kept_reason = 'uncommitted changes' where id = ?").run(a.sessionId);
    const out = JSON.parse(await guard(b, 'src/app.ts'));
    expect(out.hookSpecificOutput.additionalContext).toContain('its session ended and its worktree was kept, so this work still waits to be merged');
    expect(out.hookSpecificOutput.additionalContext).not.toContain('INTENT');
  });

  it('follows git config parallel-cc.guard: warn, deny and off', async () => {
    const { repo, a, b } = await twoSessions();
    await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/app.ts', mode: 'EXCLUSIVE' });
    await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'README.md', mode: 'SHARED' });
    git(repo, 'config', 'parallel-cc.guard', 'warn');
    const warned = JSON.parse(await guard(b, 'src/app.ts'));
    expect(warned.hookSpecificOutput.permissionDecision).toBeUndefined();
    expect(warned.hookSpecificOutput.additionalContext).toContain('holds it EXCLUSIVE');
    git(repo, 'config', 'parallel-cc.guard', 'deny');
    expect(JSON.parse(await guard(b, 'README.md')).hookSpecificOutput.permissionDecision).toBe('deny');
    git(repo, 'config', 'parallel-cc.guard', 'off');
    expect(await guard(b, 'src/app.ts')).toBe('');
    expect(await guard(b, 'README.md')).toBe('');
  });

  it('guards NotebookEdit by its notebook_path', async () => {
    const { a, b } = await twoSessions();
    await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'nb.ipynb', mode: 'EXCLUSIVE' });
    expect(JSON.parse(await guard(b, 'nb.ipynb', 'NotebookEdit')).hookSpecificOutput.permissionDecision).toBe('deny');
  });
});

describe('the guard never blocks an edit by failing', () => {
  it('prints nothing for bad input and odd paths, and logs what went wrong', async () => {
    const { a, b } = await twoSessions();
    await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/app.ts', mode: 'EXCLUSIVE' });
    const env = { ...home.env, PARALLEL_CC_SESSION_ID: b.sessionId };
    const run = (stdin: string) => runHook('pre-tool-use', stdin, { env });
    for (const stdin of ['', 'not json', '[]', '42', '{"tool_input": 7}', '{"tool_input": {"file_path": 7}}']) expect(await run(stdin)).toBe('');
    expect(hooksLog()).toMatch(/hook pre-tool-use failed: SyntaxError/);

    // Outside the repository, through a symbolic link out of it, a path far too long, a relative path with no cwd.
    fs.symlinkSync(home.pccHome, path.join(b.worktreePath, 'out'));
    for (const file of ['/etc/hosts', path.join(b.worktreePath, 'out', 'x.ts'), path.join(b.worktreePath, 'x'.repeat(100_000))]) {
      expect(await run(toolInput('PreToolUse', b.worktreePath, file))).toBe('');
    }
    expect(await run(JSON.stringify({ tool_name: 'Edit', tool_input: { file_path: 'src/app.ts' } }))).toBe('');
    expect(hooksLog()).toMatch(/hook pre-tool-use failed: SessionError: The file path .*out\/x\.ts.* leads outside the repository/);
    expect(hooksLog()).toMatch(/hook pre-tool-use failed: SessionError: The file path .* must be at most 4096 characters/);
  });

  it('prints nothing when its own session row is gone or there is no database', async () => {
    const { a, b } = await twoSessions();
    await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/app.ts', mode: 'EXCLUSIVE' });
    coordinator.raw.prepare('delete from sessions where id = ?').run(a.sessionId);
    expect(await guard(b, 'src/app.ts')).toBe('');
    const empty = makeTempHome();
    const out = await runHook('pre-tool-use', toolInput('PreToolUse', b.worktreePath, path.join(b.worktreePath, 'src/app.ts')), { env: empty.env });
    expect(out).toBe('');
    expect(fs.existsSync(path.join(empty.pccHome, 'coordinator.db'))).toBe(false);
  });
});
