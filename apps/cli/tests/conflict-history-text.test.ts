import type { ConflictHistoryEntry } from '@parallel-cc/conflict-engine';
import { renderConflictHistory } from '../src/output/conflict-history';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function entry(fields: Partial<ConflictHistoryEntry>): ConflictHistoryEntry {
  return {
    id: 'x',
    repo: '/repo',
    ours: 'main',
    theirs: 'feature',
    path: 'src/a.ts',
    class: 'CONCURRENT',
    severity: 'high',
    reason: '',
    detectedAt: '2026-12-05T10:00:00.000Z',
    resolution: null,
    strategy: null,
    suggestionId: null,
    resolvedAt: null,
    ...fields,
  } as ConflictHistoryEntry;
}

test('one heading per check, its files in aligned columns; the repository named only when several are listed', () => {
  const entries = [
    entry({ path: 'src/long/path/to/file.ts', class: 'SEMANTIC' }),
    entry({ path: 'src/b.ts', class: 'STRUCTURAL', resolution: 'auto-fix', strategy: 'union', resolvedAt: '2026-12-05T10:05:00.000Z' }),
    entry({ detectedAt: '2026-12-04T09:00:00.000Z', ours: 'a', theirs: 'b' }),
  ];
  expect(renderConflictHistory(entries, plural)).toBe(
    [
      '2026-12-05T10:00:00.000Z  main × feature: 2 files',
      '    SEMANTIC    src/long/path/to/file.ts  unresolved',
      '    STRUCTURAL  src/b.ts                  auto-fix (union) at 2026-12-05T10:05:00.000Z',
      '',
      '2026-12-04T09:00:00.000Z  a × b: 1 file',
      '    CONCURRENT  src/a.ts                  unresolved',
      '',
    ].join('\n'),
  );
  const twoRepos = renderConflictHistory([entry({}), entry({ repo: '/other' })], plural);
  expect(twoRepos).toContain('main × feature  (/repo): 1 file\n');
  expect(twoRepos).toContain('main × feature  (/other): 1 file\n');
});
