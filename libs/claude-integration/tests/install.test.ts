import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { install, installationStatus, uninstall } from '../src';

const BIN = '/opt/parallel cc/bin/parallel-cc';
const USER_SETTINGS = {
  model: 'opus',
  permissions: { allow: ['Bash(npm test)'] },
  hooks: {
    PostToolUse: [{ matcher: 'Write', hooks: [{ type: 'command', command: 'prettier --write', timeout: 30 }] }],
    Stop: [{ hooks: [{ type: 'command', command: 'say done' }] }],
  },
};
// Claude Code's own state: many keys it rewrites, which must survive untouched and in order.
const CLAUDE_JSON = {
  numStartups: 42,
  installMethod: 'npm',
  projects: { '/home/dev/app': { allowedTools: [], history: [{ display: 'hi' }] } },
  mcpServers: { github: { type: 'stdio', command: 'gh-mcp', args: [], env: { TOKEN_FILE: '/x' } } },
  userID: 'abc',
};

let home: string;
// PATH holds a `claude-parallel`, as after a global install: the alias runs it.
const env = (): NodeJS.ProcessEnv => ({ HOME: home, SHELL: '/bin/bash', PARALLEL_CC_HOME: path.join(home, '.pcc'), PATH: path.join(home, 'bin') });
const settingsFile = () => path.join(home, '.claude', 'settings.json');
const claudeJson = () => path.join(home, '.claude.json');
const read = (file: string) => fs.readFileSync(file, 'utf8');

beforeEach(() => {
  home = makeTempDir('pcc-install-home-');
  fs.mkdirSync(path.join(home, 'bin'));
  fs.writeFileSync(path.join(home, 'bin', 'claude-parallel'), '#!/bin/sh\n', { mode: 0o755 });
});
afterAll(() => removeTempDirs());

function writeJson(file: string, value: unknown, mode = 0o644) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { mode });
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const everything = () =>
  install({ home, env: env(), binary: BIN, hooks: { scope: 'global' }, alias: { shell: 'bash' }, mcp: true });

describe('install --all, again, and uninstall', () => {
  it('adds exactly our pieces to existing files, changes nothing the second time, and restores every file', () => {
    writeJson(settingsFile(), USER_SETTINGS);
    writeJson(claudeJson(), CLAUDE_JSON, 0o600);
    fs.writeFileSync(path.join(home, '.bashrc'), 'export PATH=$HOME/bin:$PATH\n');
    const before = { settings: read(settingsFile()), claude: read(claudeJson()), bashrc: read(path.join(home, '.bashrc')) };

    const first = everything();
    expect(first.map((c) => [c.piece, c.action])).toEqual([
      ['hooks', 'update'],
      ['mcp', 'update'],
      ['alias', 'update'],
    ]);
    const settings = JSON.parse(read(settingsFile()));
    expect(settings.model).toBe('opus');
    expect(settings.hooks.Stop).toEqual(USER_SETTINGS.hooks.Stop);
    expect(settings.hooks.PostToolUse).toEqual([
      USER_SETTINGS.hooks.PostToolUse[0],
      // With the MCP server installed too, PostToolUse is an mcp_tool hook the running server answers.
      { matcher: '*', hooks: [expect.objectContaining({ type: 'mcp_tool', server: 'parallel-cc', tool: 'record_edit', timeout: 5 })] },
    ]);
    expect(settings.hooks.SessionStart[0].hooks[0].command).toBe(`'${BIN}' hook session-start`);
    expect(settings.hooks.SessionEnd[0].hooks[0].command).toBe(`'${BIN}' hook session-end`);
    expect(settings.hooks.WorktreeCreate).toEqual([{ hooks: [{ type: 'command', command: `'${BIN}' hook worktree-create`, timeout: 120 }] }]);
    expect(settings.hooks.WorktreeRemove).toEqual([{ hooks: [{ type: 'command', command: `'${BIN}' hook worktree-remove`, timeout: 60 }] }]);
    const claude = JSON.parse(read(claudeJson()));
    expect(Object.keys(claude)).toEqual(Object.keys(CLAUDE_JSON));
    expect(claude.mcpServers).toEqual({
      github: CLAUDE_JSON.mcpServers.github,
      'parallel-cc': { type: 'stdio', command: BIN, args: ['mcp-serve'], env: {} },
    });
    expect(fs.statSync(claudeJson()).mode & 0o777).toBe(0o600);
    expect(read(path.join(home, '.bashrc'))).toBe(
      "export PATH=$HOME/bin:$PATH\n# >>> parallel-cc >>>\nalias claude='claude-parallel'\n# <<< parallel-cc <<<\n",
    );

    const afterFirst = { settings: read(settingsFile()), claude: read(claudeJson()), bashrc: read(path.join(home, '.bashrc')) };
    expect(everything().map((c) => c.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect({ settings: read(settingsFile()), claude: read(claudeJson()), bashrc: read(path.join(home, '.bashrc')) }).toEqual(afterFirst);

    const removed = uninstall({ home, env: env() });
    expect(removed.map((c) => [c.piece, c.action]).sort()).toEqual([
      ['alias', 'update'],
      ['hooks', 'update'],
      ['mcp', 'update'],
    ]);
    expect(JSON.parse(read(settingsFile()))).toEqual(JSON.parse(before.settings));
    expect(read(settingsFile())).toBe(before.settings);
    expect(read(claudeJson())).toBe(before.claude);
    expect(read(path.join(home, '.bashrc'))).toBe(before.bashrc);
    expect(uninstall({ home, env: env() })).toEqual([]);
  });

  it('creates missing files and removes them again on uninstall', () => {
    everything();
    expect(fs.existsSync(settingsFile())).toBe(true);
    expect(fs.existsSync(claudeJson())).toBe(true);
    expect(fs.existsSync(path.join(home, '.bashrc'))).toBe(true);
    uninstall({ home, env: env() });
    expect(fs.existsSync(settingsFile())).toBe(false);
    expect(fs.existsSync(claudeJson())).toBe(false);
    expect(fs.existsSync(path.join(home, '.bashrc'))).toBe(false);
  });

  it('restores zsh and fish profiles byte for byte, including one without a final newline', () => {
    const zshrc = path.join(home, '.zshrc');
    const fish = path.join(home, '.config', 'fish', 'config.fish');
    fs.writeFileSync(zshrc, 'setopt autocd');
    fs.mkdirSync(path.dirname(fish), { recursive: true });
    fs.writeFileSync(fish, 'set -x EDITOR vim\n\n');
    install({ home, env: env(), binary: BIN, alias: { shell: 'zsh' } });
    install({ home, env: env(), binary: BIN, alias: { shell: 'fish' } });
    expect(read(zshrc)).toContain("setopt autocd\n# >>> parallel-cc >>> (a newline was added before this block)\nalias claude='claude-parallel'\n");
    expect(read(fish)).toContain('alias claude claude-parallel\n');
    uninstall({ home, env: env() });
    expect(read(zshrc)).toBe('setopt autocd');
    expect(read(fish)).toBe('set -x EDITOR vim\n\n');
  });

  it('installs local hooks into the repository settings.local.json, kept out of commits through info/exclude', () => {
    const repo = makeRepo();
    const exclude = path.join(repo, '.git', 'info', 'exclude');
    const excludeBefore = read(exclude);
    const changes = install({ home, env: env(), binary: BIN, hooks: { scope: 'local', repoRoot: repo } });
    const file = path.join(repo, '.claude', 'settings.local.json');
    expect(changes).toEqual([
      expect.objectContaining({ piece: 'hooks', action: 'create', file }),
      expect.objectContaining({ piece: 'hooks', action: 'update', file: exclude }),
    ]);
    expect(JSON.parse(read(file)).hooks.PostToolUse).toHaveLength(1);
    expect(fs.existsSync(settingsFile())).toBe(false);
    expect(git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(install({ home, env: env(), binary: BIN, hooks: { scope: 'local', repoRoot: repo } }).map((c) => c.action)).toEqual(['unchanged', 'unchanged']);

    uninstall({ home, env: env(), localRepos: [repo] });
    expect(fs.existsSync(file)).toBe(false);
    expect(read(exclude)).toBe(excludeBefore);
  });

  it('reports local hooks whose settings git would commit as outdated, until installing again excludes them', () => {
    const repo = makeRepo();
    const exclude = path.join(repo, '.git', 'info', 'exclude');
    const excludeBefore = read(exclude);
    const binary = path.join(home, 'parallel-cc');
    fs.writeFileSync(binary, '');
    const local = () => installationStatus({ home, env: env(), binary, repoRoot: repo }).find((s) => s.piece === 'local-hooks');
    install({ home, env: env(), binary, hooks: { scope: 'local', repoRoot: repo } });
    expect(local()?.state).toBe('installed');

    fs.writeFileSync(exclude, excludeBefore); // as an install from before the exclude block left it
    expect(local()).toMatchObject({ state: 'outdated', detail: expect.stringContaining('git would offer .claude/settings.local.json for a commit') });
    install({ home, env: env(), binary, hooks: { scope: 'local', repoRoot: repo } });
    expect(local()?.state).toBe('installed');
  });

  it('leaves info/exclude alone when the repository already ignores its local settings', () => {
    const repo = makeRepo({ '.gitignore': '.claude/*.local.json\n' });
    const exclude = path.join(repo, '.git', 'info', 'exclude');
    const excludeBefore = read(exclude);
    const changes = install({ home, env: env(), binary: BIN, hooks: { scope: 'local', repoRoot: repo } });
    expect(changes.map((c) => [c.file, c.action])).toEqual([[path.join(repo, '.claude', 'settings.local.json'), 'create'], [exclude, 'unchanged']]);
    expect(read(exclude)).toBe(excludeBefore);
  });

  it('points outdated hooks and MCP entries at the new binary instead of adding second ones', () => {
    install({ home, env: env(), binary: '/old/parallel-cc', hooks: { scope: 'global' }, mcp: true });
    expect(installationStatus({ home, env: env(), binary: BIN }).map((s) => s.state)).toEqual(['outdated', 'outdated']);
    install({ home, env: env(), binary: BIN, hooks: { scope: 'global' }, mcp: true });
    const settings = JSON.parse(read(settingsFile()));
    expect(settings.hooks.PostToolUse).toHaveLength(1);
    expect(settings.hooks.SessionStart).toHaveLength(1);
    expect(settings.hooks.SessionStart[0].hooks[0].command).toBe(`'${BIN}' hook session-start`);
    expect(installationStatus({ home, env: env(), binary: BIN }).map((s) => s.state)).toEqual(['outdated', 'installed']);
  });

  it('reports each piece as missing, then installed', () => {
    const states = () => installationStatus({ home, env: env(), binary: BIN, shell: 'bash' }).map((s) => [s.piece, s.state]);
    expect(states()).toEqual([
      ['hooks', 'missing'],
      ['mcp', 'missing'],
      ['alias', 'missing'],
    ]);
    const binary = path.join(home, 'parallel-cc');
    fs.writeFileSync(binary, '');
    install({ home, env: env(), binary, hooks: { scope: 'global' }, alias: { shell: 'bash' }, mcp: true });
    expect(installationStatus({ home, env: env(), binary, shell: 'bash' }).map((s) => s.state)).toEqual([
      'installed',
      'installed',
      'installed',
    ]);
  });

  it('skips only the piece whose settings file is not valid JSON, never overwriting it, and installs the rest', () => {
    fs.mkdirSync(path.dirname(settingsFile()), { recursive: true });
    fs.writeFileSync(settingsFile(), '{ "model": "opus", }');
    const changes = everything();
    expect(changes.map((c) => [c.piece, c.action])).toEqual([
      ['hooks', 'skipped'],
      ['mcp', 'create'],
      ['alias', 'create'],
    ]);
    expect(changes[0]?.reason).toMatch(/settings\.json is not valid JSON .*will not overwrite it/);
    expect(read(settingsFile())).toBe('{ "model": "opus", }');
    expect(JSON.parse(read(claudeJson())).mcpServers['parallel-cc'].command).toBe(BIN);
    expect(installationStatus({ home, env: env(), binary: BIN })[0]?.state).toBe('invalid');

    const removed = uninstall({ home, env: env() });
    expect(removed.map((c) => [c.piece, c.action])).toEqual([
      ['hooks', 'skipped'],
      ['mcp', 'delete'],
      ['alias', 'delete'],
    ]);
    expect(read(settingsFile())).toBe('{ "model": "opus", }');
  });

  it('refuses the alias, writing nothing at all, when claude-parallel is not on PATH', () => {
    for (const PATH of ['', path.join(home, 'nowhere'), home]) {
      const noTarget = { ...env(), PATH };
      const refusal = thrown(() => install({ home, env: noTarget, binary: BIN, hooks: { scope: 'global' }, alias: { shell: 'bash' }, mcp: true }));
      expect(refusal).toMatchObject({ code: 'ALIAS_TARGET_MISSING' });
      expect(String(refusal)).toMatch(/needs `claude-parallel` on PATH, and it is not there.*npm install -g @parallel-cc\/cli.*Nothing was written/);
    }
    fs.writeFileSync(path.join(home, 'claude-parallel'), 'not executable', { mode: 0o644 });
    expect(() => install({ home, env: { ...env(), PATH: home }, binary: BIN, alias: { shell: 'bash' } })).toThrow(/Nothing was written/);
    expect(fs.readdirSync(home).sort()).toEqual(['bin', 'claude-parallel']);
  });

  it('removes on uninstall the .claude folder that installing local hooks created, unless something else is in it', () => {
    const repo = makeRepo();
    const folder = path.join(repo, '.claude');
    install({ home, env: env(), binary: BIN, hooks: { scope: 'local', repoRoot: repo } });
    expect(fs.existsSync(path.join(folder, 'settings.local.json'))).toBe(true);
    uninstall({ home, env: env(), localRepos: [repo] });
    expect(fs.existsSync(folder)).toBe(false);

    install({ home, env: env(), binary: BIN, hooks: { scope: 'local', repoRoot: repo } });
    fs.writeFileSync(path.join(folder, 'notes.md'), 'mine\n');
    uninstall({ home, env: env(), localRepos: [repo] });
    expect(fs.readdirSync(folder)).toEqual(['notes.md']);

    const other = makeRepo();
    fs.mkdirSync(path.join(other, '.claude')); // the user's own, empty: not ours to remove
    install({ home, env: env(), binary: BIN, hooks: { scope: 'local', repoRoot: other } });
    uninstall({ home, env: env(), localRepos: [other] });
    expect(fs.readdirSync(path.join(other, '.claude'))).toEqual([]);
  });

  it('keeps local settings it cannot read out of commits on uninstall', () => {
    const repo = makeRepo();
    const file = path.join(repo, '.claude', 'settings.local.json');
    const exclude = path.join(repo, '.git', 'info', 'exclude');
    install({ home, env: env(), binary: BIN, hooks: { scope: 'local', repoRoot: repo } });
    const excluded = read(exclude);
    fs.writeFileSync(file, '{ "hooks": ');
    expect(uninstall({ home, env: env(), localRepos: [repo] }).map((c) => [c.file, c.action])).toEqual([[file, 'skipped']]);
    expect(read(exclude)).toBe(excluded);
    expect(git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  it('dry runs report the changes and write nothing', () => {
    writeJson(claudeJson(), CLAUDE_JSON);
    const before = read(claudeJson());
    const changes = install({ home, env: env(), binary: BIN, hooks: { scope: 'global' }, mcp: true, dryRun: true });
    expect(changes.map((c) => c.action)).toEqual(['create', 'update']);
    expect(changes[1]?.after).toContain('"parallel-cc"');
    expect(fs.existsSync(settingsFile())).toBe(false);
    expect(read(claudeJson())).toBe(before);
  });
});
