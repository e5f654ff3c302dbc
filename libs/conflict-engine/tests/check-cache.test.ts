import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { checkCacheFile, memoryCheckCache } from '../src';
import { checkKey } from '../src/check/check-cache';

afterAll(() => removeTempDirs());

const RUN = { exitCode: 1, timedOut: false, outputTail: 'src/a.ts: error' };

describe('the check cache', () => {
  it('keys a run by command, base and the set of tips, not their order', () => {
    expect(checkKey('tsc', 'b0', ['t1', 't2'])).toBe(checkKey('tsc', 'b0', ['t2', 't1']));
    expect(checkKey('tsc', 'b0', ['t1', 't2'])).not.toBe(checkKey('tsc --strict', 'b0', ['t1', 't2']));
    expect(checkKey('tsc', 'b0', ['t1', 't2'])).not.toBe(checkKey('tsc', 'b1', ['t1', 't2']));
    expect(checkKey('tsc', null, ['t1'])).not.toBe(checkKey('tsc', null, ['t1', 't2']));
  });

  it('keeps runs in a JSON file another process can read, owner-only, in a folder it makes', () => {
    const file = path.join(makeTempDir('pcc-home-'), 'new-home', 'check-cache.json');
    checkCacheFile(file).set('k1', RUN);
    expect(checkCacheFile(file).get('k1')).toEqual(RUN);
    expect(checkCacheFile(file).get('k2')).toBeUndefined();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['check-cache.json']);
  });

  it('treats an unreadable or foreign file as empty, and replaces it on the next write', () => {
    const file = path.join(makeTempDir('pcc-home-'), 'check-cache.json');
    for (const text of ['{not json', '[1, 2]', 'null']) {
      fs.writeFileSync(file, text);
      const cache = checkCacheFile(file);
      expect(cache.get('k1')).toBeUndefined();
      cache.set('k1', RUN);
      expect(cache.get('k1')).toEqual(RUN);
    }
  });

  it('keeps the 500 newest entries', () => {
    const file = path.join(makeTempDir('pcc-home-'), 'check-cache.json');
    const entries = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`old${i}`, { run: RUN, at: new Date(Date.UTC(2020, 0, 1, 0, 0, i)).toISOString() }]));
    fs.writeFileSync(file, JSON.stringify(entries));
    checkCacheFile(file).set('newest', RUN);
    const kept = Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>);
    expect(kept).toHaveLength(500);
    expect(kept).toContain('newest');
    expect(kept).not.toContain('old0');
    expect(kept).toContain('old1');
  });

  it('in memory, for one process', () => {
    const cache = memoryCheckCache();
    expect(cache.get('k')).toBeUndefined();
    cache.set('k', RUN);
    expect(cache.get('k')).toEqual(RUN);
  });
});
