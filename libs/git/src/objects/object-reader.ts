import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Socket } from 'node:net';
import { BatchAnswerReader } from './batch-answer';
import type { BatchObject } from './batch-answer';

// A reader left idle this long ends (its git exits on the end of its input).
const IDLE_MS = 10_000;

interface Asked {
  count: number;
  objects: BatchObject[];
  resolve: (objects: BatchObject[]) => void;
  reject: (error: Error) => void;
}

/**
 * One `git cat-file --batch` kept running in a folder: each read writes its names to the same
 * git and takes its answers in order, so that reading a few objects costs no new process
 * (starting one costs more than most reads). Reads may overlap. It holds this process open
 * only while a read waits, and ends after {@link IDLE_MS} without one, or when this process does
 * (its input closes). A read fails when git ends or cannot start: the caller reads another way.
 */
export class ObjectReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly asked: Asked[] = [];
  private idle: NodeJS.Timeout | undefined;
  /** False once git ended or failed to start: reads then fail at once. */
  alive = true;

  constructor(dir: string, env: NodeJS.ProcessEnv, private readonly onEnd: () => void) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const answers = new BatchAnswerReader((object) => this.take(object));
    this.child.stdout.on('data', (chunk: Buffer) => answers.push(chunk));
    this.child.stderr.resume();
    this.child.stdin.on('error', () => undefined);
    this.child.on('error', (error) => this.end(error));
    this.child.on('close', () => this.end(new Error('git cat-file --batch ended')));
    this.rest();
  }

  /** The objects named, in order (null for a name git cannot find); names hold no newline. */
  read(names: readonly string[]): Promise<BatchObject[]> {
    if (!this.alive) return Promise.reject(new Error('git cat-file --batch has ended'));
    if (names.length === 0) return Promise.resolve([]);
    clearTimeout(this.idle);
    this.hold(true);
    return new Promise((resolve, reject) => {
      this.asked.push({ count: names.length, objects: [], resolve, reject });
      this.child.stdin.write(`${names.join('\n')}\n`);
    });
  }

  /** Ends git now: reads waiting fail, and later ones fail at once. */
  close(): void {
    this.end(new Error('git cat-file --batch was closed'));
    this.child.kill('SIGKILL');
  }

  private take(object: BatchObject): void {
    const read = this.asked[0];
    if (!read) return;
    read.objects.push(object);
    if (read.objects.length < read.count) return;
    this.asked.shift();
    read.resolve(read.objects);
    if (this.asked.length === 0) this.rest();
  }

  private end(error: Error): void {
    if (!this.alive) return;
    this.alive = false;
    clearTimeout(this.idle);
    for (const read of this.asked.splice(0)) read.reject(error);
    this.onEnd();
  }

  /** Waiting for nothing: this process may exit, and git ends if nothing is read for a while. */
  private rest(): void {
    this.hold(false);
    this.idle = setTimeout(() => this.child.stdin.end(), IDLE_MS);
    this.idle.unref();
  }

  private hold(busy: boolean): void {
    const handles: Array<{ ref(): unknown; unref(): unknown }> = [this.child, this.child.stdin as Socket, this.child.stdout as Socket, this.child.stderr as Socket];
    for (const handle of handles) {
      if (busy) handle.ref();
      else handle.unref();
    }
  }
}
