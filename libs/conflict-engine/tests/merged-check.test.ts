import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, makeTempDir, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import { checkCacheFile, checkMergedBranches, ConflictEngineError, readCheckConfig } from '../src';
import type { MergedCheckOptions } from '../src';
import { branchWith } from './support';

afterAll(() => removeTempDirs());

// The check: every `uses: X` line under src/ needs a `defines: X` line somewhere under src/; a
// `broken:` line always fails. Each run appends its folder and whether node_modules is a link to $COUNT_FILE.
const CHECK = `const fs = require('fs');
const path = require('path');
const link = fs.existsSync('node_modules') && fs.lstatSync('node_modules').isSymbolicLink();
fs.appendFileSync(process.env.COUNT_FILE, process.cwd() + ' ' + (link ? 'link' : 'none') + ' ' + (process.env.ANTHROPIC_API_KEY ? 'secret' : 'clean') + '\\n');
const defined = new Set();
const uses = [];
for (const file of fs.readdirSync('src')) {
  const text = fs.readFileSync(path.join('src', file), 'utf8');
  for (const m of text.matchAll(/^(defines|uses|broken): (\\w+)$/gm)) {
    if (m[1] === 'defines') defined.add(m[2]);
    else uses.push({ file: 'src/' + file, kind: m[1], name: m[2] });
  }
}
let bad = 0;
for (const u of uses) {
  if (u.kind === 'broken' || !defined.has(u.name)) {
    console.error(u.file + ': ' + u.kind + ' ' + u.name + ', not defined');
    bad++;
  }
}
process.exit(bad ? 1 : 0);
`;

interface Fixture {
  repo: string;
  countFile: string;
  runs(): Array<{ dir: string; modules: string; env: string }>;
}

/** main: the check, src/math.txt defining mul, an ignored node_modules in the main checkout. */
function fixture(branches: Record<string, Record<string, string>>): Fixture {
  const repo = makeRepo({ 'check.js': CHECK, 'src/math.txt': 'defines: mul\n', 'src/keep.txt': 'defines: keep\n', '.gitignore': 'node_modules\n' });
  writeFiles(repo, { 'node_modules/dep/index.js': 'module.exports = 1;\n' });
  for (const [name, write] of Object.entries(branches)) branchWith(repo, name, { write });
  const countFile = path.join(makeTempDir('pcc-count-'), 'runs.txt');
  const runs = () =>
    fs.existsSync(countFile)
      ? fs.readFileSync(countFile, 'utf8').trim().split('\n').map((line) => {
          const [dir, modules, env] = line.split(' ');
          return { dir: dir!, modules: modules!, env: env! };
        })
      : [];
  return { repo, countFile, runs };
}

const RENAME = { 'src/math.txt': 'defines: times\n' };
const CALLER = { 'src/area.txt': 'uses: mul\n' };
const UNRELATED = { 'src/docs.txt': 'defines: docs\n' };
const BROKEN = { 'src/bad.txt': 'broken: always\n' };

function options(f: Fixture, branches: string[], more: Partial<MergedCheckOptions> = {}): MergedCheckOptions {
  return { repo: f.repo, branches, base: 'main', command: 'node check.js', env: { ...process.env, COUNT_FILE: f.countFile, ANTHROPIC_API_KEY: 'sk-test' }, ...more };
}

function worktreeCount(repo: string): number {
  return git(repo, 'worktree', 'list', '--porcelain').split('\n').filter((line) => line.startsWith('worktree ')).length;
}

describe('checkMergedBranches', () => {
  it('runs the command once when all branches merged together pass, in a scratch worktree with node_modules linked, removed afterwards', async () => {
    const f = fixture({ a: RENAME, b: UNRELATED, c: { 'src/more.txt': 'uses: mul\n' } });
    const hookRan = path.join(makeTempDir('pcc-hook-'), 'ran');
    fs.writeFileSync(path.join(f.repo, '.git', 'hooks', 'post-checkout'), `#!/bin/sh\ntouch '${hookRan}'\n`, { mode: 0o755 });
    const report = await checkMergedBranches(options(f, ['b', 'c']));
    expect(fs.existsSync(hookRan)).toBe(false);
    expect(report).toMatchObject({ status: 'passed', merged: ['b', 'c'], textual: [], ran: 1, brokenAlone: [], pairs: [], together: [] });
    expect(report.runs).toEqual([{ refs: ['b', 'c'], outcome: 'pass', exitCode: 0, timedOut: false, cached: false, outputTail: '' }]);
    const runs = f.runs();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.modules).toBe('link');
    expect(runs[0]!.env).toBe('clean');
    expect(fs.existsSync(runs[0]!.dir)).toBe(false);
    expect(worktreeCount(f.repo)).toBe(1);
    expect(fs.existsSync(path.join(f.repo, 'node_modules', 'dep', 'index.js'))).toBe(true);
    expect(git(f.repo, 'status', '--porcelain')).toBe('');
    expect(git(f.repo, 'branch', '--show-current')).toBe('main');
  });

  it('finds the pair that breaks: a rename on one branch and a new caller of the old name on another, each fine alone', async () => {
    const f = fixture({ a: RENAME, b: CALLER, d: UNRELATED });
    const report = await checkMergedBranches(options(f, ['a', 'b', 'd']));
    expect(report.status).toBe('failed');
    expect(report.brokenAlone).toEqual([]);
    expect(report.pairs.map((p) => [p.ours, p.theirs])).toEqual([['a', 'b']]);
    expect(report.pairs[0]!.conflict).toMatchObject({
      path: 'src/area.txt',
      kind: 'semantic',
      stages: {},
      regions: [],
      classification: { class: 'SEMANTIC', severity: 'critical', analysis: 'text' },
      check: { command: 'node check.js', exitCode: 1 },
    });
    expect(report.pairs[0]!.conflict.check.outputTail).toContain('src/area.txt: uses mul, not defined');
    expect(report.pairs[0]!.conflict.classification!.reason).toBe('`node check.js` fails on a and b merged together (exit code 1), and passes on each alone');
    // The whole set, each branch alone, then the halves: a and b fail together.
    expect(report.runs.map((r) => `${r.refs.join('+')} ${r.outcome}`)).toEqual(['a+b+d fail', 'a pass', 'b pass', 'd pass', 'a+b fail', 'a+d pass', 'b+d pass']);
    expect(report.ran).toBe(f.runs().length);
    expect(worktreeCount(f.repo)).toBe(1);
  });

  it('does not blame a pair for a branch that fails on its own', async () => {
    const f = fixture({ a: RENAME, b: CALLER, c: BROKEN, d: UNRELATED });
    const report = await checkMergedBranches(options(f, ['c', 'a', 'd', 'b']));
    expect(report.status).toBe('failed');
    expect(report.brokenAlone.map((b) => b.ref)).toEqual(['c']);
    expect(report.brokenAlone[0]!.outputTail).toContain('src/bad.txt: broken always');
    expect(report.pairs.map((p) => [p.ours, p.theirs])).toEqual([['a', 'b']]);
    expect(report.pairs.every((p) => p.ours !== 'c' && p.theirs !== 'c')).toBe(true);
  });

  it('blames nobody but the broken branch when the others pass together', async () => {
    const f = fixture({ a: RENAME, c: BROKEN, d: UNRELATED });
    const report = await checkMergedBranches(options(f, ['a', 'c', 'd']));
    expect(report).toMatchObject({ status: 'failed', pairs: [], together: [] });
    expect(report.brokenAlone.map((b) => b.ref)).toEqual(['c']);
    expect(report.runs.map((r) => `${r.refs.join('+')} ${r.outcome}`)).toEqual(['a+c+d fail', 'a pass', 'c fail', 'd pass', 'a+d pass']);
  });

  it('finds two breaking pairs among eight branches in fewer runs than trying every pair', async () => {
    const unrelated = Object.fromEntries([1, 2, 3, 4].map((n) => [`u${n}`, { [`src/u${n}.txt`]: `defines: u${n}\n` }]));
    const f = fixture({ a: RENAME, b: CALLER, k: { 'src/keep.txt': 'defines: kept\n' }, m: { 'src/m.txt': 'uses: keep\n' }, ...unrelated });
    const report = await checkMergedBranches(options(f, ['u1', 'a', 'u2', 'k', 'u3', 'b', 'u4', 'm']));
    expect(report.status).toBe('failed');
    expect(report.pairs.map((p) => [p.ours, p.theirs].sort().join('+')).sort()).toEqual(['a+b', 'k+m']);
    expect(report.pairs.map((p) => p.conflict.path).sort()).toEqual(['src/area.txt', 'src/m.txt']);
    expect(report.together).toEqual([]);
    // Pairwise: the whole set, eight alone and 28 pairs.
    expect(report.ran).toBeLessThan(1 + 8 + 28);
    expect(f.runs()).toHaveLength(report.ran);
    // About twenty real runs: room for a busy machine.
  }, 180_000);

  it('runs nothing the second time when no tip changed (a cache per set of tips), and again after a tip moves', async () => {
    const f = fixture({ a: RENAME, b: CALLER });
    const cache = checkCacheFile(path.join(makeTempDir('pcc-home-'), 'check-cache.json'));
    const first = await checkMergedBranches(options(f, ['a', 'b'], { cache }));
    const count = f.runs().length;
    expect(first.ran).toBe(count);
    const second = await checkMergedBranches(options(f, ['b', 'a'], { cache }));
    expect(second.ran).toBe(0);
    expect(f.runs()).toHaveLength(count);
    expect(second.runs.every((r) => r.cached)).toBe(true);
    expect(second.pairs.map((p) => [p.ours, p.theirs].sort())).toEqual([['a', 'b']]);
    expect(first.pairs.map((p) => [p.ours, p.theirs])).toEqual([['a', 'b']]);
    expect(second.pairs[0]!.conflict.check.outputTail).toContain('src/area.txt');

    git(f.repo, 'checkout', '-q', 'b');
    writeFiles(f.repo, { 'src/area.txt': 'uses: times\n' });
    git(f.repo, 'commit', '-q', '-am', 'call times');
    git(f.repo, 'checkout', '-q', 'main');
    const third = await checkMergedBranches(options(f, ['a', 'b'], { cache }));
    expect(third).toMatchObject({ status: 'passed', ran: 1 });
  });

  it('stops a run past its time limit, reports timeout and removes the worktree', async () => {
    const f = fixture({ a: RENAME });
    const command = 'pwd >> "$COUNT_FILE"; sleep 60';
    const report = await checkMergedBranches(options(f, ['a'], { command, timeoutMs: 2000 }));
    expect(report).toMatchObject({ status: 'timeout', ran: 1, pairs: [] });
    expect(report.runs).toEqual([expect.objectContaining({ refs: ['a'], timedOut: true, exitCode: null, outcome: 'fail' })]);
    const [run] = f.runs();
    expect(fs.existsSync(run!.dir)).toBe(false);
    expect(worktreeCount(f.repo)).toBe(1);
  });

  it('leaves out a branch that conflicts textually with those merged before it, and checks the rest', async () => {
    const f = fixture({ a: RENAME, b: { 'src/math.txt': 'defines: product\n' }, d: UNRELATED });
    const report = await checkMergedBranches(options(f, ['a', 'b', 'd']));
    expect(report).toMatchObject({ status: 'passed', merged: ['a', 'd'], textual: [{ ref: 'b', with: ['a'] }], ran: 1 });
  });

  it('stops at the run budget and says the check is incomplete', async () => {
    const f = fixture({ a: RENAME, b: CALLER, d: UNRELATED });
    const report = await checkMergedBranches(options(f, ['a', 'b', 'd'], { maxRuns: 2 }));
    expect(report).toMatchObject({ status: 'incomplete', ran: 2 });
    expect(worktreeCount(f.repo)).toBe(1);
  });

  it('refuses bad input before anything runs', async () => {
    const f = fixture({ a: RENAME });
    await expect(checkMergedBranches(options(f, ['a'], { command: '  ' }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(checkMergedBranches(options(f, []))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(checkMergedBranches(options(f, ['-x']))).rejects.toMatchObject({ code: 'INVALID_REF' });
    await expect(checkMergedBranches(options(f, ['a'], { timeoutMs: 0 }))).rejects.toThrow('The timeoutMs 0 is not valid');
    await expect(checkMergedBranches(options(f, ['nope']))).rejects.toMatchObject({ code: 'UNKNOWN_REF' });
    expect(f.runs()).toEqual([]);
  });
});

describe('readCheckConfig', () => {
  it('reads parallel-cc.check and parallel-cc.checkTimeout (seconds), null when unset', async () => {
    const repo = makeRepo();
    expect(await readCheckConfig(repo)).toEqual({ command: null, timeoutMs: null });
    git(repo, 'config', 'parallel-cc.check', 'npx tsc --noEmit');
    git(repo, 'config', 'parallel-cc.checkTimeout', '90');
    expect(await readCheckConfig(repo)).toEqual({ command: 'npx tsc --noEmit', timeoutMs: 90_000 });
  });

  it('refuses a timeout that is not a whole number of seconds', async () => {
    const repo = makeRepo();
    git(repo, 'config', 'parallel-cc.checkTimeout', '1.5m');
    const error = await readCheckConfig(repo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictEngineError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: 'parallel-cc.checkTimeout "1.5m" is not valid: give a whole number of seconds, 1 or more.' });
  });
});
