import * as fs from 'node:fs';
import * as path from 'node:path';

/** A folder of stand-in gtr executables and the log of the arguments they were called with. */
export interface FakeGtr {
  binDir: string;
  /** Each call's arguments, one array per call. */
  calls(): string[][];
}

/**
 * Writes a stand-in for gtr v1 (`gtr`) or v2 (`git-gtr`, run as `git gtr`) into `dir`. It records
 * its arguments as JSON lines and does what gtr would with plain git: `new <branch> --from <ref>`
 * adds a worktree at `../<repo>-worktrees/<branch with / as ->` (or `gtr.worktrees.dir`), and
 * `rm <branch>` removes it. Put `binDir` first on PATH.
 */
export function writeFakeGtr(dir: string, major: 1 | 2): FakeGtr {
  const binDir = path.join(dir, `fake-gtr-v${major}`);
  const log = path.join(binDir, 'calls.jsonl');
  fs.mkdirSync(binDir, { recursive: true });
  const script = `#!/usr/bin/env node
const fs = require('fs'), path = require('path'), { execFileSync } = require('child_process');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n');
const git = (...a) => execFileSync('git', a, { encoding: 'utf8' }).trim();
if (args[0] === 'version') { console.log(${JSON.stringify(major === 2 ? 'git gtr version 2.11.0' : 'gtr version 1.0.0')}); process.exit(0); }
const root = path.dirname(git('rev-parse', '--path-format=absolute', '--git-common-dir'));
if (args[0] === 'new') {
  const from = args[args.indexOf('--from') + 1];
  if (!args.includes('--from')) { console.error('no origin'); process.exit(1); }
  let dir; try { dir = git('config', '--get', 'gtr.worktrees.dir'); } catch { dir = path.join(path.dirname(root), path.basename(root) + '-worktrees'); }
  const target = path.join(path.resolve(root, dir), args[1].replace(/[^A-Za-z0-9._-]/g, '-'));
  git('worktree', 'add', '-b', args[1], target, from);
  process.exit(0);
}
if (args[0] === 'rm') {
  const list = git('worktree', 'list', '--porcelain').split('\\n\\n');
  const entry = list.find((e) => e.includes('branch refs/heads/' + args[1]));
  if (!entry) { console.error('no worktree for ' + args[1]); process.exit(1); }
  const wt = entry.split('\\n')[0].slice('worktree '.length);
  git('worktree', 'remove', ...(args.includes('--force') ? ['--force'] : []), wt);
  process.exit(0);
}
console.error('unknown command'); process.exit(1);
`;
  const exe = path.join(binDir, major === 2 ? 'git-gtr' : 'gtr');
  fs.writeFileSync(exe, script, { mode: 0o755 });
  return {
    binDir,
    calls: () =>
      fs.existsSync(log)
        ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[])
        : [],
  };
}
