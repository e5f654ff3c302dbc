// `--only deps`: a new worktree's node_modules, ready, against a full `cp -a` of the same folder in
// the same run (the anchor): ≤ 0.35× with hard links; copy-on-write clones are reported on their own
// line with the file system named. And the whole `register` of a worktree that gets it, against a
// bare `git worktree add` plus that `cp -a`.
// Size: by default a 4,000-file, ~30 MB node_modules, so that the bench stays quick; `--deps-full`
// (or PARALLEL_CC_BENCH_DEPS=full) generates the issue's ~300 MB in 40,000 files.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** Writes a node_modules of `files` files (sizes 1-14 KB, ~7.5 KB on average) in packages of 20, with `.bin` links. */
function generateNodeModules(dir, files) {
  const chunk = Buffer.alloc(16 * 1024, 'x');
  fs.mkdirSync(path.join(dir, '.bin'), { recursive: true });
  for (let i = 0; i < files; i++) {
    const pkg = path.join(dir, `pkg-${Math.floor(i / 20)}`);
    if (i % 20 === 0) {
      fs.mkdirSync(path.join(pkg, 'lib'), { recursive: true });
      fs.symlinkSync(`../pkg-${Math.floor(i / 20)}/lib/f0.js`, path.join(dir, '.bin', `pkg-${Math.floor(i / 20)}`));
    }
    fs.writeFileSync(path.join(pkg, 'lib', `f${i % 20}.js`), chunk.subarray(0, 1024 + ((i * 7919) % 13) * 1024));
  }
}

function fileSystemOf(dir) {
  try {
    return execFileSync('stat', ['-f', '-c', '%T', dir], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** Runs the dependency measures; `tools` are bench.js's helpers. */
function dependencyBench(tools, { full, runs }) {
  const { work, env, pcc, git, makeRepo, liveProcess, progress, timeOnce, median, root } = tools;
  const { cloneTree } = require(path.join(root, 'libs', 'worktree-gtr', 'dist', 'index.js'));
  const files = full ? 40000 : 4000;
  const repo = path.join(work, 'deps');
  makeRepo(repo, 20);
  fs.writeFileSync(path.join(repo, '.gitignore'), 'node_modules/\n');
  git(repo, 'add', '.gitignore');
  git(repo, 'commit', '-q', '-m', 'ignore node_modules');
  const nm = path.join(repo, 'node_modules');
  progress(`generating a ${files}-file node_modules${full ? '' : ' (--deps-full for 40,000 files)'}`);
  generateNodeModules(nm, files);
  const bytes = Number(execFileSync('du', ['-sb', nm], { encoding: 'utf8' }).split('\t')[0]);
  const inProcess = (fn) => {
    const start = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const samples = { cp: [], hardlink: [], reflink: [], git: [], register: [] };
  let reflinkMethod = 'none';
  execFileSync('sync');
  for (let i = 0; i < runs; i++) {
    progress(`node_modules ready ${i + 1}/${runs}`);
    const cpTarget = path.join(work, `cp-${i}`);
    const hlTarget = path.join(work, `hl-${i}`);
    const rlTarget = path.join(work, `rl-${i}`);
    const order = [
      () => samples.cp.push(timeOnce('cp', ['-a', nm, cpTarget])),
      () => samples.hardlink.push(inProcess(() => cloneTree(nm, hlTarget, 'hardlink'))),
      () => samples.reflink.push(inProcess(() => (reflinkMethod = cloneTree(nm, rlTarget, 'reflink').method))),
    ];
    for (let k = 0; k < order.length; k++) {
      order[(i + k) % order.length]();
      execFileSync('sync');
    }
    for (const t of [cpTarget, hlTarget, rlTarget]) fs.rmSync(t, { recursive: true, force: true });
    execFileSync('sync');
  }
  // A session holds the main checkout, so each measured register makes a worktree and clones node_modules.
  execFileSync(pcc, ['register', '--repo', repo, '--pid', String(liveProcess()), '--json'], { env });
  for (let i = 0; i < runs; i++) {
    progress(`register with node_modules ${i + 1}/${runs}`);
    const target = path.join(work, 'deps-bare', `wt${i}`);
    const pid = liveProcess();
    const bare = () =>
      samples.git.push(
        timeOnce('git', ['-C', repo, 'worktree', 'add', '-q', '-b', `bench/${i}`, target, 'main']) + timeOnce('cp', ['-a', nm, path.join(target, 'node_modules')]),
      );
    const ours = () => samples.register.push(timeOnce(pcc, ['register', '--repo', repo, '--pid', String(pid), '--json']));
    for (const f of i % 2 ? [bare, ours] : [ours, bare]) {
      f();
      execFileSync('sync');
    }
    fs.rmSync(path.join(target, 'node_modules'), { recursive: true, force: true });
    git(repo, 'worktree', 'remove', '--force', target);
    git(repo, 'branch', '-D', `bench/${i}`);
    execFileSync(pcc, ['release', '--pid', String(pid), '--force'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('sync');
  }
  const size = `${files} files, ${Math.round(bytes / 1e6)} MB`;
  const cp = median(samples.cp);
  return [
    { name: `node_modules ready, hard links (${size})`, ms: median(samples.hardlink), baseline: 'cp -a', baselineMs: cp, target: 0.35 },
    {
      name: `node_modules ready, copy-on-write on ${fileSystemOf(work)} (${reflinkMethod === 'reflink' ? 'clones' : 'none there: hard links'})`,
      ms: median(samples.reflink),
      baseline: 'cp -a',
      baselineMs: cp,
      target: 0.35,
    },
    { name: `register + worktree + node_modules (${size})`, ms: median(samples.register), baseline: 'git worktree add + cp -a', baselineMs: median(samples.git), target: 1 },
  ];
}

module.exports = { dependencyBench, generateNodeModules };
