import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tar from 'tar';
import { commitFiles, git, makeRepo, makeTempDir, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import { packUpload, selectUpload } from '../src';
import { UPLOAD_ARCHIVE, UPLOAD_BUNDLE } from '../src/upload/pack-upload';
import { credentialRepo, rejectionOf } from './support';

afterAll(() => removeTempDirs());

/** Every file (and symbolic link) under `dir`, relative, `/`-separated, sorted; `.git` left out. */
function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (rel === '.git') continue;
      if (entry.isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('packUpload', () => {
  test('packs exactly the selected files (modes, links, odd names) and the whole history as a bundle that clones', async () => {
    const repo = credentialRepo();
    commitFiles(repo, { 'tool.sh': '#!/bin/sh\necho hi\n', '@at.txt': 'not an archive\n' }, 'second commit');
    fs.chmodSync(path.join(repo, 'tool.sh'), 0o755);
    fs.symlinkSync('README.md', path.join(repo, 'readme-link'));
    git(repo, 'branch', 'feature');
    git(repo, 'tag', 'v1');
    const selection = await selectUpload(repo);
    expect(selection.files).toEqual(expect.arrayContaining(['@at.txt', 'readme-link', 'tool.sh']));

    const out = path.join(makeTempDir('pcc-pack-'), 'upload');
    const progress: Array<[number, number]> = [];
    const packed = await packUpload(repo, selection.files, out, { onProgress: (done, total) => progress.push([done, total]) });

    expect(packed).toMatchObject({
      archive: path.join(out, UPLOAD_ARCHIVE),
      bundle: path.join(out, UPLOAD_BUNDLE),
      fileCount: selection.files.length,
    });
    expect(packed.archiveBytes).toBe(fs.statSync(packed.archive).size);
    expect(packed.bundleBytes).toBe(fs.statSync(packed.bundle).size);
    const regular = selection.files.filter((f) => fs.lstatSync(path.join(repo, f)).isFile());
    expect(packed.contentBytes).toBe(regular.reduce((sum, f) => sum + fs.statSync(path.join(repo, f)).size, 0));
    expect(progress[0]).toEqual([0, packed.contentBytes]);
    expect(progress.at(-1)).toEqual([packed.contentBytes, packed.contentBytes]);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));

    // The sandbox's side: unpack the archive, clone the bundle.
    const unpacked = makeTempDir('pcc-unpack-');
    await tar.x({ file: packed.archive, cwd: unpacked });
    expect(listTree(unpacked)).toEqual(selection.files);
    for (const file of regular) {
      expect(fs.readFileSync(path.join(unpacked, file))).toEqual(fs.readFileSync(path.join(repo, file)));
    }
    expect(fs.statSync(path.join(unpacked, 'tool.sh')).mode & 0o111).not.toBe(0);
    expect(fs.readlinkSync(path.join(unpacked, 'readme-link'))).toBe('README.md');
    for (const secret of ['.env', 'id_rsa', '.npmrc', '.aws/credentials', 'certs/server.pem', 'config/.env.production']) {
      expect(fs.existsSync(path.join(unpacked, secret))).toBe(false);
    }

    const clone = path.join(makeTempDir('pcc-clone-'), 'clone');
    execFileSync('git', ['clone', '-q', packed.bundle, clone], { stdio: 'ignore' });
    expect(git(clone, 'rev-parse', 'HEAD')).toBe(git(repo, 'rev-parse', 'HEAD'));
    expect(git(clone, 'log', '--format=%s')).toBe(git(repo, 'log', '--format=%s'));
    expect(git(clone, 'rev-parse', 'origin/feature')).toBe(git(repo, 'rev-parse', 'feature'));
    expect(git(clone, 'rev-parse', 'v1')).toBe(git(repo, 'rev-parse', 'v1'));
  });

  test('a link to a file outside the repository goes up as the link alone, never the file it points at', async () => {
    const repo = makeRepo({ 'README.md': '# r\n' });
    const outside = path.join(makeTempDir('pcc-outside-'), 'credentials');
    fs.writeFileSync(outside, 'aws_secret_access_key = TOPSECRET-outside\n');
    fs.symlinkSync(outside, path.join(repo, 'settings.ini'));
    fs.mkdirSync(path.join(repo, 'vendor'));
    fs.symlinkSync(path.dirname(outside), path.join(repo, 'vendor', 'shared'));
    const selection = await selectUpload(repo);
    expect(selection.files).toEqual(expect.arrayContaining(['settings.ini', 'vendor/shared']));

    const packed = await packUpload(repo, selection.files, path.join(makeTempDir('pcc-pack-'), 'upload'));
    const entries: Record<string, { type: string; linkpath?: string; size: number }> = {};
    await tar.t({ file: packed.archive, onReadEntry: (e) => (entries[e.path] = { type: e.type, linkpath: e.linkpath, size: e.size ?? 0 }) });
    expect(entries['settings.ini']).toEqual({ type: 'SymbolicLink', linkpath: outside, size: 0 });
    expect(entries['vendor/shared']).toEqual({ type: 'SymbolicLink', linkpath: path.dirname(outside), size: 0 });
    const raw = execFileSync('gzip', ['-dc', packed.archive]);
    expect(raw.includes('TOPSECRET')).toBe(false);
  });

  test('a repository without commits is refused with a clear error; so is a folder that is no repository', async () => {
    const empty = path.join(makeTempDir('pcc-empty-'), 'repo');
    fs.mkdirSync(empty);
    git(empty, 'init', '-q', '-b', 'main');
    writeFiles(empty, { 'a.txt': 'a' });
    const out = makeTempDir('pcc-out-');
    const error = await rejectionOf(packUpload(empty, ['a.txt'], out));
    expect(error).toMatchObject({ code: 'EMPTY_REPOSITORY' });
    expect(error.message).toBe(
      `The repository at ${empty} has no commits yet: commit once before a sandbox run (the sandbox receives the history as a git bundle).`,
    );
    expect(await rejectionOf(packUpload(makeTempDir('pcc-plain-'), [], out))).toMatchObject({ code: 'NOT_A_REPOSITORY' });
  });

  test('a selected file that has gone since is reported, not silently skipped', async () => {
    const repo = makeRepo({ 'a.txt': 'a' });
    const error = await rejectionOf(packUpload(repo, ['a.txt', 'gone.txt'], makeTempDir('pcc-out-')));
    expect(error).toMatchObject({ code: 'PACK_FAILED', message: expect.stringContaining('gone.txt is gone') });
  });
});
