// A stand-in agent and a repository for the run tests (not a test file itself).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeRepo, makeTempDir, writeFiles } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { LocalProvider } from '../src';
import type { RunnerCoordinator } from '../src';
import { openFresh } from './support';

/** What the stand-in agent does, in order: writes and deletes, optionally commits, signals, sleeps, more writes. */
export interface AgentPlan {
  write?: Record<string, string>;
  /** Files written as Latin-1 bytes (text that is not UTF-8). */
  writeLatin1?: Record<string, string>;
  remove?: string[];
  commit?: string;
  sleepMs?: number;
  after?: Record<string, string>;
  exitCode?: number;
}

const AGENT = `
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const [outDir, planJson] = process.argv.slice(2);
const plan = JSON.parse(planJson);
const walk = (dir, prefix = '') => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.name === '.git' ? [] : e.isDirectory() ? walk(path.join(dir, e.name), prefix + e.name + '/') : [prefix + e.name]);
const write = (files) => { for (const [f, c] of Object.entries(files || {})) { fs.mkdirSync(path.dirname(f), { recursive: true }); fs.writeFileSync(f, c); } };
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  fs.writeFileSync(path.join(outDir, 'prompt.bin'), Buffer.concat(chunks));
  fs.writeFileSync(path.join(outDir, 'seen.json'), JSON.stringify(walk('.').sort()));
  // What the sandbox's repository holds: every commit's subject, and every object id.
  fs.writeFileSync(path.join(outDir, 'history.json'), JSON.stringify({
    subjects: execFileSync('git', ['log', '--all', '--format=%s'], { encoding: 'utf8' }).split('\\n').filter(Boolean),
    objects: execFileSync('git', ['rev-list', '--all', '--objects'], { encoding: 'utf8' }).split('\\n').map((l) => l.split(' ')[0]).filter(Boolean),
  }));
  write(plan.write);
  for (const [f, c] of Object.entries(plan.writeLatin1 || {})) fs.writeFileSync(f, Buffer.from(c, 'latin1'));
  for (const f of plan.remove || []) fs.rmSync(f);
  if (plan.commit) {
    execFileSync('git', ['-c', 'user.name=agent', '-c', 'user.email=agent@example.com', '-c', 'commit.gpgSign=false', 'commit', '-qam', plan.commit]);
  }
  process.stdout.write('agent: working\\n');
  fs.writeFileSync(path.join(outDir, 'ready'), '');
  setTimeout(() => { write(plan.after); process.exit(plan.exitCode || 0); }, plan.sleepMs || 0);
});
`;

/** The stand-in agent's command for `plan`, and the folder it reports into (prompt.bin, seen.json, history.json, ready). */
export function standInAgent(plan: AgentPlan): { command: string[]; outDir: string } {
  const dir = makeTempDir('pcc-agent-');
  const script = path.join(dir, 'agent.js');
  fs.writeFileSync(script, AGENT);
  const outDir = path.join(dir, 'out');
  fs.mkdirSync(outDir);
  return { command: [process.execPath, script, outDir, JSON.stringify(plan)], outDir };
}

/** A repository with a tracked credential and an ignored `.env` that `.worktreeinclude` copies into every new worktree. */
export function runRepo(): string {
  const repo = makeRepo({
    'README.md': '# app\n',
    'src/old.ts': 'export const old = 1;\n',
    'src/keep.ts': 'export const keep = 1;\n',
    'certs/server.pem': '-----BEGIN PRIVATE KEY-----\n',
    '.gitignore': '.env\n',
    '.worktreeinclude': '.env\n',
  });
  writeFiles(repo, { '.env': 'API_KEY=secret\n' });
  return repo;
}

/** A `gh` stand-in in its own folder: records its argv (one per line), stdin and GITHUB_TOKEN, prints a PR URL. */
export function fakeGh(): { binDir: string; record: string } {
  const binDir = makeTempDir('pcc-gh-');
  const record = path.join(binDir, 'record');
  fs.mkdirSync(record);
  const gh = path.join(binDir, 'gh');
  fs.writeFileSync(
    gh,
    `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}/argv'\ncat > '${record}/stdin'\nprintf '%s' "$GITHUB_TOKEN" > '${record}/token'\necho 'https://github.com/o/r/pull/7'\n`,
    { mode: 0o755 },
  );
  return { binDir, record };
}

/** What a run test needs: a fresh home with an API key, its database, a local provider, {@link runRepo}. */
export async function openRunFixture(): Promise<{ home: TempHome; coordinator: RunnerCoordinator; provider: LocalProvider; repo: string }> {
  const { home, coordinator } = await openFresh();
  home.env.ANTHROPIC_API_KEY = 'sk-ant-test-key';
  const provider = new LocalProvider({ rootDir: path.join(makeTempDir('pcc-sandboxes-'), 'root') });
  return { home, coordinator, provider, repo: runRepo() };
}
