import * as fs from 'node:fs';
import * as path from 'node:path';
import { changedBlobs, GitError, parseTree, readGitObjects } from '../src';
import type { ChangedBlob } from '../src';
import { commitFiles, git, removeMade, repoWith } from './support';

afterAll(removeMade);

const CODE = /\.ts$/;
const everything = () => true;

/** What `git diff --raw` says `to` added, changed or deleted since `from` among regular files, as changedBlobs answers. */
function diffRaw(dir: string, from: string, to: string, accept: (file: string) => boolean): ChangedBlob[] {
  const fields = git(dir, 'diff', '--raw', '-z', '--no-renames', '--no-abbrev', from, to).split('\0');
  const changed: ChangedBlob[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [modeBefore, modeAfter, before, after] = fields[i]!.slice(1).split(' ');
    const file = fields[i + 1]!;
    const [was, is] = [modeBefore!.startsWith('100') ? before! : null, modeAfter!.startsWith('100') ? after! : null];
    if (was !== is && accept(file)) changed.push({ path: file, before: was, after: is });
  }
  return changed;
}

describe('changedBlobs', () => {
  let dir: string;
  let from: string;
  let to: string;

  beforeAll(() => {
    dir = repoWith({
      'a.ts': 'export const a = 1;\n',
      'a-b.ts': 'export const ab = 1;\n',
      'a/b.ts': 'export const b = 1;\n',
      'a/deep/c.ts': 'export const c = 1;\n',
      'a/deep/same.ts': 'export const same = 1;\n',
      'gone.ts': 'export const gone = 1;\n',
      'becomes-folder.ts': 'export const f = 1;\n',
      'notes.md': '# notes\n',
      'tool.ts': 'export const tool = 1;\n',
      'old/x.ts': 'export const x = 1;\n',
      'was-file.ts': 'export const w = 1;\n',
      'old/y/z.ts': 'export const z = 1;\n',
    });
    from = git(dir, 'rev-parse', 'HEAD').trim();
    fs.rmSync(path.join(dir, 'gone.ts'));
    fs.rmSync(path.join(dir, 'old'), { recursive: true });
    fs.rmSync(path.join(dir, 'becomes-folder.ts'));
    fs.chmodSync(path.join(dir, 'tool.ts'), 0o755);
    fs.symlinkSync('a.ts', path.join(dir, 'link.ts'));
    fs.rmSync(path.join(dir, 'was-file.ts'));
    fs.symlinkSync('a.ts', path.join(dir, 'was-file.ts'));
    to = commitFiles(dir, {
      'a.ts': 'export const a = 2;\n',
      'a/deep/c.ts': 'export const c = 2;\n',
      'a/new/d.ts': 'export const d = 1;\n',
      'a/new/e/f.ts': 'export const f = 1;\n',
      'becomes-folder.ts/inside.ts': 'export const inside = 1;\n',
      'notes.md': '# notes, longer\n',
      'z.ts': 'export const z = 1;\n',
    });
  });

  test('lists what git diff --raw lists, in its order: added, changed and deleted regular files, folders added or removed whole included', async () => {
    const changed = await changedBlobs(dir, from, to, everything);
    expect(changed).toEqual(diffRaw(dir, from, to, everything));
    expect(changed.map((c) => c.path)).toEqual([
      'a.ts',
      'a/deep/c.ts',
      'a/new/d.ts',
      'a/new/e/f.ts',
      'becomes-folder.ts',
      'becomes-folder.ts/inside.ts',
      'gone.ts',
      'notes.md',
      'old/x.ts',
      'old/y/z.ts',
      'was-file.ts',
      'z.ts',
    ]);
    const blobAt = (commit: string, file: string) => git(dir, 'rev-parse', `${commit}:${file}`).trim();
    expect(changed.find((c) => c.path === 'a/new/d.ts')).toEqual({ path: 'a/new/d.ts', before: null, after: blobAt(to, 'a/new/d.ts') });
    expect(changed.find((c) => c.path === 'a.ts')).toEqual({ path: 'a.ts', before: blobAt(from, 'a.ts'), after: blobAt(to, 'a.ts') });
    expect(changed.find((c) => c.path === 'old/y/z.ts')).toEqual({ path: 'old/y/z.ts', before: blobAt(from, 'old/y/z.ts'), after: null });
    // A file that became a symlink is deleted as a file.
    expect(changed.find((c) => c.path === 'was-file.ts')).toEqual({ path: 'was-file.ts', before: blobAt(from, 'was-file.ts'), after: null });
  });

  test('leaves out symlinks, mode-only changes and the paths not accepted', async () => {
    const changed = (await changedBlobs(dir, from, to, (file) => CODE.test(file))).map((c) => c.path);
    expect(changed).not.toContain('link.ts');
    expect(changed).not.toContain('tool.ts');
    expect(changed).not.toContain('notes.md');
    expect(await changedBlobs(dir, from, to, (file) => CODE.test(file))).toEqual(diffRaw(dir, from, to, (file) => CODE.test(file)));
  });

  test('the other way round, and between a commit and itself', async () => {
    expect(await changedBlobs(dir, to, from, everything)).toEqual(diffRaw(dir, to, from, everything));
    expect(await changedBlobs(dir, to, to, everything)).toEqual([]);
  });

  test('a commit git does not have is GIT_FAILED; what is no object id is refused', async () => {
    const missing = 'f'.repeat(40);
    await expect(changedBlobs(dir, from, missing, everything)).rejects.toBeInstanceOf(GitError);
    await expect(changedBlobs(dir, from, missing, everything)).rejects.toMatchObject({ code: 'GIT_FAILED' });
    await expect(changedBlobs(dir, 'HEAD', to, everything)).rejects.toThrow('"HEAD"');
  });
});

test('parseTree reads a tree object as git ls-tree lists it, names with spaces and non-ASCII letters included', async () => {
  const dir = repoWith({ 'plain.ts': 'x\n', 'with space.ts': 'y\n', 'ünï/cödé.ts': 'z\n' });
  const contents = (await readGitObjects(dir, ['HEAD^{tree}'])).get('HEAD^{tree}')!;
  const listed = git(dir, '-c', 'core.quotePath=false', 'ls-tree', '-z', 'HEAD')
    .split('\0')
    .filter((line) => line !== '')
    .map((line) => {
      const [info, name] = line.split('\t');
      const [mode, , id] = info!.split(' ');
      return { mode: mode!.replace(/^0/, ''), name: name!, id: id! };
    });
  expect(parseTree(contents, 20)).toEqual(listed);
  expect(() => parseTree(contents.subarray(0, contents.length - 3), 20)).toThrow('ended in the middle');
});
