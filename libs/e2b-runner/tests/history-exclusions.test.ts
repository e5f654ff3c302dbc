import { commitFiles, git, makeRepo, removeTempDirs } from '@parallel-cc/test-utils';
import { excludedInHistory, historyWithheldNote } from '../src/upload/history-exclusions';

afterAll(() => removeTempDirs());

describe('files the upload leaves out, in the history a bundle would carry', () => {
  it('finds credential files and .e2bignore matches any commit of any ref ever held, deleted ones too', async () => {
    const repo = makeRepo({ 'README.md': '# r\n', '.env.example': 'KEY=\n', '.e2bignore': 'private/\n' });
    commitFiles(repo, { '.env': 'SECRET=1\n', 'certs/server.pem': 'pem\n' }, 'oops');
    git(repo, 'rm', '-q', '.env');
    git(repo, 'commit', '-q', '-m', 'remove the secret');
    git(repo, 'checkout', '-q', '-b', 'side');
    commitFiles(repo, { 'private/notes.md': 'n\n' }, 'notes');
    git(repo, 'checkout', '-q', 'main');

    const found = await excludedInHistory(repo);
    expect(found.map((f) => f.path).sort()).toEqual(['.env', 'certs/server.pem', 'private/notes.md']);
    expect(found.find((f) => f.path === 'private/notes.md')?.reason).toMatch(/\.e2bignore rule "private\/"/);
    expect(historyWithheldNote(found)).toMatch(/^3 files that are never uploaded were committed .*history stays on this machine.*git filter-repo/);
    expect(historyWithheldNote([])).toBeNull();
    expect(await excludedInHistory(makeRepo({ 'a.txt': 'a\n' }))).toEqual([]);
  });
});
