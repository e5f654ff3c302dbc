// Uses the package the way another project would: only through its published name, which Nx's
// boundary rule would have a project's own files avoid.
/* eslint-disable @nx/enforce-module-boundaries -- this file stands in for an outside user */
import { git, makeRepo, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import * as api from '@parallel-cc/conflict-engine';
import { applyFix, ConflictEngineError, detectConflicts, suggestFixes } from '@parallel-cc/conflict-engine';
import type { ConflictReport } from '@parallel-cc/conflict-engine';

afterAll(() => removeTempDirs());

test('the public API previews a conflict between two branches', async () => {
  const repo = makeRepo({ 'notes.md': 'hello\n' });
  git(repo, 'checkout', '-q', '-b', 'feature');
  writeFiles(repo, { 'notes.md': 'hello from feature\n' });
  git(repo, 'commit', '-qam', 'feature');
  git(repo, 'checkout', '-q', 'main');
  writeFiles(repo, { 'notes.md': 'hello from main\n' });
  git(repo, 'commit', '-qam', 'main');

  const report: ConflictReport = await detectConflicts({ repo, ours: 'main', theirs: 'feature' });

  expect(report.clean).toBe(false);
  expect(report.conflicts.map((c) => `${c.kind} ${c.path}`)).toEqual(['content notes.md']);
  await expect(detectConflicts({ repo, ours: '--help', theirs: 'feature' })).rejects.toBeInstanceOf(ConflictEngineError);
});

test('as a plain library: detect, classify, suggest and apply on an ordinary repository, with no database', async () => {
  const base = "export function greet(name: string): string {\n  return 'hello ' + name;\n}\n";
  const repo = makeRepo({ 'src/greet.ts': base });
  git(repo, 'checkout', '-q', '-b', 'feature');
  writeFiles(repo, { 'src/greet.ts': `${base}\nexport const wave = (): string => 'o/';\n` });
  git(repo, 'commit', '-qam', 'feature');
  git(repo, 'checkout', '-q', 'main');
  writeFiles(repo, { 'src/greet.ts': `${base}\nexport const bye = (): string => 'bye';\n` });
  git(repo, 'commit', '-qam', 'main');

  const report = await detectConflicts({ repo, ours: 'main', theirs: 'feature' });
  expect(report.conflicts[0]?.classification).toMatchObject({ class: 'STRUCTURAL', declarations: ['bye', 'wave'] });
  const { suggestions } = await suggestFixes({ repo, ours: 'main', theirs: 'feature' });
  const applied = await applyFix({ worktree: repo, suggestion: suggestions[0]! });
  expect(applied.path).toBe('src/greet.ts');
  expect(git(repo, 'show', ':src/greet.ts')).not.toContain('wave');
  expect(git(repo, 'diff', '--stat')).toContain('src/greet.ts');
  expect(git(repo, 'diff')).toMatch(/\+export const wave/);
});

test('the package exports exactly its documented functions and classes', () => {
  expect(Object.keys(api).sort()).toEqual([
    'ConflictEngineError',
    'SnapshotCache',
    'anthropicModel',
    'applyFix',
    'applyStoredSuggestion',
    'assertValidRef',
    'checkCacheFile',
    'checkMergedBranches',
    'classify',
    'conflictEngineMigrations',
    'conflictHistory',
    'conflictMatrix',
    'describePreparedMerge',
    'detectConflicts',
    'findSuggestion',
    'markApplied',
    'memoryCheckCache',
    'mergeBranchName',
    'migrateHistory',
    'parseStatusV2',
    'preloadParser',
    'prepareMerge',
    'prepareStoredMerge',
    'readCheckConfig',
    'recordConflicts',
    'recordResolution',
    'recordSuggestions',
    'sharedSnapshotCache',
    'snapshotWorktree',
    'suggestAndRecord',
    'suggestFileFixes',
    'suggestFixes',
  ]);
});
