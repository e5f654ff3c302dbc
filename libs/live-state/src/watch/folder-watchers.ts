import * as fs from 'node:fs';
import type { WatchTarget } from './git-watch-targets';

/**
 * A set of fs.watch handles kept in step with a list of targets: `sync` opens what is new and
 * closes what is gone, `close` closes them all. A folder that vanishes or cannot be watched is
 * dropped quietly (the next `sync` tries again).
 */
export class FolderWatchers {
  private readonly open = new Map<string, fs.FSWatcher>();

  constructor(private readonly onEvent: (target: WatchTarget, name: string) => void) {}

  /** Watches exactly `targets` under `group` (a repository, the database): new ones opened, others of the group closed. */
  sync(group: string, targets: WatchTarget[]): void {
    const wanted = new Map(targets.map((t) => [`${group}\0${t.dir}`, t]));
    for (const [key, watcher] of this.open) {
      if (key.startsWith(`${group}\0`) && !wanted.has(key)) this.drop(key, watcher);
    }
    for (const [key, target] of wanted) {
      if (!this.open.has(key)) this.watch(key, target);
    }
  }

  /** Closes every handle; resolves once they have all closed. */
  async close(): Promise<void> {
    const closing = [...this.open].map(([key, watcher]) => {
      const closed = new Promise<void>((resolve) => watcher.once('close', () => resolve()));
      this.drop(key, watcher);
      return closed;
    });
    await Promise.all(closing);
    // The 'close' event comes before libuv has released the handles: that happens in the close
    // phase of the loop, which follows the check phase (setImmediate) of the same turn. The second
    // immediate runs in the next turn, after it.
    for (let turn = 0; turn < 2; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  private watch(key: string, target: WatchTarget): void {
    try {
      const watcher = fs.watch(target.dir, { recursive: target.recursive, persistent: true }, (_event, name) => {
        const entry = name === null ? '' : String(name);
        if (entry === '' || target.accept(entry)) this.onEvent(target, entry);
      });
      watcher.on('error', () => this.drop(key, watcher));
      this.open.set(key, watcher);
    } catch {
      // Gone between listing and watching: the next sync sees whether it came back.
    }
  }

  private drop(key: string, watcher: fs.FSWatcher): void {
    watcher.close();
    this.open.delete(key);
  }
}
