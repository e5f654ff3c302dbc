import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeRepo, makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { conflictMatrix } from '../src';
import { runCheck } from '../src/matrix/run-check';
import type { CheckTask } from '../src/matrix/run-check';
import { planChecks } from '../src/matrix/plan-checks';
import { CheckPool } from '../src/workers/check-pool';
import type { ConflictFile } from '../src/conflict-file';
import { branchWith, rejectionOf } from './support';

afterAll(() => removeTempDirs());

// Workers run the package's build, as an installed package does (the test target builds it first).
const WORKER = path.join(__dirname, '..', 'dist', 'workers', 'check-worker.js');

const MATH = 'export function mul(a: number, b: number): number {\n  return a * b;\n}\n\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n';
const LIST = 'export const names = [\n  "ada",\n  "grace",\n];\n\nexport function first(): string {\n  return names[0];\n}\n';

/** main and four branches: a rename of mul, a new caller of mul, and two edits of one line of list.ts. */
function fourBranches(): string {
  const repo = makeRepo({ 'src/math.ts': MATH, 'src/list.ts': LIST });
  branchWith(repo, 'renames', { write: { 'src/math.ts': MATH.replace('function mul', 'function times') } });
  branchWith(repo, 'calls', { write: { 'src/area.ts': "import { mul } from './math';\n\nexport const area = mul(2, 3);\n" } });
  branchWith(repo, 'edits-a', { write: { 'src/list.ts': LIST.replace('names[0]', 'names[1]') } });
  branchWith(repo, 'edits-b', { write: { 'src/list.ts': LIST.replace('names[0]', 'names.at(-1) ?? ""') } });
  return repo;
}
const BRANCHES = ['renames', 'calls', 'edits-a', 'edits-b'].map((ref) => ({ ref, base: 'main' }));

describe('a matrix on worker threads', () => {
  test('finds what one on the calling thread finds: classified conflicts and semantic breaks alike', async () => {
    // Two repositories of the same content: the second matrix finds nothing kept from the first.
    const onWorkers = await conflictMatrix({ repo: fourBranches(), branches: BRANCHES, threads: 2 });
    const onCaller = await conflictMatrix({ repo: fourBranches(), branches: BRANCHES, threads: 0 });

    const conflicting = onWorkers.checks.filter((c) => c.status === 'conflicts');
    expect(conflicting.map((c) => `${c.ours} ${c.theirs}: ${c.conflicts.map((x) => x.classification?.class).join(',')}`)).toEqual([
      'renames calls: SEMANTIC',
      'edits-a edits-b: CONCURRENT',
    ]);
    expect(onWorkers.checks).toEqual(onCaller.checks);
  });

  test('a process whose matrix is done exits at once: idle workers do not hold it open', () => {
    const repo = fourBranches();
    const script = `require(${JSON.stringify(path.join(__dirname, '..', 'dist'))}).conflictMatrix({ repo: process.argv[1], branches: ${JSON.stringify(BRANCHES)}, threads: 2 }).then((m) => console.log(String(m.conflicting)))`;
    // The pool stops idle workers after a minute: a process they held open would time out here.
    const out = execFileSync(process.execPath, ['-e', script, repo], { encoding: 'utf8', timeout: 45_000 });
    expect(out.trim()).toBe('2');
  }, 60_000);

  test.each([-1, 1.5, Number.NaN])('threads %p is refused', async (threads) => {
    const error = await rejectionOf(conflictMatrix({ repo: '.', branches: [], threads }));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: `The number of threads ${threads} is not valid: give a whole number, 0 or more.` });
  });
});

describe('CheckPool', () => {
  const tasks = (repo: string): CheckTask[] =>
    planChecks(BRANCHES).map((planned) => ({ repo, planned, classify: true, semantic: true, provedClean: false }));
  /** A worker that answers each task with its own thread id, per file for files. */
  const echoWorker = () => {
    const script = path.join(makeTempDir('pcc-worker-'), 'echo.js');
    const answer = "task.kind === 'files' ? task.files.map(() => threadId) : threadId";
    fs.writeFileSync(script, `const { parentPort, threadId } = require('node:worker_threads');\nparentPort.on('message', ({ id, task }) => parentPort.postMessage({ id, result: ${answer} }));\n`);
    return script;
  };
  const file = (name: string, size: number): ConflictFile => {
    const version = { oid: name, text: 'x'.repeat(size) };
    return { path: name, base: version, ours: version, theirs: version, merged: version.text };
  };

  test('checks whose semantic checks and files are analysed on workers answer as on the calling thread, also after the pool was closed', async () => {
    const repo = fourBranches();
    const pool = new CheckPool(WORKER, 2);
    try {
      const expected = await Promise.all(tasks(repo).map((t) => runCheck(t)));
      expect(await Promise.all(tasks(repo).map((t) => runCheck(t, pool.offload(true))))).toEqual(expected);
      await pool.close();
      expect(await runCheck(tasks(repo)[0]!, pool.offload(false))).toEqual(expected[0]);
    } finally {
      await pool.close();
    }
  });

  test('a path goes to the worker that analysed it before; new paths to the one given the least to parse; semantic checks to the first', async () => {
    const pool = new CheckPool(echoWorker(), 2);
    try {
      const threads = (await pool.offload(false).analyze([file('big.ts', 10_000), file('a.ts', 100), file('b.ts', 100)])) as unknown as number[];
      expect(threads[0]).not.toBe(threads[1]);
      expect(threads[1]).toBe(threads[2]);
      const again = (await pool.offload(false).analyze([file('b.ts', 100), file('big.ts', 10_000)])) as unknown as number[];
      expect(again).toEqual([threads[2], threads[0]]);
      // With semantic checks, the first worker runs them and no file.
      const withSemantic = pool.offload(true);
      const semanticThread = (await withSemantic.semantic({ repo: '.', ours: 'a', theirs: 'b' })) as unknown as number;
      const fileThreads = (await withSemantic.analyze([file('big.ts', 10_000), file('c.ts', 100)])) as unknown as number[];
      expect(semanticThread).toBe(threads[0]);
      expect(fileThreads).toEqual([threads[1], threads[1]]);
    } finally {
      await pool.close();
    }
  });

  test('a worker that dies rejects the tasks it held, and a check then does that work itself', async () => {
    const script = path.join(makeTempDir('pcc-worker-'), 'dies.js');
    fs.writeFileSync(script, 'process.exit(3);\n');
    const pool = new CheckPool(script, 1);
    try {
      await expect(pool.offload(false).analyze([file('a.ts', 10)])).rejects.toThrow('the check worker stopped (exit code 3)');
      const repo = fourBranches();
      for (const task of tasks(repo)) expect(await runCheck(task, pool.offload(true))).toEqual(await runCheck(task));
    } finally {
      await pool.close();
    }
  });
});
