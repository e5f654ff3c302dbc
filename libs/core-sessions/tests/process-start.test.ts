import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deadPid, makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { isProcessAlive, processStartTime } from '../src';
import { parseProcStatStartTicks } from '../src/liveness/process-start';
import { liveProcess, stopLiveProcesses, waitFor } from './support';

afterAll(async () => {
  await stopLiveProcesses();
  removeTempDirs();
});

// Captured from `cat /proc/self/stat` on Linux: field 22 (start time in ticks) is 79795.
const CAPTURED =
  '10369 (cat) R 10366 10366 5529 0 -1 4194304 100 0 0 0 0 0 0 0 20 0 1 0 79795 3133440 418 18446744073709551615 94077700812800 94077700832681 140721008533712 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 94077700848688 94077700850304 94077836886016 140721008540189 140721008540209 140721008540209 140721008541675 0\n';

const TAIL = 'S 1 4321 4321 0 -1 4194560 3058 0 0 0 12 4 0 0 20 0 11 0 5731234 1139171328 12345 18446744073709551615 0 0 0';

describe('parseProcStatStartTicks', () => {
  it('reads field 22 of a captured /proc/<pid>/stat line', () => {
    expect(parseProcStatStartTicks(CAPTURED)).toBe('79795');
  });

  it.each([
    ['spaces', 'Web Content'],
    ['spaces and parentheses', 'my (odd) cmd'],
    ['a closing parenthesis followed by a space', 'a) b) c'],
    ['digits that look like fields', '1 2 3) 4 5'],
  ])('is not fooled by a command name with %s', (_what, name) => {
    expect(parseProcStatStartTicks(`4321 (${name}) ${TAIL}`)).toBe('5731234');
  });

  it('returns null for a truncated or malformed line', () => {
    expect(parseProcStatStartTicks('4321 (cut) S 1 2 3')).toBeNull();
    expect(parseProcStatStartTicks(`4321 (x) ${TAIL.replace('5731234', 'soon')}`)).toBeNull();
    expect(parseProcStatStartTicks('')).toBeNull();
  });
});

describe('processStartTime', () => {
  const ticksOf = (pid: number): number => Number(processStartTime(pid)?.split(':')[1]);

  it('is a stable boot-id:ticks string for a running process', () => {
    const own = processStartTime(process.pid);
    expect(own).toMatch(/^[0-9a-f]{8}:\d+$/);
    expect(processStartTime(process.pid)).toBe(own);
    const other = liveProcess();
    expect(processStartTime(other.pid)).not.toBe(own);
    expect(ticksOf(other.pid)).toBeGreaterThanOrEqual(ticksOf(process.pid));
  });

  it('reads the right field for a process whose name holds spaces and parentheses', async () => {
    const dir = makeTempDir();
    const odd = path.join(dir, 'my (odd) sleep');
    fs.copyFileSync('/usr/bin/sleep', odd);
    fs.chmodSync(odd, 0o755);
    const before = liveProcess();
    const child = spawn(odd, ['30'], { stdio: 'ignore' });
    const pid = child.pid ?? 0;
    expect(pid).toBeGreaterThan(0);
    await waitFor(() => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes('(my (odd) sleep)'), 'the renamed sleep to start');
    const after = liveProcess();
    try {
      const started = processStartTime(pid);
      expect(started).not.toBeNull();
      expect(isProcessAlive(pid, started)).toBe(true);
      expect(ticksOf(pid)).toBeGreaterThanOrEqual(ticksOf(before.pid));
      expect(ticksOf(pid)).toBeLessThanOrEqual(ticksOf(after.pid));
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    expect(processStartTime(pid)).toBeNull();
  });

  it('is null for a process that exited and for impossible PIDs', async () => {
    expect(processStartTime(await deadPid())).toBeNull();
    for (const pid of [-1, 0, 1.5, Number.NaN, Number.MAX_VALUE]) expect(processStartTime(pid)).toBeNull();
  });

  it('is null for a zombie: exited, only not yet reaped by its parent', async () => {
    // `sleep 0.1` exits soon; its parent execs into `sleep 30`, which never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const zombie = await new Promise<number>((resolve) => parent.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
    try {
      await waitFor(() => / Z /.test(fs.readFileSync(`/proc/${zombie}/stat`, 'utf8')), 'the child to become a zombie');
      expect(fs.existsSync(`/proc/${zombie}`)).toBe(true);
      expect(processStartTime(zombie)).toBeNull();
      expect(isProcessAlive(zombie, null)).toBe(false);
    } finally {
      const exited = new Promise((resolve) => parent.once('exit', resolve));
      parent.kill('SIGKILL');
      await exited;
    }
  });
});

describe('isProcessAlive', () => {
  it('needs the PID running and, when a start time is given, the same start time', async () => {
    const live = liveProcess();
    const started = processStartTime(live.pid);
    expect(isProcessAlive(live.pid, started)).toBe(true);
    expect(isProcessAlive(live.pid, null)).toBe(true);
    expect(isProcessAlive(live.pid, 'another-boot:1')).toBe(false);
    expect(isProcessAlive(null, started)).toBe(false);
    await live.kill();
    expect(isProcessAlive(live.pid, started)).toBe(false);
    expect(isProcessAlive(live.pid, null)).toBe(false);
  });
});
