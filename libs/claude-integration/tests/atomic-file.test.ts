import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { IntegrationError } from '../src';
import { updateFileAtomically } from '../src/files/atomic-file';
import { updateJsonFile } from '../src/files/update-json-file';

afterAll(() => removeTempDirs());

describe('updating files that another program rewrites', () => {
  it('re-reads and retries when the file changed between our read and our write', () => {
    const file = path.join(makeTempDir(), '.claude.json');
    fs.writeFileSync(file, '{"numStartups": 1}\n');
    let interference = 0;
    const change = updateJsonFile(
      file,
      (value) => ({ ...value, mcpServers: { 'parallel-cc': { command: 'x' } } }),
      {
        // Claude Code writes its own change just before our first commit.
        beforeCommit: () => {
          if (interference++ === 0) fs.writeFileSync(file, '{"numStartups": 2, "tipsHistory": {}}\n');
        },
      },
    );
    expect(interference).toBe(2);
    expect(change.action).toBe('update');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
      numStartups: 2,
      tipsHistory: {},
      mcpServers: { 'parallel-cc': { command: 'x' } },
    });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['.claude.json']);
  });

  it('gives up with CONCURRENT_CHANGE when the file never settles, leaving it as the other program wrote it', () => {
    const file = path.join(makeTempDir(), 'settings.json');
    fs.writeFileSync(file, '{}');
    let n = 0;
    const attempt = () =>
      updateFileAtomically(file, () => '{"ours": true}', { attempts: 3, beforeCommit: () => fs.writeFileSync(file, `{"n": ${++n}}`) });
    expect(attempt).toThrow(IntegrationError);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"n": 3}');
  });

  it('keeps the indentation and final newline of the file it edits', () => {
    const file = path.join(makeTempDir(), 'settings.json');
    fs.writeFileSync(file, '{\n\t"a": 1\n}');
    updateJsonFile(file, (v) => ({ ...v, b: 2 }));
    expect(fs.readFileSync(file, 'utf8')).toBe('{\n\t"a": 1,\n\t"b": 2\n}');
  });
});
