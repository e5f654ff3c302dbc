import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { dirsToShare, shareDirs } from '../src';

afterAll(() => removeTempDirs());

/** A main checkout with a small node_modules: files, a nested package, a relative link as npm makes in .bin, and a link leading out. */
function checkout(root = makeTempDir('pcc-share-')): { repo: string; worktree: string } {
  const repo = path.join(root, 'repo');
  const nm = path.join(repo, 'node_modules');
  fs.mkdirSync(path.join(nm, 'left-pad', 'lib'), { recursive: true });
  fs.mkdirSync(path.join(nm, '.bin'), { recursive: true });
  fs.writeFileSync(path.join(nm, 'left-pad', 'package.json'), '{"version":"1.0.0"}\n');
  fs.writeFileSync(path.join(nm, 'left-pad', 'lib', 'index.js'), 'module.exports = 1;\n');
  fs.symlinkSync('../left-pad/lib/index.js', path.join(nm, '.bin', 'left-pad'));
  fs.symlinkSync('/etc', path.join(nm, 'outside'));
  const worktree = path.join(root, 'worktree');
  fs.mkdirSync(worktree);
  return { repo, worktree };
}

const snapshot = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const key = path.relative(dir, p);
      if (e.isSymbolicLink()) out[key] = `-> ${fs.readlinkSync(p)}`;
      else if (e.isDirectory()) walk(p);
      else out[key] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
};

describe('shareDirs', () => {
  it('clones node_modules as a fresh tree (never a link to the main checkout), links recreated and never followed', () => {
    const { repo, worktree } = checkout();
    expect(dirsToShare(repo, null)).toEqual(['node_modules']);
    const [result] = shareDirs(repo, worktree, ['node_modules']);
    // This file system has no copy-on-write clones here, or has: either is a named method.
    expect(result).toMatchObject({ dir: 'node_modules', status: 'cloned', files: 2, reason: null });
    expect(['reflink', 'hardlink']).toContain(result?.method);
    const nm = path.join(worktree, 'node_modules');
    expect(fs.lstatSync(nm).isSymbolicLink()).toBe(false);
    expect(snapshot(nm)).toEqual(snapshot(path.join(repo, 'node_modules')));
    expect(fs.readlinkSync(path.join(nm, 'outside'))).toBe('/etc');
    expect(fs.lstatSync(path.join(nm, 'outside')).isSymbolicLink()).toBe(true);
  });

  it('an npm install in the worktree (a new file, and a file replaced by write-then-rename) leaves the main checkout untouched', () => {
    const { repo, worktree } = checkout();
    const before = snapshot(path.join(repo, 'node_modules'));
    shareDirs(repo, worktree, ['node_modules']);
    const nm = path.join(worktree, 'node_modules');
    // What npm does: a new package, and an upgraded file written aside and renamed over the old one.
    fs.mkdirSync(path.join(nm, 'new-pkg'));
    fs.writeFileSync(path.join(nm, 'new-pkg', 'index.js'), 'new\n');
    fs.writeFileSync(path.join(nm, 'left-pad', 'package.json.tmp'), '{"version":"2.0.0"}\n');
    fs.renameSync(path.join(nm, 'left-pad', 'package.json.tmp'), path.join(nm, 'left-pad', 'package.json'));
    fs.rmSync(path.join(nm, 'left-pad', 'lib', 'index.js'));
    expect(snapshot(path.join(repo, 'node_modules'))).toEqual(before);
    expect(fs.readFileSync(path.join(nm, 'left-pad', 'package.json'), 'utf8')).toBe('{"version":"2.0.0"}\n');
  });

  it('a real npm install that upgrades a package in the worktree leaves the main checkout\'s node_modules as it was', () => {
    const root = makeTempDir('pcc-npm-');
    // Two versions of a package as tarballs (npm extracts them into node_modules as files), all offline.
    const npm = (cwd: string, ...args: string[]) =>
      execFileSync('npm', [...args, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--cache', path.join(root, 'npm-cache')], { cwd, stdio: 'pipe' }).toString();
    for (const version of ['1.0.0', '2.0.0']) {
      const dir = path.join(root, `dep-${version}`);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'dep', version, main: 'index.js' }));
      fs.writeFileSync(path.join(dir, 'index.js'), `module.exports = '${version}';\n`);
      npm(dir, 'pack', '--pack-destination', root);
    }
    const manifest = (version: string) => JSON.stringify({ name: 'app', version: '0.0.0', private: true, dependencies: { dep: `file:../dep-${version}.tgz` } });
    const repo = path.join(root, 'repo');
    const worktree = path.join(root, 'worktree');
    fs.mkdirSync(repo);
    fs.writeFileSync(path.join(repo, 'package.json'), manifest('1.0.0'));
    npm(repo, 'install');
    const before = snapshot(path.join(repo, 'node_modules'));
    expect(before[path.join('dep', 'index.js')]).toBe("module.exports = '1.0.0';\n");

    fs.mkdirSync(worktree);
    fs.writeFileSync(path.join(worktree, 'package.json'), manifest('2.0.0'));
    expect(shareDirs(repo, worktree, ['node_modules'])).toEqual([expect.objectContaining({ dir: 'node_modules', status: 'cloned' })]);
    npm(worktree, 'install');

    expect(fs.readFileSync(path.join(worktree, 'node_modules', 'dep', 'index.js'), 'utf8')).toBe("module.exports = '2.0.0';\n");
    expect(snapshot(path.join(repo, 'node_modules'))).toEqual(before);
  }, 120_000);

  it('refuses absolute entries, ones leading out, and symbolic links, naming them; skips missing ones', () => {
    const { repo, worktree } = checkout();
    fs.symlinkSync(path.join(repo, 'node_modules'), path.join(repo, 'linked'));
    const results = shareDirs(repo, worktree, ['/usr/lib', '../elsewhere', 'linked', 'linked/left-pad', 'vendor']);
    expect(results.map((r) => [r.dir, r.status])).toEqual([
      ['/usr/lib', 'refused'],
      ['../elsewhere', 'refused'],
      ['linked', 'refused'],
      ['linked/left-pad', 'refused'],
      ['vendor', 'skipped'],
    ]);
    expect(results[0]?.reason).toContain('"/usr/lib" is absolute');
    expect(results[1]?.reason).toContain('"../elsewhere" leads outside the repository');
    expect(results[2]?.reason).toContain('"linked" is a symbolic link');
    expect(fs.readdirSync(worktree)).toEqual([]);
  });

  it('a copy that fails half way is removed, and says so', () => {
    // A main checkout on tmpfs and a worktree on another file system: no clone and no hard link can cross.
    if (!fs.existsSync('/dev/shm')) return;
    const shm = fs.mkdtempSync('/dev/shm/pcc-share-');
    try {
      const { repo } = checkout(shm);
      const worktree = makeTempDir('pcc-share-other-');
      if (fs.statSync(worktree).dev === fs.statSync(shm).dev) return;
      const [result] = shareDirs(repo, worktree, ['node_modules']);
      expect(result).toMatchObject({ status: 'failed', method: null });
      expect(result?.reason).toContain('the half copy was removed');
      expect(fs.existsSync(path.join(worktree, 'node_modules'))).toBe(false);
    } finally {
      fs.rmSync(shm, { recursive: true, force: true });
    }
  });
});
