import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { processStartTime } from '@parallel-cc/core-sessions';
import { makeTempDir, removeTempDirs, startLiveProcess } from '@parallel-cc/test-utils';
import { LocalProvider, SandboxError } from '../src';
import type { LocalSandbox } from '../src';
import { NASTY_PROMPT, rejectionOf, waitFor } from './support';

const options = { template: 'ignored', timeoutMs: 60_000, envs: {}, metadata: { run: 'test' } };

let provider: LocalProvider;
const made: LocalSandbox[] = [];

beforeEach(() => {
  provider = new LocalProvider({ rootDir: path.join(makeTempDir('pcc-sandboxes-'), 'root') });
});

afterEach(async () => {
  await Promise.all(made.splice(0).map((s) => s.kill()));
  removeTempDirs();
});

async function create(envs: Record<string, string> = {}): Promise<LocalSandbox> {
  const sandbox = await provider.create({ ...options, envs });
  made.push(sandbox);
  return sandbox;
}

/** Runs argv and collects what it printed. */
async function output(sandbox: LocalSandbox, argv: string[], runOptions: Parameters<LocalSandbox['run']>[1] = {}) {
  let stdout = '';
  let stderr = '';
  const { exitCode } = await sandbox.run(argv, { ...runOptions, onStdout: (c) => (stdout += c), onStderr: (c) => (stderr += c) });
  return { exitCode, stdout, stderr };
}

const processesOf = (sandbox: LocalSandbox) => fs.readdirSync(path.join(sandbox.root, 'processes'));

/** The PIDs of process group `pgid` that still run (zombies waiting to be reaped do not). */
function liveMembers(pgid: number): number[] {
  return fs.readdirSync('/proc').flatMap((name) => {
    if (!/^\d+$/.test(name)) return [];
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(pgrp) === pgid && state !== 'Z' ? [Number(name)] : [];
    } catch {
      return [];
    }
  });
}

describe('LocalProvider', () => {
  test('creates a private folder named by the id, with the workdir and a scratch folder outside it', async () => {
    const sandbox = await create();
    expect(provider.name).toBe('local');
    expect(sandbox.id).toMatch(/^local-[A-Za-z0-9]+$/);
    expect(sandbox.root).toBe(path.join(provider.rootDir, sandbox.id));
    expect(fs.statSync(sandbox.root).mode & 0o777).toBe(0o700);
    expect(sandbox.workdir).toBe(path.join(sandbox.root, 'repo'));
    expect(sandbox.scratchDir).toBe(path.join(sandbox.root, 'scratch'));
    expect(fs.readdirSync(sandbox.workdir)).toEqual([]);
    expect(fs.existsSync(sandbox.scratchDir)).toBe(true);
    expect(sandbox.deadline?.getTime()).toBeGreaterThan(Date.now() + 50_000);
    const other = await create();
    expect(other.id).not.toBe(sandbox.id);
  });

  test('writes and reads files byte for byte, relative to the workdir, with a mode set before the content', async () => {
    const sandbox = await create();
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await sandbox.writeFile('deep/er/data.bin', bytes);
    expect(fs.readFileSync(path.join(sandbox.workdir, 'deep/er/data.bin'))).toEqual(bytes);
    expect(await sandbox.readFile('deep/er/data.bin')).toEqual(bytes);

    await sandbox.writeFile(path.join(sandbox.scratchDir, 'secret.json'), '{"token":"x"}', { mode: 0o600 });
    const secret = path.join(sandbox.scratchDir, 'secret.json');
    expect(fs.statSync(secret).mode & 0o777).toBe(0o600);
    // An existing, readable file is narrowed before it is overwritten.
    fs.writeFileSync(path.join(sandbox.workdir, 'open.txt'), 'old', { mode: 0o644 });
    await sandbox.writeFile('open.txt', 'new secret', { mode: 0o600 });
    expect(fs.statSync(path.join(sandbox.workdir, 'open.txt')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(sandbox.workdir, 'open.txt'), 'utf8')).toBe('new secret');
    await sandbox.writeFile('tool.sh', '#!/bin/sh\necho tool\n', { mode: 0o755 });
    expect(fs.statSync(path.join(sandbox.workdir, 'tool.sh')).mode & 0o777).toBe(0o755);
    expect(await output(sandbox, ['./tool.sh'])).toEqual({ exitCode: 0, stdout: 'tool\n', stderr: '' });

    expect(await rejectionOf(sandbox.readFile('missing.txt'))).toMatchObject({ code: 'NOT_FOUND', message: 'The sandbox has no file missing.txt.' });
  });

  test('never touches the host outside its folder', async () => {
    const sandbox = await create();
    for (const outside of ['../../escape.txt', '/etc/passwd', path.join(path.dirname(sandbox.root), 'x')]) {
      const error = await rejectionOf(sandbox.writeFile(outside, 'x'));
      expect(error).toBeInstanceOf(SandboxError);
      expect(error).toMatchObject({ code: 'PATH_OUTSIDE_SANDBOX' });
    }
    expect((await rejectionOf(sandbox.readFile('/etc/hostname'))).code).toBe('PATH_OUTSIDE_SANDBOX');
    expect((await rejectionOf(sandbox.run(['pwd'], { cwd: '/tmp' }))).code).toBe('PATH_OUTSIDE_SANDBOX');
    expect(fs.existsSync(path.join(path.dirname(sandbox.root), 'escape.txt'))).toBe(false);
  });

  test('runs argv without a shell: a prompt full of quotes, $, backticks and newlines arrives byte for byte', async () => {
    const sandbox = await create();
    // As an argument.
    expect((await output(sandbox, ['printf', '%s', NASTY_PROMPT])).stdout).toBe(NASTY_PROMPT);
    // On stdin, as text and as bytes (a Buffer that is not valid UTF-8).
    expect((await output(sandbox, ['cat'], { stdin: NASTY_PROMPT })).stdout).toBe(NASTY_PROMPT);
    const raw = Buffer.from([0xff, 0x00, 0x27, 0x24, 0x60, 0x0a, 0xc3]);
    expect((await sandbox.run(['sh', '-c', 'cat > stdin.bin'], { stdin: raw })).exitCode).toBe(0);
    expect(await sandbox.readFile('stdin.bin')).toEqual(raw);
    // As a file the command reads.
    await sandbox.writeFile(path.join(sandbox.scratchDir, 'prompt.txt'), NASTY_PROMPT);
    expect((await output(sandbox, ['cat', '../scratch/prompt.txt'])).stdout).toBe(NASTY_PROMPT);
    // Without stdin the command reads an empty input rather than waiting.
    expect(await output(sandbox, ['wc', '-c'])).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^\s*0\s*$/) });
  });

  test('gives commands the sandbox envs, the run envs and the working directory asked for', async () => {
    const sandbox = await create({ FROM_CREATE: 'c', SHARED: 'create' });
    fs.mkdirSync(path.join(sandbox.workdir, 'sub'));
    const result = await output(sandbox, ['sh', '-c', 'printf "%s %s %s %s" "$FROM_CREATE" "$FROM_RUN" "$SHARED" "$(pwd)"'], {
      envs: { FROM_RUN: 'r', SHARED: 'run' },
      cwd: 'sub',
    });
    expect(result.stdout).toBe(`c r run ${path.join(sandbox.workdir, 'sub')}`);
    expect(inspect(sandbox)).not.toContain('FROM_CREATE');
    expect(JSON.stringify(sandbox)).not.toContain('FROM_CREATE');
    expect((await rejectionOf(sandbox.run(['true'], { cwd: 'nowhere' }))).code).toBe('NOT_FOUND');
  });

  test('streams output as it comes, never splitting a UTF-8 character', async () => {
    const sandbox = await create();
    const chunks: Array<{ text: string; at: number }> = [];
    const started = Date.now();
    await sandbox.run(['sh', '-c', "printf 'first\\n'; sleep 0.6; printf '\\342'; sleep 0.2; printf '\\202\\254 second\\n'"], {
      onStdout: (text) => chunks.push({ text, at: Date.now() }),
    });
    const ended = Date.now();
    expect(chunks.map((c) => c.text).join('')).toBe('first\n€ second\n');
    expect(chunks[0]?.text).toBe('first\n');
    expect((chunks[0]?.at ?? Infinity) - started).toBeLessThan(ended - started - 500);
    expect(chunks.some((c) => c.text.includes('\uFFFD'))).toBe(false);
  });

  test('resolves with exit codes: the command’s own, 127 for a missing program, 128 + n for a signal', async () => {
    const sandbox = await create();
    expect((await sandbox.run(['sh', '-c', 'exit 3'])).exitCode).toBe(3);
    expect(await output(sandbox, ['no-such-program-pcc'])).toEqual({ exitCode: 127, stdout: '', stderr: 'no-such-program-pcc: command not found\n' });
    fs.writeFileSync(path.join(sandbox.workdir, 'not-executable'), 'echo', { mode: 0o644 });
    expect((await sandbox.run(['./not-executable'])).exitCode).toBe(126);
    expect((await sandbox.run(['sh', '-c', 'kill -TERM $$'])).exitCode).toBe(143);
    expect((await rejectionOf(sandbox.run([]))).code).toBe('INVALID_INPUT');
  });

  test('a timeout and an abort end the command and its children, and say which it was', async () => {
    const sandbox = await create();
    const t0 = Date.now();
    const timedOut = await rejectionOf(sandbox.run(['sh', '-c', 'sleep 30 & sleep 30'], { timeoutMs: 300 }));
    expect(timedOut).toMatchObject({ code: 'TIMEOUT', message: 'sh ran longer than 300 ms and was ended.' });
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(processesOf(sandbox)).toEqual([]);

    const controller = new AbortController();
    const running = sandbox.run(['sleep', '30'], { signal: controller.signal });
    await waitFor(() => processesOf(sandbox).length === 1);
    const pgid = Number(processesOf(sandbox)[0]);
    controller.abort();
    expect(await rejectionOf(running)).toMatchObject({ code: 'ABORTED' });
    expect(processStartTime(pgid)).toBeNull();
    expect((await rejectionOf(sandbox.run(['true'], { signal: controller.signal }))).code).toBe('ABORTED');
  });

  test('does not wait for a background child that keeps the output open, and kill ends that child too', async () => {
    const sandbox = await create();
    const t0 = Date.now();
    expect(await output(sandbox, ['sh', '-c', 'sleep 30 & echo started'])).toMatchObject({ exitCode: 0, stdout: 'started\n' });
    expect(Date.now() - t0).toBeLessThan(10_000);
    const pgid = Number(processesOf(sandbox)[0]);
    expect(liveMembers(pgid)).toHaveLength(1);
    await sandbox.kill();
    expect(liveMembers(pgid)).toEqual([]);
  });

  test('kill ends a running command (from this object or one connected by id) and removes the folder', async () => {
    const sandbox = await create();
    const running = sandbox.run(['sleep', '30']);
    await waitFor(() => processesOf(sandbox).length === 1);
    const pid = Number(processesOf(sandbox)[0]);
    expect(processStartTime(pid)).not.toBeNull();
    await sandbox.kill();
    expect(await running).toEqual({ exitCode: 143 });
    expect(processStartTime(pid)).toBeNull();
    expect(fs.existsSync(sandbox.root)).toBe(false);
    await sandbox.kill();

    const second = await create();
    const sleeping = second.run(['sh', '-c', 'sleep 30 & sleep 30']);
    await waitFor(() => processesOf(second).length === 1);
    const connected = await new LocalProvider({ rootDir: provider.rootDir }).connect(second.id);
    await connected.kill();
    expect((await sleeping).exitCode).toBe(143);
    expect(fs.existsSync(second.root)).toBe(false);
  });

  test('kill leaves alone a process whose PID was reused', async () => {
    const sandbox = await create();
    const stranger = startLiveProcess();
    try {
      // A record with the stranger's PID but another start time: a leftover of an ended command.
      fs.writeFileSync(path.join(sandbox.root, 'processes', String(stranger.pid)), 'boot:1');
      await sandbox.kill();
      expect(processStartTime(stranger.pid)).not.toBeNull();
    } finally {
      await stranger.kill();
    }
  });

  test('connect finds a sandbox by id, and says clearly when there is none', async () => {
    const sandbox = await create();
    await sandbox.writeFile('note.txt', 'hello');
    const again = await provider.connect(sandbox.id);
    expect(again).toMatchObject({ id: sandbox.id, workdir: sandbox.workdir, scratchDir: sandbox.scratchDir });
    expect((await again.readFile('note.txt')).toString()).toBe('hello');
    for (const id of ['local-nothere', '../root', 'repo', '']) {
      const error = await rejectionOf(provider.connect(id));
      expect(error).toMatchObject({ code: 'NOT_FOUND' });
      expect(error.message).toContain(provider.rootDir);
    }
  });
});
