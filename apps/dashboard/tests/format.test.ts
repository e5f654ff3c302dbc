import { ago, baseName, clock, secondsSince, shortId } from '../src/page/format';

describe('the page\u2019s formats', () => {
  test('ages in the largest whole unit', () => {
    expect([0, 59.4, 60, 3599, 3600, 86_399, 86_400, -5].map(ago)).toEqual(['0s', '59s', '1m', '59m', '1h', '23h', '1d', '0s']);
  });

  test('ids, paths and times', () => {
    expect(shortId('0123456789abcdef')).toBe('01234567');
    expect(baseName('/home/me/repo-worktrees/feature-x/')).toBe('feature-x');
    expect(baseName('C:\\work\\repo')).toBe('repo');
    expect(secondsSince('2026-01-01T00:00:00.000Z', Date.parse('2026-01-01T00:01:30.000Z'))).toBe(90);
    const now = Date.parse('2026-01-02T12:00:30.000Z');
    expect(clock('2026-01-02T12:00:00.000Z', now)).not.toContain('2026');
    expect(clock('2025-06-01T11:59:00.000Z', now)).toMatch(/2025/);
  });
});
