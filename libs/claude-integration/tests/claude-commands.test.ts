import { git, makeRepo, makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { planClaudeRun } from '../src';
import { CLAUDE_SUBCOMMANDS, claudeMakesWorktree, claudeStartsSession } from '../src/wrapper/claude-commands';

afterAll(() => removeTempDirs());

describe('which claude commands are a working session', () => {
  it.each([[[]], [['fix the bug']], [['-p', 'hi']], [['--model', 'opus', '--resume']], [['-p', '--', '--help']], [['say', 'mcp']]])('claude %j is', (args) => {
    expect(claudeStartsSession(args)).toBe(true);
  });

  it.each([
    [['--version']],
    [['-v']],
    [['--help']],
    [['-h']],
    [['--model', 'opus', '--help']],
    [['mcp', 'list']],
    [['config', 'get', 'x']],
    [['doctor']],
    [['update']],
    [['install', 'stable']],
    [['migrate-installer']],
    [['setup-token']],
    [['agents']],
    [['plugin', 'list']],
  ])('claude %j is not', (args) => {
    expect(claudeStartsSession(args)).toBe(false);
  });

  it('knows every subcommand of claude --help (2.1.197)', () => {
    for (const name of ['agents', 'auth', 'auto-mode', 'doctor', 'gateway', 'install', 'mcp', 'plugin', 'plugins', 'project', 'setup-token', 'ultrareview', 'update', 'upgrade']) {
      expect(CLAUDE_SUBCOMMANDS).toContain(name);
    }
  });
});

describe('which claude commands make their own worktree', () => {
  it.each([[['-w']], [['-w', 'x']], [['-wx']], [['-w=x']], [['--worktree']], [['--worktree', 'x']], [['--worktree=x']], [['-p', 'hi', '-w', 'x']]])(
    'claude %j does',
    (args) => {
      expect(claudeMakesWorktree(args)).toBe(true);
    },
  );

  it.each([[[]], [['fix -w']], [['-p', '--', '-w', 'x']], [['--worktrees']], [['--model', 'opus']]])('claude %j does not', (args) => {
    expect(claudeMakesWorktree(args)).toBe(false);
  });
});

describe('planClaudeRun', () => {
  it('makes a session in a repository, and none outside one, in one without commits, or for a command', async () => {
    const repo = makeRepo();
    expect(await planClaudeRun([], repo)).toEqual({ session: true });
    expect(await planClaudeRun(['mcp', 'list'], repo)).toEqual({ session: false, note: null });
    // Claude makes the worktree itself, through our WorktreeCreate hook: no second one of ours.
    expect(await planClaudeRun(['-w', 'x'], repo)).toEqual({ session: false, note: null });
    expect(await planClaudeRun([], makeTempDir('pcc-not-a-repo-'))).toEqual({ session: false, note: null });
    const empty = makeTempDir('pcc-no-commits-');
    git(empty, 'init', '-q');
    expect(await planClaudeRun([], empty)).toEqual({ session: false, note: expect.stringMatching(/has no commits yet.*claude runs without a parallel-cc session/) });
  });
});
