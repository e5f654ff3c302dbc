import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeRepo, makeTempHome, removeTempDirs, startTrackedProcess, stopTrackedProcesses } from '@parallel-cc/test-utils';
import { BIN, pccJson } from './support';

afterEach(() => stopTrackedProcesses());
afterAll(() => removeTempDirs());

// `parallel-cc hook pre-tool-use` as Claude Code runs it: the bin, a bundle of the guard alone, JSON on stdin.
const guard = (env: NodeJS.ProcessEnv, input: string) => execFileSync(process.execPath, [BIN.pcc, 'hook', 'pre-tool-use'], { env, input, encoding: 'utf8' });

describe('parallel-cc hook pre-tool-use (the cold process Claude Code runs before each edit)', () => {
  it('denies an edit of another session’s EXCLUSIVE file, is silent for others, and never fails', () => {
    const home = makeTempHome();
    const repo = makeRepo({ 'src/app.ts': 'export {};\n' });
    const a = pccJson<{ sessionId: string }>(['register', '--repo', repo, '--pid', String(startTrackedProcess().pid)], { env: home.env });
    const b = pccJson<{ sessionId: string; worktreePath: string }>(['register', '--repo', repo, '--pid', String(startTrackedProcess().pid)], { env: home.env });
    pccJson(['claims', 'claim', 'src/app.ts', '--mode', 'EXCLUSIVE', '--session-id', a.sessionId], { env: home.env });
    const env = { ...home.env, PARALLEL_CC_SESSION_ID: b.sessionId };
    const edit = (file: string) =>
      JSON.stringify({ session_id: 'c-b', transcript_path: '/tmp/t.jsonl', cwd: b.worktreePath, hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: path.join(b.worktreePath, file), content: 'x' } });

    const denied = JSON.parse(guard(env, edit('src/app.ts')));
    expect(denied).toEqual({
      hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: expect.stringContaining(`held EXCLUSIVE by session ${a.sessionId.slice(0, 8)} (main)`) },
    });
    expect(guard(env, edit('src/other.ts'))).toBe('');
    for (const input of ['', 'garbage', '{"tool_input": {"file_path": "/etc/passwd"}}']) expect(guard(env, input)).toBe('');
    expect(fs.readFileSync(path.join(home.pccHome, 'logs', 'hooks.log'), 'utf8')).toMatch(/hook pre-tool-use failed/);
  });
});
