import { commitFiles, git, makeRepo, removeTempDirs } from '@parallel-cc/test-utils';
import { credentialsInHistory, historyCredentialsWarning } from '../src';

afterAll(() => removeTempDirs());

describe('credentials in the history the bundle carries', () => {
  it('finds credential files any commit ever held, even deleted ones, and words a warning', async () => {
    const repo = makeRepo({ 'README.md': '# r\n', '.env.example': 'KEY=\n' });
    commitFiles(repo, { '.env': 'SECRET=1\n', 'certs/server.pem': 'pem\n' }, 'oops');
    git(repo, 'rm', '-q', '.env');
    git(repo, 'commit', '-q', '-m', 'remove the secret');
    const found = await credentialsInHistory(repo);
    expect(found.map((f) => f.path).sort()).toEqual(['.env', 'certs/server.pem']);
    expect(historyCredentialsWarning(found)).toMatch(/^2 credential file\(s\) were committed .*\(\.env, certs\/server\.pem|certs\/server\.pem, \.env\).*git filter-repo/);
    expect(historyCredentialsWarning([])).toBeNull();
    expect(await credentialsInHistory(makeRepo({ 'a.txt': 'a\n' }))).toEqual([]);
  });
});
