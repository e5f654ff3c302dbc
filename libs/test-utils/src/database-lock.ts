import { spawn } from 'node:child_process';

/** Another process holding a SQLite database's write lock; `release()` rolls back, ends it and waits. */
export interface DatabaseLock {
  pid: number;
  release(): Promise<void>;
}

// Runs in the child: take the lock, say so, and hold it until stdin closes.
const HOLDER = `
const Database = require(process.argv[1]);
const db = new Database(process.argv[2], { timeout: 10000 });
db.exec('BEGIN ' + process.argv[3]);
process.stdout.write('locked\\n');
process.stdin.resume();
process.stdin.on('end', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });
`;

/**
 * Starts a separate Node process that opens `file` with better-sqlite3 and holds `BEGIN EXCLUSIVE`
 * on it (or `BEGIN IMMEDIATE`: the write lock, readers still let in), like a parallel-cc command
 * stuck inside a write; resolves once the lock is held.
 */
export function holdDatabaseLock(file: string, mode: 'exclusive' | 'immediate' = 'exclusive'): Promise<DatabaseLock> {
  const child = spawn(process.execPath, ['-e', HOLDER, require.resolve('better-sqlite3'), file, mode.toUpperCase()], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () =>
      resolve({
        pid: child.pid ?? 0,
        async release() {
          child.stdin.end();
          await exited;
        },
      }),
    );
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code}) before locking ${file}: ${stderr}`)));
  });
}
