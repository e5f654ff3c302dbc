import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { DEFAULT_E2B_TEMPLATE, E2BProvider, SandboxError } from '../src';
import { E2B_SCRATCH_DIR, E2B_WORKDIR, requireE2BApiKey } from '../src/sandbox/e2b-provider';
import { fromE2BError } from '../src/sandbox/e2b-errors';
import { shellCommand } from '../src/sandbox/shell-quote';
import type { E2BSandbox } from '../src';
import { AuthenticationError, CommandExitError, FakeE2B, GOOD_KEY, networkError, realShell, TimeoutError } from './fake-e2b';
import type { FakeSandbox } from './fake-e2b';
import { NASTY_PROMPT, rejectionOf, thrownBy } from './support';

const createOptions = {
  template: DEFAULT_E2B_TEMPLATE,
  timeoutMs: 3_600_000,
  envs: { ANTHROPIC_API_KEY: 'sk-ant-secret-value' },
  metadata: { sessionId: 's-1' },
};

let fake: FakeE2B;
let provider: E2BProvider;

beforeEach(() => {
  fake = new FakeE2B();
  provider = new E2BProvider({ apiKey: GOOD_KEY, sdk: fake });
});

afterAll(() => removeTempDirs());

async function created(): Promise<{ sandbox: E2BSandbox; inner: FakeSandbox }> {
  const sandbox = await provider.create(createOptions);
  const inner = fake.sandboxes.get(sandbox.id);
  if (!inner) throw new Error('the fake made no sandbox');
  inner.calls.splice(0);
  return { sandbox, inner };
}

describe('E2BProvider over the SDK surface (an in-memory fake)', () => {
  test('create starts a sandbox from the template with the key, timeout, metadata and envs, and makes its folders', async () => {
    const sandbox = await provider.create(createOptions);
    expect(provider.name).toBe('e2b');
    expect(DEFAULT_E2B_TEMPLATE).toBe('anthropic-claude-code');
    const inner = fake.sandboxes.get(sandbox.id);
    if (!inner) throw new Error('the fake made no sandbox');
    expect(inner.template).toBe('anthropic-claude-code');
    expect(inner.createOptions).toEqual({ apiKey: GOOD_KEY, timeoutMs: 3_600_000, metadata: { sessionId: 's-1' }, envs: createOptions.envs });
    expect(sandbox).toMatchObject({ id: inner.sandboxId, workdir: E2B_WORKDIR, scratchDir: E2B_SCRATCH_DIR });
    expect(inner.commandsRun()).toEqual([`'mkdir' '-p' '/home/user/repo' '/home/user/.parallel-cc'`]);
    // Nothing secret is ever part of a command line.
    expect(inner.commandsRun().join('\n')).not.toContain('sk-ant');
  });

  test('create kills the sandbox when its folders cannot be made', async () => {
    fake.handler = () => ({ exitCode: 1, stderr: 'read-only file system' });
    const error = await rejectionOf(provider.create(createOptions));
    expect(error).toMatchObject({ code: 'PROVIDER_FAILED' });
    expect([...fake.sandboxes.values()].every((s) => s.killed)).toBe(true);
  });

  test('writes and reads files (relative paths inside the workdir), bytes unchanged', async () => {
    const { sandbox, inner } = await created();
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await sandbox.writeFile('src/data.bin', bytes);
    await sandbox.writeFile('/tmp/note.txt', 'text');
    expect(inner.stored.get('/home/user/repo/src/data.bin')).toEqual(bytes);
    expect(inner.stored.get('/tmp/note.txt')?.toString()).toBe('text');
    expect(await sandbox.readFile('src/data.bin')).toEqual(bytes);
    expect(Buffer.isBuffer(await sandbox.readFile('/tmp/note.txt'))).toBe(true);
    expect(await rejectionOf(sandbox.readFile('missing'))).toMatchObject({ code: 'NOT_FOUND' });
  });

  test('a file with a mode is created empty with it before its content is written, and set again after', async () => {
    const { sandbox, inner } = await created();
    await sandbox.writeFile('/home/user/.claude/.credentials.json', '{"secret":1}', { mode: 0o600 });
    expect(inner.calls.map((c) => c.op)).toEqual(['run', 'write', 'run']);
    const [before, after] = inner.commandsRun();
    expect(before).toBe(shellCommand(['sh', '-c', 'umask 077 && mkdir -p "$(dirname "$1")" && : > "$1" && chmod "$2" "$1"', 'sh', '/home/user/.claude/.credentials.json', '600']));
    expect(after).toBe(`'chmod' '600' '/home/user/.claude/.credentials.json'`);
    expect(await rejectionOf(sandbox.writeFile('x', 'y', { mode: -1 }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rejectionOf(sandbox.writeFile('x', 'y', { mode: 0o10000 }))).toMatchObject({ code: 'INVALID_INPUT' });
    fake.handler = () => ({ exitCode: 1, stderr: 'chmod: denied' });
    expect(await rejectionOf(sandbox.writeFile('y', 'z', { mode: 0o600 }))).toMatchObject({
      code: 'PROVIDER_FAILED',
      message: expect.stringContaining('chmod: denied'),
    });
  });

  test('run sends argv as one string of single-quoted words, in the workdir, without a time limit unless asked', async () => {
    const { sandbox, inner } = await created();
    const stdout: string[] = [];
    const stderr: string[] = [];
    fake.handler = () => ({ exitCode: 0, stdout: 'out', stderr: 'err' });
    const argv = ['claude', '-p', '--dangerously-skip-permissions', NASTY_PROMPT];
    expect(await sandbox.run(argv, { envs: { A: '1' }, onStdout: (c) => stdout.push(c), onStderr: (c) => stderr.push(c) })).toEqual({ exitCode: 0 });
    const call = inner.calls[0];
    expect(call).toMatchObject({ op: 'run', cmd: shellCommand(argv), opts: { cwd: E2B_WORKDIR, envs: { A: '1' }, timeoutMs: 0 } });
    expect([stdout, stderr]).toEqual([['out'], ['err']]);
    await sandbox.run(['ls'], { cwd: 'sub', timeoutMs: 5_000 });
    expect(inner.calls[1]).toMatchObject({ opts: { cwd: '/home/user/repo/sub', timeoutMs: 5_000 } });
  });

  test('a non-zero exit (CommandExitError) is a result, not a failure', async () => {
    const { sandbox } = await created();
    fake.handler = () => ({ exitCode: 2, stderr: 'lint failed' });
    const stderr: string[] = [];
    expect(await sandbox.run(['npm', 'test'], { onStderr: (c) => stderr.push(c) })).toEqual({ exitCode: 2 });
    expect(stderr).toEqual(['lint failed']);
  });

  test('stdin goes to a scratch file first and is redirected from it, then the file is removed', async () => {
    const { sandbox, inner } = await created();
    await sandbox.run(['claude', '-p'], { stdin: NASTY_PROMPT });
    const write = inner.calls[0];
    expect(write?.op).toBe('write');
    const file = write?.op === 'write' ? write.path : '';
    expect(file).toMatch(/^\/home\/user\/\.parallel-cc\/stdin-[0-9a-f-]{36}$/);
    expect(write?.op === 'write' && write.bytes.toString('utf8')).toBe(NASTY_PROMPT);
    expect(inner.commandsRun()).toEqual([`'claude' '-p' < '${file}'`, `'rm' '-f' '${file}'`]);
  });

  test('through a real shell, argv and stdin arrive byte for byte', async () => {
    const host = makeTempDir('pcc-fake-e2b-');
    const workdir = path.join(host, 'repo');
    fs.mkdirSync(workdir);
    fake.handler = realShell();
    const local = new E2BProvider({ apiKey: GOOD_KEY, sdk: fake, workdir, scratchDir: path.join(host, 'scratch') });
    const sandbox = await local.create(createOptions);
    let stdout = '';
    await sandbox.run(['cat'], { stdin: NASTY_PROMPT, onStdout: (c) => (stdout += c) });
    expect(stdout).toBe(NASTY_PROMPT);
    expect(fs.readdirSync(path.join(host, 'scratch'))).toEqual([]);

    const ascii = Array.from({ length: 127 }, (_, i) => String.fromCharCode(i + 1));
    stdout = '';
    await sandbox.run(['printf', '%s\\0', ...ascii, NASTY_PROMPT], { onStdout: (c) => (stdout += c) });
    expect(stdout.split('\0').slice(0, -1)).toEqual([...ascii, NASTY_PROMPT]);
    expect(await sandbox.run(['sh', '-c', 'exit 7'])).toEqual({ exitCode: 7 });
  });

  test('connect finds a running sandbox by id; setTimeout and kill reach the SDK', async () => {
    const { sandbox, inner } = await created();
    const again = await provider.connect(sandbox.id);
    expect(again).toMatchObject({ id: sandbox.id, workdir: E2B_WORKDIR });
    expect(fake.keysSeen.at(-1)).toBe(GOOD_KEY);
    await again.setTimeout(600_000);
    await again.kill();
    expect(inner.calls).toEqual([{ op: 'setTimeout', ms: 600_000 }, { op: 'kill' }]);
    expect(await rejectionOf(provider.connect(sandbox.id))).toMatchObject({ code: 'NOT_FOUND' });
  });

  test('a missing key is AUTH_MISSING before the SDK is even loaded', async () => {
    let loaded = false;
    const keyless = new E2BProvider({
      env: {},
      sdk: async () => {
        loaded = true;
        return fake;
      },
    });
    const error = await rejectionOf(keyless.create(createOptions));
    expect(error).toBeInstanceOf(SandboxError);
    expect(error).toMatchObject({ code: 'AUTH_MISSING', message: expect.stringContaining('E2B_API_KEY') });
    expect(await rejectionOf(keyless.connect('x'))).toMatchObject({ code: 'AUTH_MISSING' });
    expect(loaded).toBe(false);
    expect(requireE2BApiKey({ env: { E2B_API_KEY: ` ${GOOD_KEY}\n` } })).toBe(GOOD_KEY);
    expect(thrownBy(() => requireE2BApiKey({ env: { E2B_API_KEY: '  ' } }))).toMatchObject({ code: 'AUTH_MISSING' });
  });

  test('a rejected key is AUTH_FAILED with guidance, and the key appears nowhere', async () => {
    const badKey = 'e2b_not_a_real_key_0000000000000000';
    const wrong = new E2BProvider({ env: { E2B_API_KEY: badKey }, sdk: fake });
    for (const attempt of [wrong.create(createOptions), wrong.connect('fake-1')]) {
      const error = await rejectionOf(attempt);
      expect(error).toBeInstanceOf(SandboxError);
      expect(error.code).toBe('AUTH_FAILED');
      expect(error.message).toBe('E2B rejected the API key: set E2B_API_KEY to a valid key (https://e2b.dev/dashboard), or run with --provider local.');
      expect(JSON.stringify({ message: error.message, data: error.data, stack: error.stack })).not.toContain(badKey);
      expect(error.data).toMatchObject({ sdkError: 'AuthenticationError', detail: '401: Invalid API key ***' });
    }
    expect(fake.keysSeen).toEqual([badKey, badKey]);
    expect(inspect(wrong, { depth: 5 })).not.toContain(badKey);
    expect(JSON.stringify(wrong)).not.toContain(badKey);
  });

  test('network failures are NETWORK, timeouts TIMEOUT, with the SDK’s words kept in data', async () => {
    fake.failNext = networkError();
    expect(await rejectionOf(provider.create(createOptions))).toMatchObject({
      code: 'NETWORK',
      message: 'Could not reach E2B to create a sandbox from the template "anthropic-claude-code" (ENOTFOUND): check the network connection and try again.',
    });
    const { sandbox } = await created();
    fake.failNext = new TimeoutError('context deadline exceeded');
    expect(await rejectionOf(sandbox.run(['sleep', '9']))).toMatchObject({ code: 'TIMEOUT', data: { detail: 'context deadline exceeded' } });
    fake.failNext = networkError();
    expect(await rejectionOf(sandbox.writeFile('a', 'b'))).toMatchObject({ code: 'NETWORK' });
    fake.failNext = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(await rejectionOf(sandbox.kill())).toMatchObject({ code: 'NETWORK', data: { networkCode: 'ECONNRESET' } });
  });

  test('an abort stops waiting for the command', async () => {
    const { sandbox, inner } = await created();
    const controller = new AbortController();
    fake.handler = () => {
      controller.abort();
      throw Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    };
    expect(await rejectionOf(sandbox.run(['sleep', '60'], { signal: controller.signal }))).toMatchObject({ code: 'ABORTED' });
    expect(inner.calls[0]).toMatchObject({ opts: { signal: controller.signal } });
    expect(await rejectionOf(sandbox.run(['true'], { signal: controller.signal }))).toMatchObject({ code: 'ABORTED' });
  });
});

describe('fromE2BError', () => {
  test('keeps our own errors, names other SDK errors and blanks out secrets', () => {
    const ours = new SandboxError('TIMEOUT', 'x');
    expect(fromE2BError(ours, 'do')).toBe(ours);
    expect(fromE2BError(new AuthenticationError('no'), 'do').code).toBe('AUTH_FAILED');
    expect(fromE2BError(Object.assign(new Error('gone'), { name: 'SandboxNotFoundError' }), 'connect').message).toBe('E2B could not connect: gone');
    expect(fromE2BError(Object.assign(new Error('aborted'), { name: 'AbortError' }), 'do').code).toBe('ABORTED');
    const other = fromE2BError(Object.assign(new Error('429: rate limited for key sk-123456'), { name: 'RateLimitError' }), 'create a sandbox', ['sk-123456']);
    expect(other).toMatchObject({ code: 'PROVIDER_FAILED', message: 'E2B failed to create a sandbox: 429: rate limited for key ***' });
    expect(fromE2BError('a string', 'do')).toMatchObject({ code: 'PROVIDER_FAILED', message: 'E2B failed to do: a string' });
    expect(fromE2BError(undefined, 'do').code).toBe('PROVIDER_FAILED');
    expect(new CommandExitError(1).exitCode).toBe(1);
  });
});

describe('loading', () => {
  test('the e2b SDK is imported in one place only, lazily, so importing this lib stays cheap', () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts')) sources.push(full);
      }
    };
    walk(path.join(__dirname, '..', 'src'));
    const importing = sources.filter((file) => /from 'e2b'|require\('e2b'\)|import\('e2b'\)/.test(fs.readFileSync(file, 'utf8')));
    expect(importing.map((f) => path.basename(f))).toEqual(['e2b-sdk.ts']);
    const text = fs.readFileSync(importing[0] ?? '', 'utf8');
    expect(text).not.toMatch(/^import .*'e2b'/m);
    expect(text).toContain("await import('e2b')");
  });
});
