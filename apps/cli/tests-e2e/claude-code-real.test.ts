// parallel-cc's hooks under the real Claude Code CLI (`npm run e2e:claude` installs it and sets
// PARALLEL_CC_E2E_CLAUDE; without it this file is skipped). Claude runs logged out, in a temp HOME
// (the real ~/.claude is never touched) with a temp PARALLEL_CC_HOME, on a throwaway repository:
// `claude -p hi` then fires SessionStart, UserPromptSubmit and SessionEnd, prints "Not logged in"
// and exits 1, with no network needed (TOOLCHAIN.md).
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, makeTempHome, removeTempDirs, startTrackedProcess, stopTrackedProcesses } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { pcc, pccJson, sessionRows } from '../tests/support';
import { startFakeAnthropic } from './fake-anthropic';
import { claudeEnv, debugLog, describeWithRealClaude, hookProblems, installProbe, runClaude } from './real-claude';

// The origin stored for a session the SessionStart hook registers where Claude already runs.
const IN_PLACE_ORIGIN = 'adopted';

let home: TempHome;
let env: NodeJS.ProcessEnv;
let repo: string;

beforeEach(() => {
  home = makeTempHome();
  env = claudeEnv(home);
  repo = makeRepo();
  const installed = pcc(['install', '--hooks'], { env });
  if (installed.code !== 0) throw new Error(`parallel-cc install --hooks exited ${installed.code}: ${installed.stderr}`);
});
afterAll(async () => {
  await stopTrackedProcesses();
  removeTempDirs();
});

describeWithRealClaude('the real Claude Code with parallel-cc hooks installed', () => {
  it('`claude -p hi` in the main checkout is registered where it runs, with its Claude session id, and released when it exits', async () => {
    const probe = installProbe(home);

    const run = await runClaude(['-p', 'hi', '--debug'], { env, cwd: repo });

    expect(run).toMatchObject({ code: 1, signal: null });
    expect(run.stdout).toContain('Not logged in');
    const seen = probe();
    const claudeSessionId = seen.input.session_id;
    expect(claudeSessionId).toMatch(/^[0-9a-f-]{36}$/);
    // While Claude ran: one session, in the main checkout, held by the claude process itself.
    expect(seen.rows).toEqual([
      expect.objectContaining({
        origin: IN_PLACE_ORIGIN,
        claude_session_id: claudeSessionId,
        worktree_path: repo,
        is_main_repo: 1,
        pid: run.pid,
      }),
    ]);
    expect(seen.status.sessions).toEqual([expect.objectContaining({ claudeSessionId, worktreePath: repo, state: 'live' })]);
    // After: released, nothing left in the registry or in `status`.
    expect(sessionRows(home.pccHome)).toEqual([]);
    expect(pccJson<{ sessions: unknown[] }>(['status'], { env, cwd: repo }).sessions).toEqual([]);
    // Our hooks ran (the log is this run's) and none of them failed.
    expect(debugLog(home)).toMatch(/SessionEnd:\S+ \[.*parallel-cc(\.js)?' hook session-end\] completed with status 0/);
    expect(hookProblems(home, run)).toEqual([]);
  });

  it('`claude -p hi` in a checkout another session holds is registered beside it, and only it is released when it exits', async () => {
    const holder = pccJson<{ sessionId: string; isMainRepo: boolean }>(['register', '--repo', repo, '--pid', String(startTrackedProcess().pid)], { env });
    expect(holder.isMainRepo).toBe(true);
    const probe = installProbe(home);

    const run = await runClaude(['-p', 'hi', '--debug'], { env, cwd: repo });

    expect(run).toMatchObject({ code: 1, signal: null });
    const seen = probe();
    const claudeSessionId = seen.input.session_id;
    expect(seen.status.sessions).toEqual(
      expect.arrayContaining([expect.objectContaining({ claudeSessionId, origin: IN_PLACE_ORIGIN, sharesPlaceWith: holder.sessionId, worktreePath: repo, state: 'live' })]),
    );
    expect(seen.rows).toEqual(expect.arrayContaining([expect.objectContaining({ claude_session_id: claudeSessionId, shares_place_with: holder.sessionId, pid: run.pid })]));
    // After: the guest is forgotten, the holder untouched.
    expect(sessionRows(home.pccHome)).toEqual([expect.objectContaining({ id: holder.sessionId, status: 'active' })]);
    expect(hookProblems(home, run)).toEqual([]);
  });

  it('`claude -w feat-x -p hi` gets its worktree from parallel-cc, shows in status as claude-worktree, and is released when it exits', async () => {
    const probe = installProbe(home);

    const run = await runClaude(['-w', 'feat-x', '-p', 'hi', '--debug'], { env, cwd: repo });

    expect(run).toMatchObject({ code: 1, signal: null });
    expect(run.stdout).toContain('Not logged in');
    const seen = probe();
    const claudeSessionId = seen.input.session_id;
    const session = seen.status.sessions.find((s) => s.claudeSessionId === claudeSessionId);
    expect(session).toMatchObject({ origin: 'claude-worktree', claudeSessionId, branch: 'worktree-feat-x', isMainRepo: false, state: 'live' });
    const worktree = session?.worktreePath as string;
    // Claude runs in the place our WorktreeCreate hook printed: in our folder layout, not the
    // `.claude/worktrees/feat-x` Claude makes by itself.
    expect(seen.input.cwd).toBe(worktree);
    expect(worktree).not.toBe(path.join(repo, '.claude', 'worktrees', 'feat-x'));
    // (The hooks Claude ran there saw that folder as their cwd: it existed, on the branch status showed.)
    expect(seen.rows).toEqual([expect.objectContaining({ claude_session_id: claudeSessionId, worktree_path: worktree, pid: run.pid })]);
    // After: released.
    expect(sessionRows(home.pccHome).filter((r) => r.claude_session_id === claudeSessionId && r.status !== 'kept')).toEqual([]);
    const after = pccJson<{ sessions: Array<Record<string, unknown>> }>(['status'], { env, cwd: repo });
    expect(after.sessions.filter((s) => s.claudeSessionId === claudeSessionId && s.state === 'live')).toEqual([]);
    // It held nothing (no change, no commit): it went with its session, and its branch too.
    expect(fs.existsSync(worktree)).toBe(false);
    expect(git(repo, 'branch', '--list', 'worktree-feat-x')).toBe('');
    expect(debugLog(home)).toMatch(/WorktreeCreate/);
    expect(hookProblems(home, run)).toEqual([]);
  });
});

describeWithRealClaude('the edit guard under the real Claude Code', () => {
  it('Claude Code loads the PreToolUse guard, as a command and as an mcp_tool hook of our server, with no hook or settings error', async () => {
    for (const flags of [['--hooks'], ['--hooks', '--mcp']]) {
      const installed = pcc(['install', ...flags], { env });
      expect(installed.code).toBe(0);
      const settings = JSON.parse(fs.readFileSync(path.join(home.home, '.claude', 'settings.json'), 'utf8'));
      const guard = settings.hooks.PreToolUse.find((g: { matcher?: string }) => g.matcher === 'Edit|Write|MultiEdit|NotebookEdit');
      expect(guard.hooks[0]).toMatchObject(flags.includes('--mcp') ? { type: 'mcp_tool', server: 'parallel-cc', tool: 'guard_edit' } : { type: 'command' });

      const run = await runClaude(['-p', 'hi', '--debug'], { env, cwd: repo });

      expect(run).toMatchObject({ code: 1, signal: null });
      expect(run.stdout).toContain('Not logged in');
      // One entry its settings schema refuses makes Claude Code drop every hook of the file, silently (2.1.197, checked by
      // hand): our SessionEnd hook running shows that the whole file, our PreToolUse entry included, was accepted.
      const ended = debugLog(home).match(/SessionEnd:\S+ \[.*parallel-cc(\.js)?' hook session-end\] completed with status 0/g) ?? [];
      expect(ended).toHaveLength(flags.includes('--mcp') ? 2 : 1);
      expect(hookProblems(home, run)).toEqual([]);
    }
  });

  it('with a stand-in for the model that calls Write, the guard denies a file another session holds EXCLUSIVE and lets a free one through, in both hook forms', async () => {
    const holder = pccJson<{ sessionId: string }>(['register', '--repo', repo, '--pid', String(startTrackedProcess().pid)], { env });
    expect(pcc(['claims', 'claim', 'guarded.txt', '--mode', 'EXCLUSIVE', '--session-id', holder.sessionId], { env }).code).toBe(0);
    for (const flags of [['--hooks'], ['--hooks', '--mcp']]) {
      expect(pcc(['install', ...flags], { env }).code).toBe(0);
      for (const file of ['guarded.txt', `free-${flags.length}.txt`]) {
        const target = path.join(repo, file);
        const api = await startFakeAnthropic({ filePath: target, content: 'written by the model\n' });
        try {
          const run = await runClaude(['-p', `write ${file}`, '--permission-mode', 'acceptEdits', '--debug'], {
            env: { ...env, ANTHROPIC_BASE_URL: api.url, ANTHROPIC_API_KEY: 'sk-fake-for-tests' },
            cwd: repo,
          });
          expect(run).toMatchObject({ code: 0, signal: null });
          expect(hookProblems(home, run)).toEqual([]);
          if (file === 'guarded.txt') {
            // Denied before the edit: nothing written, and the model was told who holds the file.
            expect(fs.existsSync(target)).toBe(false);
            expect(api.toolResults.join('\n')).toContain(holder.sessionId.slice(0, 8));
          } else {
            expect(fs.readFileSync(target, 'utf8')).toBe('written by the model\n');
          }
        } finally {
          await api.close();
        }
      }
    }
    // A notice waits for the holder (its next hook call hands it over): its claim refused an edit.
    const db = new Database(path.join(home.pccHome, 'coordinator.db'), { readonly: true });
    try {
      expect(db.prepare('select kind from notifications where session_id = ?').all(holder.sessionId)).toEqual(expect.arrayContaining([{ kind: 'claim-conflict' }]));
    } finally {
      db.close();
    }
  });
});
