import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeRepo } from '@parallel-cc/test-utils';
import { branchOf, call, failure, ok, textOf, useFixture } from './support';

const fx = useFixture();

const GREET = "export function greet(name: string): string {\n  return 'hello ' + name;\n}\n";
// Suggestion ids are content-stable across repositories: each test adds functions of its own names.
const added = (name: string) => `\nexport function ${name}(): string {\n  return '${name}';\n}\n`;

/** The main checkout's session and two worktree sessions, on a repository with src/greet.ts. */
async function threeSessions() {
  const repo = makeRepo({ 'src/greet.ts': GREET, 'README.md': '# r\n' });
  const main = await fx.register(repo);
  const a = await fx.register(repo);
  const b = await fx.register(repo);
  return { repo, main, a, b };
}

describe('check_conflicts and detect_advanced_conflicts', () => {
  test('two sessions editing the same function: a CONCURRENT conflict, with guidance and its hunk', async () => {
    const { repo, a, b } = await threeSessions();
    commitFiles(a.worktreePath, { 'src/greet.ts': GREET.replace("'hello '", "'hi '") }, 'a');
    commitFiles(b.worktreePath, { 'src/greet.ts': GREET.replace("'hello '", "'hey '") }, 'b');
    const bContext = fx.context({ session: b, cwd: b.worktreePath });

    const checked = await ok(call('check_conflicts', { branch: branchOf(b), target_branch: branchOf(a) }, bContext));
    expect(checked).toEqual({
      hasConflicts: true,
      conflictingFiles: ['src/greet.ts'],
      conflicts: [
        {
          path: 'src/greet.ts',
          kind: 'content',
          class: 'CONCURRENT',
          severity: 'high',
          declarations: ['greet'],
          reason: expect.stringContaining('greet'),
          source: 'committed',
          uncommittedIn: [],
        },
      ],
      summary: `Merging ${branchOf(b)} into ${branchOf(a)} would conflict in 1 file: src/greet.ts (CONCURRENT).`,
      guidance: [expect.stringContaining('src/greet.ts: both branches edit the same declarations (CONCURRENT)'), expect.stringContaining('rebase_assist')],
    });

    const advanced = await ok(call('detect_advanced_conflicts', { target_branch: branchOf(a) }, bContext));
    expect(advanced).toEqual({
      ours: branchOf(a),
      theirs: branchOf(b),
      clean: false,
      conflicts: [
        {
          path: 'src/greet.ts',
          kind: 'content',
          class: 'CONCURRENT',
          severity: 'high',
          declarations: ['greet'],
          reason: checked.conflicts[0].reason,
          analysis: 'ast',
          parseFailure: null,
          regions: [{ line: 2, oursLines: 1, baseLines: 1, theirsLines: 1 }],
        },
      ],
      byClass: { TRIVIAL: 0, STRUCTURAL: 0, CONCURRENT: 1, SEMANTIC: 0 },
    });
    // The texts: the verdict, then what to do, one step a line.
    const checkText = textOf(await call('check_conflicts', { branch: branchOf(b), target_branch: branchOf(a) }, bContext)).split('\n');
    expect(checkText).toEqual([checked.summary, ...checked.guidance]);
    expect(textOf(await call('detect_advanced_conflicts', { target_branch: branchOf(a) }, bContext))).toBe(
      `Merging ${branchOf(b)} into ${branchOf(a)} would conflict in 1 file: src/greet.ts (CONCURRENT; high; greet, lines 2): ${checked.conflicts[0].reason}.`,
    );

    // Defaults: the caller's branch against its base branch, which nobody changed.
    expect(await ok(call('detect_advanced_conflicts', {}, bContext))).toMatchObject({ ours: 'main', theirs: branchOf(b), clean: true, conflicts: [] });
    expect(await ok(call('check_conflicts', { branch: branchOf(a), target_branch: 'main' }, fx.context({ cwd: repo })))).toEqual({
      hasConflicts: false,
      conflictingFiles: [],
      conflicts: [],
      summary: `${branchOf(a)} merges cleanly into main.`,
      guidance: [`${branchOf(a)} merges cleanly into main: nothing to resolve.`],
    });
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  test('refs that git would misread or does not know are errors naming the field', async () => {
    const { repo, a } = await threeSessions();
    const context = fx.context({ session: a, cwd: a.worktreePath });
    expect(await failure(call('check_conflicts', { branch: 'a..b', target_branch: 'main' }, context))).toMatchObject({
      code: 'INVALID_REF',
      message: expect.stringMatching(/^branch "a\.\.b" is not a valid ref: it contains "\.\."/),
    });
    expect(await failure(call('detect_advanced_conflicts', { target_branch: 'x:y' }, context))).toMatchObject({
      code: 'INVALID_REF',
      message: expect.stringMatching(/^target_branch "x:y" is not a valid ref/),
    });
    expect(await failure(call('check_conflicts', { branch: 'nowhere', target_branch: 'main' }, fx.context({ cwd: repo })))).toMatchObject({
      code: 'UNKNOWN_REF',
    });
  });
});

describe('guidance by class, and default branches', () => {
  test('SEMANTIC and STRUCTURAL conflicts get their own advice', async () => {
    const base = `${GREET}${added('keep')}`;
    const repo = makeRepo({ 'src/greet.ts': base, 'src/list.ts': GREET });
    const main = await fx.register(repo);
    const a = await fx.register(repo);
    commitFiles(repo, { 'src/greet.ts': added('keep').slice(1), 'src/list.ts': `${GREET}${added('north')}` }, 'main removes greet');
    commitFiles(a.worktreePath, { 'src/greet.ts': base.replace("'hello '", "'hi '"), 'src/list.ts': `${GREET}${added('south')}` }, 'a edits greet');

    // No session calling (the main checkout's has ended): the target defaults to the main checkout's branch.
    await main.process.kill();
    const advanced = await ok(call('detect_advanced_conflicts', { branch: branchOf(a) }, fx.context({ cwd: repo })));
    expect(advanced).toMatchObject({ ours: 'main', theirs: branchOf(a), byClass: { TRIVIAL: 0, STRUCTURAL: 1, CONCURRENT: 0, SEMANTIC: 1 } });

    const checked = await ok(call('check_conflicts', { branch: branchOf(a), target_branch: 'main' }, fx.context({ session: a, cwd: a.worktreePath })));
    expect(checked.conflicts.map((c: { path: string; class: string }) => [c.path, c.class])).toEqual([
      ['src/greet.ts', 'SEMANTIC'],
      ['src/list.ts', 'STRUCTURAL'],
    ]);
    expect(checked.guidance).toEqual([
      expect.stringMatching(/^TRIVIAL or STRUCTURAL conflicts in src\/list\.ts: get_auto_fix_suggestions/),
      expect.stringMatching(/^src\/greet\.ts: one branch changes or removes what the other uses \(SEMANTIC\)/),
      expect.stringContaining('rebase_assist'),
    ]);
  });

  test('a main checkout on a detached HEAD has no branch to default to', async () => {
    const repo = makeRepo();
    git(repo, 'checkout', '-q', '--detach');
    const main = await fx.register(repo);
    const error = await failure(call('detect_advanced_conflicts', {}, fx.context({ session: main, cwd: repo })));
    expect(error).toEqual({ code: 'INVALID_INPUT', message: "Your session's main checkout is on a detached HEAD, so it has no branch: give branch." });
  });
});

describe('get_auto_fix_suggestions, apply_auto_fix and get_conflict_history', () => {
  test('a STRUCTURAL conflict with the base branch: a recorded union fix, written into the base checkout once', async () => {
    const { repo, b } = await threeSessions();
    commitFiles(repo, { 'src/greet.ts': `${GREET}${added('bye')}` }, 'main adds bye');
    commitFiles(b.worktreePath, { 'src/greet.ts': `${GREET}${added('wave')}` }, 'b adds wave');
    const context = fx.context({ session: b, cwd: b.worktreePath });

    const suggestedResult = await call('get_auto_fix_suggestions', {}, context);
    const suggested = await ok(suggestedResult);
    expect(suggested).toEqual({
      ours: 'main',
      theirs: branchOf(b),
      suggestions: [
        {
          id: expect.stringMatching(/^[0-9a-f]{12}$/),
          path: 'src/greet.ts',
          class: 'STRUCTURAL',
          strategy: 'union',
          description: expect.any(String),
          confidence: expect.any(Number),
          content: expect.stringMatching(/function bye[\s\S]*function wave/),
        },
      ],
      unresolved: [],
      message: expect.stringContaining('apply_auto_fix'),
    });
    const [suggestion] = suggested.suggestions;
    expect(suggestion.confidence).toBeGreaterThan(0);
    // The text names each suggestion's id, for apply_auto_fix, and leaves the file's content out.
    const text = textOf(suggestedResult);
    expect(text.split('\n')).toEqual([suggested.message, expect.stringMatching(new RegExp(`^Suggestions .*: ${suggestion.id}: src/greet\\.ts \\(STRUCTURAL, union, confidence 0\\.\\d\\d\\): `))]);
    expect(text).not.toContain('function wave');

    const history = await ok(call('get_conflict_history', {}, context));
    expect(history).toEqual({
      total: 1,
      entries: [expect.objectContaining({ repo, ours: 'main', theirs: branchOf(b), path: 'src/greet.ts', class: 'STRUCTURAL', resolution: null })],
    });

    const applied = await ok(call('apply_auto_fix', { suggestion_id: suggestion.id }, context));
    expect(applied).toEqual({
      mode: 'prepared',
      merge: expect.objectContaining({ status: 'prepared', branch: expect.stringMatching(/^parallel-cc\/merge\/main-/), previous: null, files: [{ path: 'src/greet.ts', fix: suggestion.id }], missing: [] }),
      commands: { merge: `git -C ${repo} merge --ff-only ${applied.merge.branch}`, undo: `git branch -D ${applied.merge.branch}` },
      message: expect.stringContaining('No checkout, index or work tree file was touched.'),
    });
    expect(git(repo, 'status', '--porcelain')).toBe('');
    const again = await ok(call('apply_auto_fix', { suggestion_id: suggestion.id }, context));
    expect(again.merge).toMatchObject({ status: 'unchanged', commit: applied.merge.commit });

    // The command it gives fast-forwards main to the merge, with the fix's content.
    execFileSync('sh', ['-c', applied.commands.merge]);
    expect(fs.readFileSync(path.join(repo, 'src/greet.ts'), 'utf8')).toBe(suggestion.content);
    expect(git(repo, 'merge-base', '--is-ancestor', branchOf(b), 'main')).toBe('');

    const resolved = await ok(call('get_conflict_history', { repo_path: b.worktreePath, file_path: 'src/greet.ts', limit: 10 }, fx.context({ cwd: repo })));
    expect(resolved.entries).toEqual([expect.objectContaining({ resolution: 'auto-fix', strategy: 'union', suggestionId: suggestion.id })]);
    expect(await ok(call('get_conflict_history', { file_path: 'other.ts' }, context))).toEqual({ entries: [], total: 0 });
  });

  test('between two sessions, into the target session\'s worktree; worktree_path chooses another checkout', async () => {
    const { a, b } = await threeSessions();
    commitFiles(a.worktreePath, { 'src/greet.ts': `${GREET}${added('hop')}` }, 'a adds hop');
    commitFiles(b.worktreePath, { 'src/greet.ts': `${GREET}${added('skip')}` }, 'b adds skip');
    const context = fx.context({ session: b, cwd: b.worktreePath });

    const { suggestions } = await ok(call('get_auto_fix_suggestions', { branch: branchOf(b), target_branch: branchOf(a) }, context));
    expect(suggestions).toHaveLength(1);
    // b's worktree holds b's version, not the one the fix was computed from.
    const elsewhere = await failure(call('apply_auto_fix', { suggestion_id: suggestions[0].id, worktree_path: '.' }, context));
    expect(elsewhere.code).toBe('FILE_CHANGED');
    // a's worktree is a's: b writes nothing there, nor over a's EXCLUSIVE claim in its own.
    const intoA = await failure(call('apply_auto_fix', { suggestion_id: suggestions[0].id, worktree_path: a.worktreePath }, context));
    expect(intoA).toEqual({ code: 'INVALID_INPUT', message: expect.stringContaining(`${a.worktreePath} is where session ${a.sessionId} works`) });
    expect((await ok(call('claim_file', { file_path: 'src/greet.ts' }, fx.context({ session: a, cwd: a.worktreePath })))).granted).toBe(true);
    const claimed = await failure(call('apply_auto_fix', { suggestion_id: suggestions[0].id, worktree_path: '.' }, context));
    expect(claimed).toEqual({ code: 'INVALID_INPUT', message: expect.stringContaining(`src/greet.ts is claimed EXCLUSIVE by session ${a.sessionId}: nothing was written.`) });
    expect(git(a.worktreePath, 'status', '--porcelain')).toBe('');
    expect(git(b.worktreePath, 'status', '--porcelain')).toBe('');

    // By default, a merge commit a's worktree fast-forwards to.
    const prepared = await ok(call('apply_auto_fix', { suggestion_id: suggestions[0].id }, context));
    expect(prepared.commands.merge).toBe(`git -C ${a.worktreePath} merge --ff-only ${prepared.merge.branch}`);
    expect(git(a.worktreePath, 'status', '--porcelain')).toBe('');
  });

  test('use_model needs ANTHROPIC_API_KEY; unknown ids and unchecked-out targets say what to do', async () => {
    const { repo, main, b } = await threeSessions();
    commitFiles(repo, { 'src/greet.ts': `${GREET}${added('jump')}` }, 'main adds jump');
    commitFiles(b.worktreePath, { 'src/greet.ts': `${GREET}${added('run')}` }, 'b adds run');
    const context = fx.context({ session: b, cwd: b.worktreePath, env: { ANTHROPIC_API_KEY: '' } });

    const missing = await failure(call('get_auto_fix_suggestions', { use_model: true }, context));
    expect(missing).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('use_model needs ANTHROPIC_API_KEY') });

    // With a key, the model is only asked about CONCURRENT conflicts: this STRUCTURAL one needs no network.
    const keyed = fx.context({ session: b, cwd: b.worktreePath, env: { ANTHROPIC_API_KEY: 'sk-test-not-used' } });
    const withModel = await ok(call('get_auto_fix_suggestions', { use_model: true }, keyed));
    expect(withModel.suggestions.map((s: { strategy: string }) => s.strategy)).toEqual(['union']);

    expect(await failure(call('apply_auto_fix', { suggestion_id: '0123456789ab' }, context))).toEqual({
      code: 'SUGGESTION_NOT_FOUND',
      message: 'No suggestion has the id 0123456789ab: call get_auto_fix_suggestions for current ids.',
    });

    // A fix for main, whose checkout moved to another branch: main is checked out to fast-forward it.
    git(repo, 'checkout', '-q', '-b', 'elsewhere');
    const nowhere = await ok(call('apply_auto_fix', { suggestion_id: withModel.suggestions[0].id }, fx.context({ session: main, cwd: repo })));
    expect(nowhere.commands.merge).toBe(`git checkout main && git merge --ff-only ${nowhere.merge.branch}`);
  });
});

describe('preview_session_conflicts', () => {
  test('sees the conflicting pair of sessions, with each conflict trimmed to path, kind and classification', async () => {
    const { repo, main, a, b } = await threeSessions();
    commitFiles(a.worktreePath, { 'src/greet.ts': GREET.replace("'hello '", "'hi '") }, 'a');
    commitFiles(b.worktreePath, { 'src/greet.ts': GREET.replace("'hello '", "'hey '") }, 'b');

    const preview = await ok(call('preview_session_conflicts', {}, fx.context({ session: main, cwd: repo })));
    expect(preview).toMatchObject({ repo, conflicting: 1, failed: 0, skipped: [], message: '1 of 3 checks would conflict: see the checks with status "conflicts".' });
    expect(preview.sessions.map((s: { sessionId: string }) => s.sessionId)).toEqual([main.sessionId, a.sessionId, b.sessionId]);
    const conflicting = preview.checks.filter((c: { status: string }) => c.status === 'conflicts');
    expect(conflicting).toEqual([
      {
        ours: branchOf(a),
        theirs: branchOf(b),
        against: 'branch',
        status: 'conflicts',
        reason: null,
        oursRef: branchOf(a),
        theirsRef: branchOf(b),
        oursSessionId: a.sessionId,
        theirsSessionId: b.sessionId,
        kept: false,
        conflicts: [
          {
            path: 'src/greet.ts',
            kind: 'content',
            classification: expect.objectContaining({ class: 'CONCURRENT', declarations: ['greet'] }),
            source: 'committed',
            uncommittedIn: [],
          },
        ],
      },
    ]);
    expect(textOf(await call('preview_session_conflicts', {}, fx.context({ session: main, cwd: repo })))).toBe(
      `${preview.message}\n- ${branchOf(a)} and ${branchOf(b)}: src/greet.ts (CONCURRENT)`,
    );

    const quiet = makeRepo();
    await fx.register(quiet);
    expect(await ok(call('preview_session_conflicts', { repo_path: quiet }, fx.context({ cwd: repo })))).toMatchObject({
      conflicting: 0,
      message: 'No conflicts among 1 live session: each merges cleanly with the others and with its base.',
    });
  });
});

describe('work in progress', () => {
  test('uncommitted edits of one function in two worktrees: both tools report the collision as uncommitted, and the indexes stay as they were', async () => {
    const { repo, main, a, b } = await threeSessions();
    fs.writeFileSync(path.join(a.worktreePath, 'src/greet.ts'), GREET.replace("'hello '", "'hi '"));
    fs.writeFileSync(path.join(b.worktreePath, 'src/greet.ts'), GREET.replace("'hello '", "'hey '"));
    const indexOf = (worktree: string) => fs.readFileSync(git(worktree, 'rev-parse', '--path-format=absolute', '--git-path', 'index')).toString('base64');
    const before = [indexOf(a.worktreePath), indexOf(b.worktreePath)];

    const preview = await ok(call('preview_session_conflicts', {}, fx.context({ session: main, cwd: repo })));
    const pair = preview.checks.find((c: { status: string }) => c.status === 'conflicts');
    expect(pair).toMatchObject({ ours: branchOf(a), theirs: branchOf(b), conflicts: [{ path: 'src/greet.ts', source: 'uncommitted', uncommittedIn: ['ours', 'theirs'] }] });
    expect(textOf(await call('preview_session_conflicts', {}, fx.context({ session: main, cwd: repo })))).toContain('src/greet.ts (CONCURRENT, uncommitted work)');

    const checked = await ok(call('check_conflicts', { branch: branchOf(b), target_branch: branchOf(a) }, fx.context({ session: b, cwd: b.worktreePath })));
    expect(checked).toMatchObject({ hasConflicts: true, conflicts: [{ path: 'src/greet.ts', source: 'uncommitted', uncommittedIn: ['ours', 'theirs'] }] });
    expect([indexOf(a.worktreePath), indexOf(b.worktreePath)]).toEqual(before);
  });
});
