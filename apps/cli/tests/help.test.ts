import { makeTempHome, removeTempDirs } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { pcc, sessionRows } from './support';

let home: TempHome;
beforeAll(() => {
  home = makeTempHome();
});
afterAll(() => removeTempDirs());

const run = (...args: string[]) => pcc(args, { env: home.env });

/** The command paths the general help lists (`claims claim`, `status`, …). */
function listedCommands(): string[] {
  return run('--help')
    .stdout.split('\n')
    .filter((line) => line.startsWith('  parallel-cc '))
    .map((line) => line.trim().split(' ').slice(1))
    .map((words) => words.slice(0, words.findIndex((w) => !/^[a-z][a-z-]*$/.test(w)) >>> 0).join(' '))
    .filter((path) => path !== '');
}

describe('help is complete and readable', () => {
  it('every command explains itself with named values (never #0) and its required options in the usage line', () => {
    const commands = listedCommands();
    expect(commands).toEqual(expect.arrayContaining(['status', 'claims claim', 'sandbox logs', 'hook session-start', 'rebase', 'run']));
    expect(commands.length).toBeGreaterThanOrEqual(27);
    expect(run('--help').stdout).not.toContain('#0');
    for (const command of [...commands, 'sandbox-run', 'sandbox-logs']) {
      const help = run(...command.split(' '), '--help');
      expect({ command, code: help.code, stderr: help.stderr }).toEqual({ command, code: 0, stderr: '' });
      expect({ command, placeholder: help.stdout.includes('#0') }).toEqual({ command, placeholder: false });
      expect(help.stdout).toMatch(new RegExp(`^\\$ parallel-cc ${command.replace('-', '[ -]')}`, 'm'));
    }
    const usageLine = (...command: string[]) => run(...command, '--help').stdout.split('\n').find((line) => line.startsWith('$ parallel-cc'));
    expect(usageLine('rebase')).toBe('$ parallel-cc rebase --onto <branch> [options]');
    expect(usageLine('subscribe')).toBe('$ parallel-cc subscribe --branch <branch> [options]');
    expect(usageLine('register')).toBe('$ parallel-cc register --pid <n> [options]');
    // Either --session-id or --run-id names the run: neither alone is required.
    expect(usageLine('sandbox', 'logs')).toBe('$ parallel-cc sandbox logs [options]');
    expect(usageLine('claims', 'claim')).toBe('$ parallel-cc claims claim [options] <path>');
    expect(usageLine('run')).toBe('$ parallel-cc run [options] -- <command> [args...]');
    expect(run('claims', 'claim', '--help').stdout).toMatch(/^ {2}--mode <mode> +exclusive \(default\), shared or intent/m);
    expect(run('--help').stdout).toMatch(/^ {2}parallel-cc rebase --onto <branch> \[--check\]/m);
    expect(run('--help').stdout).toMatch(/^ {2}parallel-cc sandbox logs \[--session-id <id>\] \[--run-id <run-id>\] \[--follow\] \[--interval <ms>\]$/m);
  });

  it('a group word lists its commands; help and version are words too', () => {
    for (const [group, commands] of [
      ['claims', ['claim', 'list', 'release']],
      ['hook', ['post-tool-use', 'pre-tool-use', 'session-end', 'session-start', 'worktree-create', 'worktree-remove']],
      ['sandbox', ['download', 'kill', 'logs', 'prune', 'run']],
    ] as const) {
      for (const args of [[group], [group, '--help'], ['help', group]]) {
        const listing = run(...args);
        expect({ args, code: listing.code, stderr: listing.stderr }).toEqual({ args, code: 0, stderr: '' });
        expect(listing.stdout.startsWith(`parallel-cc ${group} <command>\n`)).toBe(true);
        for (const command of commands) expect(listing.stdout).toMatch(new RegExp(`^ {2}${command} +\\S`, 'm'));
      }
    }
    expect(run('claims').stdout).toMatch(/^ {2}claim +Claim a file this session is about to change$/m);
    expect(run('help')).toEqual(run('--help'));
    expect(run('help', 'status')).toEqual(run('status', '--help'));
    expect(run('help', 'claims', 'claim')).toEqual(run('claims', 'claim', '--help'));
    expect(run('version')).toEqual({ code: 0, stdout: `${run('--version').stdout}`, stderr: '' });
    expect(run('version').stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('modes are subcommands', () => {
  it('the general help lists them; the older flags are out of the help, which names the subcommands', () => {
    expect(listedCommands()).toEqual(
      expect.arrayContaining(['conflicts', 'conflicts suggest', 'conflicts apply', 'conflicts history', 'install', 'install status', 'uninstall']),
    );
    const conflicts = run('conflicts', '--help').stdout;
    for (const flag of ['--suggest', '--model', '--apply', '--worktree', '--history', '--limit']) expect(conflicts).not.toMatch(new RegExp(`^ +${flag}\\b`, 'm'));
    expect(conflicts).toMatch(/`conflicts suggest`[^]*`conflicts apply <id>`[^]*`conflicts history`/);
    const install = run('install', '--help').stdout;
    for (const flag of ['--status', '--uninstall']) expect(install).not.toMatch(new RegExp(`^ +${flag}\\b`, 'm'));
    expect(install).toMatch(/`parallel-cc uninstall`[^]*`parallel-cc install status`/);
    expect(run('help', 'conflicts', 'history')).toEqual(run('conflicts', 'history', '--help'));
    expect(run('help', 'uninstall').stdout).toMatch(/^\$ parallel-cc uninstall \[options\]$/m);
  });
});

describe('mistakes get one line naming what was meant, exit code 2, and change nothing', () => {
  it.each([
    [['stauts'], '"stauts" is not a command. Did you mean "status"? Run `parallel-cc --help` for the list of commands.'],
    [['relase', '--pid', '1'], '"relase" is not a command. Did you mean "release"? Run `parallel-cc --help` for the list of commands.'],
    [['frobnicate'], '"frobnicate" is not a command. Run `parallel-cc --help` for the list of commands.'],
    [['help', 'stauts'], '"stauts" is not a command. Did you mean "status"? Run `parallel-cc --help` for the list of commands.'],
    [['claims', 'lst'], '"claims lst" is not a command. Did you mean "claims list"? Run `parallel-cc claims` for its commands.'],
    [['sandbox', 'log'], '"sandbox log" is not a command. Did you mean "sandbox logs"? Run `parallel-cc sandbox` for its commands.'],
    [['status', '--jsn'], 'status has no option --jsn. Did you mean --json? Run `parallel-cc status --help` for usage.'],
    [['claims', 'list', '--sesion-id', 'abcd'], 'claims list has no option --sesion-id. Did you mean --session-id? Run `parallel-cc claims list --help` for usage.'],
    [['status', '--frobnicate'], 'status has no option --frobnicate. Run `parallel-cc status --help` for usage.'],
    [['rebase'], 'rebase needs --onto <branch>. Run `parallel-cc rebase --help` for usage.'],
    [['register'], 'register needs --pid <n>. Run `parallel-cc register --help` for usage.'],
    [['claims', 'claim'], 'claims claim needs <path>. Run `parallel-cc claims claim --help` for usage.'],
    [['run', '--'], 'run needs a command after --: the agent to run, e.g. `parallel-cc run -- claude`.'],
    [['run'], 'run needs a command after --: the agent to run, e.g. `parallel-cc run -- claude`.'],
    [['conflicts', 'histroy'], '"conflicts histroy" is not a command. Did you mean "conflicts history"? Run `parallel-cc --help` for the list of commands.'],
    [['install', 'stauts'], '"install stauts" is not a command. Did you mean "install status"? Run `parallel-cc --help` for the list of commands.'],
    [['conflicts', 'apply'], 'conflicts apply needs <id>. Run `parallel-cc conflicts apply --help` for usage.'],
    [['uninstall', '--all'], 'uninstall has no option --all. Run `parallel-cc uninstall --help` for usage.'],
    [['install', 'status', '--dry-run'], 'install status has no option --dry-run. Run `parallel-cc install status --help` for usage.'],
    // The older flags are options still, though the help no longer shows them.
    [['conflicts', '--history', '--bogus'], 'conflicts has no option --bogus. Run `parallel-cc conflicts --help` for usage.'],
    [['conflicts', '--apply'], 'Not enough arguments to option --apply. Run `parallel-cc conflicts --help` for usage.'],
  ])('%j', (args, message) => {
    expect(run(...args)).toEqual({ code: 2, stdout: '', stderr: `parallel-cc: ${message}\n` });
    expect(sessionRows(home.pccHome)).toEqual([]);
  });

  it('run --help is the manual, not an agent named --help', () => {
    const help = run('run', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Run an agent as a session in its own place');
    expect(sessionRows(home.pccHome)).toEqual([]);
  });
});

describe('with --json, a failure is one JSON object on stderr', () => {
  const jsonError = (...args: string[]) => {
    const result = run(...args);
    expect(result.stdout).toBe('');
    expect(result.stderr.endsWith('\n')).toBe(true);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    return { code: result.code, ...(JSON.parse(result.stderr) as { error: { code: string; message: string } }) };
  };

  it('usage mistakes are USAGE_ERROR (exit 2), library failures carry their code (exit 1)', () => {
    expect(jsonError('status', '--jsn', '--json')).toEqual({
      code: 2,
      error: { code: 'USAGE_ERROR', message: 'status has no option --jsn. Did you mean --json? Run `parallel-cc status --help` for usage.' },
    });
    expect(jsonError('stauts', '--json')).toEqual({ code: 2, error: { code: 'USAGE_ERROR', message: expect.stringContaining('Did you mean "status"?') } });
    expect(jsonError('release', '--json')).toEqual({ code: 2, error: { code: 'USAGE_ERROR', message: 'Name the session with --pid <n> or --session-id <id>.' } });
    expect(jsonError('release', '--session-id', 'nope', '--json')).toEqual({ code: 2, error: { code: 'INVALID_INPUT', message: expect.stringContaining('The session id "nope" is not valid') } });
    expect(jsonError('release', '--session-id', '123e4567-e89b-42d3-a456-426614174000', '--json')).toEqual({
      code: 1,
      error: { code: 'SESSION_NOT_FOUND', message: 'No session with id 123e4567-e89b-42d3-a456-426614174000 is registered.' },
    });
  });

  it('--json after -- belongs to the agent of run, so the error stays text', () => {
    expect(run('run', '--bogus', '--', 'x', '--json')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'parallel-cc: run has no option --bogus. Run `parallel-cc run --help` for usage.\n',
    });
    expect(sessionRows(home.pccHome)).toEqual([]);
  });
});
