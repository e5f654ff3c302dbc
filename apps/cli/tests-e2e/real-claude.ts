import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { BIN } from '../tests/support';

/** The real `claude` that `npm run e2e:claude` installed; unset in a plain `npm test`. */
export const CLAUDE = process.env.PARALLEL_CC_E2E_CLAUDE;

/** `describe` when the real Claude Code is at hand, else `describe.skip` with a line saying how to run it. */
export function describeWithRealClaude(name: string, body: () => void): void {
  if (CLAUDE) return describe(name, body);
  console.warn('PARALLEL_CC_E2E_CLAUDE is unset: the tests with the real Claude Code are skipped (`npm run e2e:claude` runs them)');
  describe.skip(name, body);
}

// Variables that would log Claude in (and make `-p hi` a paid API call) or make it think it runs
// inside another Claude session: the tests want the logged-out path, which needs no network.
const DROPPED = ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'CLAUDE_CODE_OAUTH_TOKEN', 'CLAUDECODE', 'CLAUDE_CODE_SESSION_ID', 'CLAUDE_CODE_ENTRYPOINT'];

/** The environment the real claude runs in: the temp home's, that claude first on PATH, no login, no updater. */
export function claudeEnv(home: TempHome): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...home.env,
    PATH: `${path.dirname(CLAUDE as string)}${path.delimiter}${home.env.PATH}`,
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  };
  for (const key of DROPPED) delete env[key];
  return env;
}

/** What the probe hook saw while Claude ran: the hook's stdin, the registry's rows and `status --json`. */
export interface ProbeSnapshot {
  input: { session_id: string; cwd: string; hook_event_name: string };
  rows: Array<Record<string, unknown>>;
  status: { sessions: Array<Record<string, unknown>> };
}

// Runs as a UserPromptSubmit hook: Claude fires it after the SessionStart hooks have finished and
// before it finds it is not logged in, so it sees the session as it is while Claude runs. The
// snapshot is written whole (temp + rename).
const PROBE = `
const fs = require('fs'), path = require('path'), { execFileSync } = require('child_process');
const [out, pcc, sqlite] = process.argv.slice(2);
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const Database = require(sqlite);
const db = new Database(path.join(process.env.PARALLEL_CC_HOME, 'coordinator.db'), { readonly: true });
const rows = db.prepare('select * from sessions').all();
db.close();
const status = JSON.parse(execFileSync(process.execPath, [pcc, 'status', '--json'], { encoding: 'utf8' }));
const file = path.join(out, input.hook_event_name + '.json');
fs.writeFileSync(file + '.tmp', JSON.stringify({ input, rows, status }));
fs.renameSync(file + '.tmp', file);
`;

/**
 * Adds the probe hook to the temp home's ~/.claude/settings.json (beside the hooks `install` wrote)
 * and returns a function that reads what it saw, once Claude has exited.
 */
export function installProbe(home: TempHome): () => ProbeSnapshot {
  const out = makeTempDir('pcc-e2e-probe-');
  const script = path.join(out, 'probe.js');
  fs.writeFileSync(script, PROBE);
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, script, out, BIN.pcc, require.resolve('better-sqlite3')].map(quote).join(' ');
  const file = path.join(home.home, '.claude', 'settings.json');
  const settings = JSON.parse(fs.readFileSync(file, 'utf8'));
  settings.hooks.UserPromptSubmit = [{ hooks: [{ type: 'command', command, timeout: 30 }] }];
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
  return () => {
    const snapshot = path.join(out, 'UserPromptSubmit.json');
    if (!fs.existsSync(snapshot)) throw new Error('the probe hook never ran: Claude did not get as far as the prompt');
    return JSON.parse(fs.readFileSync(snapshot, 'utf8')) as ProbeSnapshot;
  };
}

/** How a run of the real claude ended. */
export interface ClaudeRun {
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `claude args…` in `cwd` to its end (killed after 90 s, so a hang fails the test rather than the run). */
export function runClaude(args: string[], options: { env: NodeJS.ProcessEnv; cwd: string }): Promise<ClaudeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(CLAUDE as string, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 90_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ pid: child.pid as number, code, signal, stdout, stderr }));
  });
}

// How Claude Code 2.1.197 reports a hook that went wrong, in its --debug log and on stderr:
// "Hook SessionStart:startup (SessionStart) error:", "… completed with status 1",
// "SessionEnd:other [cmd] cancelled" (timed out), "SessionEnd hook [cmd] failed: …".
const HOOK_PROBLEM = /\bHook\b.*\berror:|completed with status [1-9]|\] cancelled\b|\bhook\b.*\bfailed\b/i;

/** The whole --debug log of the temp home (Claude writes it to ~/.claude/debug/*.txt). */
export function debugLog(home: TempHome): string {
  const dir = path.join(home.home, '.claude', 'debug');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
}

/** The lines of Claude's --debug log and of its stderr that report a hook failing. */
export function hookProblems(home: TempHome, run: ClaudeRun): string[] {
  return `${debugLog(home)}\n${run.stderr}`.split('\n').filter((line) => HOOK_PROBLEM.test(line));
}
