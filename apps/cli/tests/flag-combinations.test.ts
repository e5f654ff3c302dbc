import { git, makeRepo, makeTempHome, removeTempDirs } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { pcc, sessionRows } from './support';

let home: TempHome;
let repo: string;
beforeAll(() => {
  home = makeTempHome();
  repo = makeRepo();
});
afterAll(() => removeTempDirs());

const ID = '123e4567-e89b-42d3-a456-426614174000';

// Every command but install (which has its own suite): options that contradict each other, or that
// only mean something beside another, are refused before anything runs.
describe('contradictory options are refused with exit code 2, naming them, and nothing changes', () => {
  it.each([
    [['rebase', '--onto', 'main', '--check', '--abort-on-conflict'], '--check and --abort-on-conflict cannot be used together: --check only predicts, so there is no rebase to abort.'],
    [['release', '--pid', '1', '--session-id', ID], 'Give either --pid or --session-id, not both.'],
    [['heartbeat', '--pid', '1', '--session-id', ID], 'Give either --pid or --session-id, not both.'],
    [['conflicts', '--apply', '0123456789ab', '--history'], '--apply and --history cannot be used together: each is a task of its own.'],
    [['conflicts', '--apply', '0123456789ab', '--branch', 'a', '--with', 'b'], '--apply and --branch cannot be used together: --apply compares no branches.'],
    [['conflicts', '--history', '--suggest'], '--history and --suggest cannot be used together: --history compares no branches.'],
    [['conflicts', '--history', '--concurrency', '2'], '--history and --concurrency cannot be used together: --history compares no branches.'],
    [['conflicts', '--branch', 'a', '--with', 'b', '--concurrency', '2'], '--concurrency and --branch cannot be used together: --concurrency is for comparing every live session.'],
    [['conflicts', '--branch', 'a'], 'Give --branch and --with together (two branches to compare), or neither (compare every live session).'],
    [['conflicts', '--model'], '--model only works with --suggest.'],
    [['conflicts', '--worktree', '.'], '--worktree only works with --apply.'],
    [['conflicts', '--limit', '5'], '--limit only works with --history.'],
    [['conflicts', 'suggest', '--branch', 'a', '--with', 'b', '--concurrency', '2'], '--concurrency and --branch cannot be used together: --concurrency is for comparing every live session.'],
    [['conflicts', 'suggest', '--with', 'b', '--json'], 'Give --branch and --with together (two branches to compare), or neither (compare every live session).'],
    [['merge-status', '--subscriptions', '--limit', '5'], '--subscriptions and --limit cannot be used together: --limit counts merges, and --subscriptions lists subscriptions instead.'],
    [['watch-merges', '--once', '--interval', '5'], '--once and --interval cannot be used together: --once polls once, with no interval.'],
    [['claims', 'release', 'a.ts', '--all'], 'Name the file to release, or give --all to release every claim of the session (not both).'],
    [['sandbox', 'logs', '--session-id', ID, '--interval', '100'], '--interval only works with --follow.'],
    [['sandbox', 'run', '--prompt', 'x', '--prompt-file', 'PLAN.md'], 'Give the task with --prompt "<text>" or --prompt-file <file> (one of them).'],
    [['sandbox', 'run', '--prompt', 'x', '--provider', 'local', '--yes'], '--yes only works with --git-live.'],
    [['sandbox', 'run', '--prompt', 'x', '--provider', 'local', '--target-branch', 'main'], '--target-branch only works with --git-live.'],
    [['sandbox', 'run', '--prompt', 'x', '--provider', 'local', '--template', 't'], '--template names an E2B template, and --provider local uses none: drop one of them.'],
  ])('%j', (args, message) => {
    const before = git(repo, 'worktree', 'list');
    // Run inside the repository, where every command finds it by default.
    const stderr = args.includes('--json') ? `${JSON.stringify({ error: { code: 'USAGE_ERROR', message } })}\n` : `parallel-cc: ${message}\n`;
    expect(pcc(args, { env: home.env, cwd: repo })).toEqual({ code: 2, stdout: '', stderr });
    expect(git(repo, 'worktree', 'list')).toBe(before);
    expect(sessionRows(home.pccHome)).toEqual([]);
  });
});
