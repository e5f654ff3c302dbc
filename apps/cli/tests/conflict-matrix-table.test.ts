import type { PreviewedSession, SessionConflictPreview, SessionPairCheck } from '@parallel-cc/merge-detector';
import { createColors } from 'picocolors';
import { renderConflictMatrix } from '../src/output/conflict-matrix';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function session(id: string, branch: string): PreviewedSession {
  return { sessionId: id.padEnd(36, '0'), branch, ref: branch, baseBranch: 'main', isMainRepo: false, state: 'active', uncommitted: [], snapshotProblem: null } as unknown as PreviewedSession;
}

function check(ours: string, theirs: string, conflicts: number, against: 'session' | 'base' = 'session'): SessionPairCheck {
  return {
    ours,
    theirs,
    oursRef: ours,
    theirsRef: theirs,
    against,
    kept: false,
    status: conflicts === 0 ? 'clean' : 'conflicts',
    reason: null,
    conflicts: Array.from({ length: conflicts }, (_, i) => ({ path: `src/f${i}.ts`, kind: 'content', message: 'CONFLICT (content)', classification: null, regions: [], source: 'committed' })),
  } as unknown as SessionPairCheck;
}

test('each column is as wide as its widest cell: counts of any size stay apart', () => {
  const sessions = [session('aaaaaaaa', 'a'), session('bbbbbbbb', 'b'), session('cccccccc', 'c')];
  const checks = [check('a', 'b', 14), check('a', 'c', 130), check('b', 'c', 0), check('a', 'main', 1, 'base'), check('b', 'main', 0, 'base'), check('c', 'main', 0, 'base')];
  const preview = { repo: '/repo', sessions, checks, skipped: [], conflicting: 3, failed: 0 } as SessionConflictPreview;

  const text = renderConflictMatrix(preview, createColors(false), plural);
  const grid = text.split('\n').filter((line) => /^ {2}\[\d\] {2}/.test(line) && !line.includes('aaaa'));

  expect(grid).toEqual([
    '  [1]  ·          14 files   130 files  1 file',
    '  [2]  14 files   ·          ok         ok',
    '  [3]  130 files  ok         ·          ok',
  ]);
  expect(text).toContain('\n       [1]        [2]        [3]        base\n');
});
