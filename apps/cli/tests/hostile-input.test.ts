// One table of hostile input over every entry point of the CLI: options, hook stdin and the config
// files we read. Each row must get a clear answer (exit 2 for usage, 1 for failure, one line
// naming the value or option) or be handled as plain data, and must never run what it carries
// (`touch` markers), nor write outside the places it should.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, makeTempDir, makeTempHome, removeTempDirs, startLiveProcess, writeFiles } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { BIN } from './support';
import type { RunResult } from './support';

const markerDir = makeTempDir('pcc-markers-');
const MARK = path.join(markerDir, 'pwned');
const outside = makeTempDir('pcc-outside-');
fs.writeFileSync(path.join(outside, 'secret.txt'), 'outside secret\n');
// A real repository whose name holds U+FFFD: what argv bytes that are not UTF-8 turn into in Node.
const fffdRepo = makeRepo({ 'README.md': '# not meant\n' }, { parent: outside, name: 'r\uFFFD' });
fs.writeFileSync(path.join(outside, 'p\uFFFD.md'), 'a prompt nobody meant\n');

let home: TempHome;
let repo: string;
let tmp: string;
let env: NodeJS.ProcessEnv;
let mainAgent: LiveProcess;
let otherAgent: LiveProcess;
let sessionId: string;

beforeAll(() => {
  home = makeTempHome();
  repo = makeRepo({ 'README.md': '# r\n', 'src/a.ts': 'export const a = 1;\n' });
  fs.symlinkSync(outside, path.join(repo, 'out-link'));
  git(repo, 'add', 'out-link');
  git(repo, 'commit', '-qm', 'a link that leads outside');
  tmp = makeTempDir('pcc-tmp-');
  env = { ...home.env, TMPDIR: tmp, ANTHROPIC_API_KEY: 'sk-ant-test' };
  mainAgent = startLiveProcess();
  otherAgent = startLiveProcess();
  const registered = spawnSync(process.execPath, [BIN.pcc, 'register', '--repo', repo, '--pid', String(mainAgent.pid), '--json'], { env, encoding: 'utf8' });
  sessionId = (JSON.parse(registered.stdout) as { sessionId: string }).sessionId;
  env.PARALLEL_CC_SESSION_ID = sessionId;
  // Every lib's tables exist from here on: a row's first use must not count as a change.
  expect(spawnSync(process.execPath, [BIN.pcc, 'update'], { env }).status).toBe(0);
});
afterAll(async () => {
  await mainAgent.kill();
  await otherAgent.kill();
  removeTempDirs();
});

/** Everything a refused row must leave as it was (but the session columns named). */
function snapshot(sessionColumns: string[] = []) {
  const tables: Record<string, unknown> = {};
  const db = new Database(path.join(home.pccHome, 'coordinator.db'), { readonly: true });
  try {
    const names = db.prepare("select name from sqlite_master where type = 'table' and name not like '%migration%' order by name").all() as Array<{ name: string }>;
    for (const { name } of names) tables[name] = db.prepare(`select * from "${name}"`).all();
    tables.sessions = (tables.sessions as Array<Record<string, unknown>>).map((row) =>
      Object.fromEntries(Object.entries(row).filter(([column]) => !sessionColumns.includes(column))),
    );
  } finally {
    db.close();
  }
  return {
    tables,
    worktrees: git(repo, 'worktree', 'list', '--porcelain'),
    branches: git(repo, 'for-each-ref', '--format=%(refname) %(objectname)'),
    status: git(repo, 'status', '--porcelain', '--ignored'),
    beside: fs.readdirSync(path.dirname(repo)).sort(),
    outside: fs.readdirSync(outside).sort(),
    home: fs.readdirSync(home.home).sort(),
  };
}

interface Row {
  /** CLI arguments; `${M}` stands for the marker path. */
  args: string[];
  /** Exit code wanted: 2 usage, 1 failure, 0 handled as data; 'data': a valid name, used as such (0) or not found (1). */
  code: 0 | 1 | 2 | 'data';
  /** What stderr must say (refusals); checked against the whole output for data rows when given. */
  message?: RegExp;
  stdin?: string | Buffer;
  /** A printf format for one last argument, to pass bytes that are not UTF-8. */
  raw?: string;
  cwd?: string;
  /** Rows that legitimately change state (data rows) skip the nothing-changed check. */
  changes?: boolean;
  /** Session columns a row may change (a hook's heartbeat and Claude Code's session id). */
  sessionColumns?: string[];
  /** Lines stderr must have when the command fails (default 1). */
  stderrLines?: number;
  setup?: () => void;
  check?: (result: RunResult) => void;
  teardown?: () => void;
}

function run(row: Row): RunResult {
  const args = row.args.map((a) => a.split('${M}').join(MARK).split('<other>').join(String(otherAgent.pid)));
  const options = { env: { ...env, PCC_RAW: row.raw ?? '' }, cwd: row.cwd ?? repo, input: row.stdin, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 };
  const result = row.raw
    ? // The shell only runs a fixed script: the bytes come from printf, the rest is "$@".
      spawnSync('sh', ['-c', 'exec "$@" "$(printf "$PCC_RAW")"', 'sh', process.execPath, BIN.pcc, ...args], options)
    : spawnSync(process.execPath, [BIN.pcc, ...args], options);
  return { code: result.status, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

const LONG = 'a'.repeat(100_000);

/** Branch-like values and what the refusal says about each. */
const HOSTILE_REFS: Array<[string, RegExp | 'data']> = [
  ['$(touch ${M})', /a space, a control character|whitespace/],
  ['`touch ${M}`', /a space, a control character|whitespace/],
  // `;`, `|`, `$`, `{` are allowed in git ref names: plain data, never run.
  ['x;touch${IFS}${M}', 'data'],
  ['x|touch', 'data'],
  ['--upload-pack=touch ${M}', /starts with "-"/],
  ['a..b', /contains "\.\."/],
  ['main@{1}', /contains "@\{"/],
  ['a\u0001b\u001b[31m', /control character/],
  [LONG, /100000 characters long/],
  ['br\uFFFDnch', /U\+FFFD/],
];

// Each branch option, with the arguments around it; the value goes in as `--option=value`, so that
// one starting with `-` reaches our validation rather than clipanion's.
const BRANCH_OPTIONS: Array<[string, (v: string) => string[]]> = [
  ['conflicts --branch', (v) => ['conflicts', `--branch=${v}`, '--with', 'main']],
  ['conflicts --with', (v) => ['conflicts', '--branch', 'main', `--with=${v}`]],
  ['conflicts suggest --branch', (v) => ['conflicts', 'suggest', `--branch=${v}`, '--with', 'main']],
  ['rebase --onto', (v) => ['rebase', `--onto=${v}`, '--check']],
  ['subscribe --branch', (v) => ['subscribe', `--branch=${v}`]],
  ['subscribe --target', (v) => ['subscribe', '--branch', 'feature', `--target=${v}`]],
  ['unsubscribe --branch', (v) => ['unsubscribe', `--branch=${v}`]],
  ['sandbox run --branch', (v) => ['sandbox', 'run', '--provider', 'local', '--prompt', 'x', '--dry-run', `--branch=${v}`]],
  // --yes: beside another live session, git-live (and with it the target) would otherwise be dropped.
  ['sandbox run --target-branch', (v) => ['sandbox', 'run', '--provider', 'local', '--prompt', 'x', '--dry-run', '--branch', 'ok', '--git-live', '--yes', `--target-branch=${v}`]],
];

const branchRows: Array<[string, Row]> = BRANCH_OPTIONS.flatMap(([option, argsFor]) =>
  HOSTILE_REFS.map(([value, message]): [string, Row] => [
    `${option} ${JSON.stringify(value.slice(0, 30))}`,
    message === 'data' ? { args: argsFor(value), code: 'data', changes: true } : { args: argsFor(value), code: 2, message },
  ]),
);

// Every --repo: a folder that does not exist, one outside any repository, one that names a real
// repository through U+FFFD (refused, never used), and shell text.
const REPO_OPTIONS: Array<[string, (v: string) => string[]]> = [
  ['register --repo', (v) => ['register', `--repo=${v}`, '--pid', String(process.pid)]],
  ['status --repo', (v) => ['status', `--repo=${v}`]],
  ['merge-status --repo', (v) => ['merge-status', `--repo=${v}`]],
  ['conflicts --repo', (v) => ['conflicts', `--repo=${v}`]],
  ['conflicts history --repo', (v) => ['conflicts', 'history', `--repo=${v}`]],
  ['claims list --repo', (v) => ['claims', 'list', `--repo=${v}`]],
  ['rebase --repo', (v) => ['rebase', '--onto', 'main', '--check', `--repo=${v}`]],
  ['sandbox run --repo', (v) => ['sandbox', 'run', '--provider', 'local', '--prompt', 'x', '--dry-run', `--repo=${v}`]],
  ['install --local --repo', (v) => ['install', '--local', '--dry-run', `--repo=${v}`]],
  ['install status --repo', (v) => ['install', 'status', `--repo=${v}`]],
  ['uninstall --repo', (v) => ['uninstall', '--dry-run', `--repo=${v}`]],
];
const HOSTILE_REPOS: Array<[string, 1 | 2, RegExp]> = [
  ['$(touch ${M})', 1, /\$\(touch .*pwned\) (does not exist|is not a folder inside a git worktree)/],
  ['../../../no-such-folder', 1, /no-such-folder (does not exist|is not a folder inside a git worktree)/],
  [outside, 1, /is not (inside a git repository|a folder inside a git worktree)/],
  [fffdRepo, 2, /U\+FFFD/],
];
const repoRows: Array<[string, Row]> = REPO_OPTIONS.flatMap(([option, argsFor]) =>
  HOSTILE_REPOS.map(([value, code, message]): [string, Row] => [`${option} ${JSON.stringify(value.slice(-30))}`, { args: argsFor(value), code, message }]),
);

const ids: Array<[string, Row]> = [
  ['register --pid shell text', { args: ['register', '--pid', '1;touch ${M}'], code: 2, message: /--pid "1;touch .*" is not a process id/ }],
  ['register --pid $()', { args: ['register', '--pid', '$(touch ${M})'], code: 2, message: /--pid .* is not a process id/ }],
  ['register --pid long', { args: ['register', '--pid', '9'.repeat(100_000)], code: 2, message: /--pid .* is not a process id/ }],
  ['heartbeat --pid -1', { args: ['heartbeat', '--pid=-1'], code: 2, message: /--pid "-1" is not a process id/ }],
  ['release --session-id backticks', { args: ['release', '--session-id', '`touch ${M}`'], code: 2, message: /session id .* is not valid: it must be a UUID/ }],
  ['release --session-id ../', { args: ['release', '--session-id', '../../x'], code: 2, message: /session id "\.\.\/\.\.\/x" is not valid/ }],
  ['release --session-id long', { args: ['release', '--session-id', LONG], code: 2, message: /session id .* is not valid/ }],
  ['release --pid text', { args: ['release', '--pid', 'x|touch ${M}'], code: 2, message: /--pid .* is not a process id/ }],
  ['heartbeat --session-id $()', { args: ['heartbeat', '--session-id', '$(touch ${M})'], code: 2, message: /session id .* is not valid/ }],
  ['subscribe --session-id ;', { args: ['subscribe', '--branch', 'x', '--session-id', 'x;touch ${M}'], code: 2, message: /session id .* is not valid/ }],
  ['sandbox logs --session-id ../', { args: ['sandbox', 'logs', '--session-id', '../x'], code: 2, message: /"\.\.\/x" is not a session or run id/ }],
  ['sandbox download --session-id $()', { args: ['sandbox', 'download', '--session-id', '$(touch ${M})'], code: 2, message: /".*" is not a session or run id/ }],
  ['sandbox kill --session-id=-x', { args: ['sandbox', 'kill', '--session-id=--help'], code: 2, message: /"--help" is not a session or run id/ }],
  ['sandbox prune --older-than $()', { args: ['sandbox', 'prune', '--older-than', '$(touch ${M})'], code: 2, message: /--older-than .* is not valid: use a whole number from 0 up/ }],
  ['conflicts apply ../', { args: ['conflicts', 'apply', '../../etc/passwd'], code: 2, message: /suggestion id .* is not valid/ }],
  ['conflicts history --limit text', { args: ['conflicts', 'history', '--limit', '1;touch ${M}'], code: 2, message: /--limit "1;touch .*" is not valid/ }],
  ['merge-status --limit $()', { args: ['merge-status', '--limit', '$(touch ${M})'], code: 2, message: /--limit .* is not valid/ }],
  ['claims claim --mode', { args: ['claims', 'claim', 'README.md', '--mode', '$(touch ${M})'], code: 2, message: /--mode .* is not a claim mode/ }],
  ['claims claim --ttl', { args: ['claims', 'claim', 'README.md', '--ttl', '1e9'], code: 2, message: /--ttl "1e9" is not valid/ }],
  ['sandbox run --timeout', { args: ['sandbox', 'run', '--provider', 'local', '--prompt', 'x', '--timeout', '$(touch ${M})'], code: 2, message: /timeout/i }],
  ['sandbox run --provider', { args: ['sandbox', 'run', '--provider', '$(touch ${M})', '--prompt', 'x'], code: 2, message: /e2b .* or local/ }],
  ['sandbox run --auth-method', { args: ['sandbox', 'run', '--provider', 'local', '--prompt', 'x', '--auth-method', '`touch ${M}`'], code: 2, message: /api-key or oauth/ }],
  ['install --shell', { args: ['install', '--alias', '--dry-run', '--shell', '$(touch ${M})'], code: 2, message: /--shell/ }],
  ['install status --shell', { args: ['install', 'status', '--shell', '$(touch ${M})'], code: 2, message: /--shell/ }],
];

const paths: Array<[string, Row]> = [
  ['claims claim ../ escape', { args: ['claims', 'claim', '../../etc/passwd'], code: 2, message: /file path ".*etc\/passwd" is outside the repository/ }],
  ['claims claim absolute elsewhere', { args: ['claims', 'claim', path.join(outside, 'secret.txt')], code: 2, message: /is outside the repository/ }],
  ['claims claim through a link out', { args: ['claims', 'claim', 'out-link/secret.txt'], code: 2, message: /leads outside the repository through a symbolic link/ }],
  ['claims claim .git', { args: ['claims', 'claim', '.git/config'], code: 2, message: /inside \.git/ }],
  ['claims claim U+FFFD', { args: ['claims', 'claim', 'READ\uFFFD.md'], code: 2, message: /U\+FFFD/ }],
  ['claims claim long', { args: ['claims', 'claim', LONG], code: 2, message: /at most 4096 characters/ }],
  ['claims claim NUL-free control characters are data', {
    args: ['claims', 'claim', 'odd\u0001name.txt', '--json'], code: 0, changes: true,
    check: (r) => expect(r.stdout).toContain('odd\\u0001name.txt'),
    teardown: () => expect(run({ args: ['claims', 'release', 'odd\u0001name.txt'], code: 0 }).code).toBe(0),
  }],
  ['claims claim shell text is a file name', {
    args: ['claims', 'claim', '$(touch ${M})', '--json'], code: 0, changes: true,
    teardown: () => expect(run({ args: ['claims', 'release', '--all'], code: 0 }).code).toBe(0),
  }],
  ['claims release ../ escape', { args: ['claims', 'release', '../x'], code: 2, message: /is outside the repository/ }],
  ['claims release U+FFFD', { args: ['claims', 'release', 'x\uFFFD'], code: 2, message: /U\+FFFD/ }],
  ['sandbox run --prompt-file missing', { args: ['sandbox', 'run', '--provider', 'local', '--dry-run', '--prompt-file', '$(touch ${M})'], code: 2, message: /--prompt-file .* cannot be read/ }],
  ['sandbox run --prompt-file U+FFFD', { args: ['sandbox', 'run', '--provider', 'local', '--dry-run', '--prompt-file', 'p\uFFFD.md'], cwd: outside, code: 2, message: /--prompt-file "p\uFFFD\.md" contains U\+FFFD/ }],
  ['run --repo U+FFFD starts nothing', { args: ['run', `--repo=${fffdRepo}`, 'sh', '-c', 'touch ${M}'], code: 2, message: /U\+FFFD/ }],
];

// Bytes that are not UTF-8, as a shell passes them: Node reads U+FFFD, which must be refused.
const rawBytes: Array<[string, Row]> = [
  ['status --repo <0xff bytes>', { args: ['status', '--repo'], raw: 'r\\377', cwd: outside, code: 2, message: /U\+FFFD/ }],
  ['register --repo <0xff bytes>', { args: ['register', '--pid', String(process.pid), '--repo'], raw: 'r\\377', cwd: outside, code: 2, message: /U\+FFFD/ }],
  ['conflicts --with <0xff bytes>', { args: ['conflicts', '--branch', 'main', '--with'], raw: 'ma\\377in', code: 2, message: /U\+FFFD/ }],
  ['claims claim <0xfe bytes>', { args: ['claims', 'claim'], raw: 'READ\\376.md', code: 2, message: /U\+FFFD/ }],
  ['sandbox run --branch <0xc3 bytes>', { args: ['sandbox', 'run', '--provider', 'local', '--prompt', 'x', '--dry-run', '--branch'], raw: 'b\\303', code: 2, message: /U\+FFFD/ }],
];

// Hook input: whatever arrives on stdin, the hook exits 0, prints nothing or JSON, and creates no session.
const HOOK_INPUTS: Array<[string, string | Buffer]> = [
  ['not JSON', 'not json {'],
  ['an array', '[1, 2, 3]'],
  ['wrong types', '{"session_id": 42, "cwd": ["x"], "hook_event_name": {}, "tool_input": "x"}'],
  ['shell text', JSON.stringify({ session_id: '$(touch ${M})', cwd: '`touch ${M}`', tool_name: 'Edit', tool_input: { file_path: '; touch ${M}' } })],
  ['paths outside', JSON.stringify({ session_id: 'x', cwd: '/', tool_name: 'Write', tool_input: { file_path: '../../../etc/passwd' } })],
  ['control characters', JSON.stringify({ session_id: '\u0000\u001b[31m', cwd: `${'\u0007'}/tmp`, tool_name: '\r\n' })],
  ['3 MB', `{"session_id": "${'a'.repeat(3_000_000)}"}`],
  ['bytes that are not UTF-8', Buffer.from([0x7b, 0x22, 0x73, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
  ['empty', ''],
];
const hookRows: Array<[string, Row]> = ['session-start', 'pre-tool-use', 'post-tool-use', 'session-end'].flatMap((event) =>
  HOOK_INPUTS.map(([what, stdin]): [string, Row] => [
    `hook ${event} <- ${what}`,
    {
      args: ['hook', event],
      stdin: typeof stdin === 'string' ? stdin.split('${M}').join(MARK) : stdin,
      code: 0,
      // The hook may heartbeat the session it runs in, and record an id that looks like one; nothing else.
      sessionColumns: ['last_heartbeat', 'claude_session_id'],
      check: (r) => {
        if (r.stdout.trim()) expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
        for (const { claude_session_id: id } of snapshot().tables.sessions as Array<{ claude_session_id: string | null }>) {
          expect(id === null || /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/.test(id)).toBe(true);
        }
      },
    },
  ]),
);

// The worktree hooks fail loudly (a non-zero exit aborts Claude's step): none of these inputs has
// a usable `name` / `worktree_path`, so each is refused in one line and nothing is made.
const worktreeHookRows: Array<[string, Row]> = ['worktree-create', 'worktree-remove'].flatMap((event) =>
  [
    ...HOOK_INPUTS,
    ['a bad name', JSON.stringify({ session_id: 'x', cwd: '/tmp', hook_event_name: 'WorktreeCreate', name: '../${M}' })],
    ['a name that is an option', JSON.stringify({ session_id: 'x', cwd: '/tmp', hook_event_name: 'WorktreeCreate', name: '--exec=touch ${M}' })],
  ].map(([what, stdin]): [string, Row] => [
    `hook ${event} <- ${what as string}`,
    {
      args: ['hook', event],
      stdin: typeof stdin === 'string' ? stdin.split('${M}').join(MARK) : stdin,
      code: 1,
      message: event === 'worktree-create' ? /^parallel-cc WorktreeCreate: / : /^parallel-cc WorktreeRemove: /,
      check: (r) => expect(r.stdout).toBe(''),
    },
  ]),
);

const worktreesDir = () => `${repo}-worktrees`;
const settingsFile = () => path.join(home.home, '.claude', 'settings.json');
const claudeJson = () => path.join(home.home, '.claude.json');
/**
 * A config row: writes `file` with `text`, runs, and checks that the file was left exactly as it
 * was. Install skips the piece that needs the file: a line naming it, and one saying what to do.
 */
function configRow(file: () => string, text: string, args: string[], message: RegExp): Row {
  return {
    args,
    code: 1,
    message,
    stderrLines: 2,
    setup: () => {
      fs.mkdirSync(path.dirname(file()), { recursive: true });
      fs.writeFileSync(file(), text);
    },
    check: () => expect(fs.readFileSync(file(), 'utf8')).toBe(text),
    teardown: () => fs.rmSync(file()),
  };
}

const configs: Array<[string, Row]> = [
  ['settings.json not JSON', configRow(settingsFile, '{"hooks": ', ['install', '--hooks'], /settings\.json is not valid JSON/)],
  ['settings.json an array', configRow(settingsFile, '[1]', ['install', '--hooks'], /does not hold a JSON object/)],
  ['settings.json hooks a number', configRow(settingsFile, '{"hooks": 42}', ['install', '--hooks'], /"hooks" holds 42 where an object belongs/)],
  ['settings.json hooks a list', configRow(settingsFile, '{"hooks": []}', ['install', '--hooks'], /"hooks" holds \[\] where an object belongs/)],
  ['settings.json hooks.SessionStart a string', configRow(settingsFile, '{"hooks": {"SessionStart": "$(touch x)"}}', ['install', '--hooks'], /"hooks\.SessionStart" holds .* where a list belongs/)],
  ['.claude.json mcpServers a list', configRow(claudeJson, '{"mcpServers": []}', ['install', '--mcp'], /"mcpServers" holds \[\] where an object belongs/)],
  ['.claude.json not JSON', configRow(claudeJson, 'nope', ['install', '--mcp'], /\.claude\.json is not valid JSON/)],
  ['settings.local.json hooks a list', configRow(() => path.join(repo, '.claude', 'settings.local.json'), '{"hooks": []}', ['install', '--local', '--repo', '.'], /"hooks" holds \[\] where an object belongs/)],
  [
    'a worktrees folder linked outside the repository\u2019s parent',
    {
      args: ['register', '--pid', String(process.pid)],
      code: 1,
      message: /worktrees folder .* is a symbolic link to .*pcc-outside-/,
      setup: () => fs.symlinkSync(outside, worktreesDir()),
      check: () => expect(fs.readdirSync(outside).sort()).toEqual(['p\uFFFD.md', 'r\uFFFD', 'secret.txt']),
      teardown: () => fs.rmSync(worktreesDir()),
    },
  ],
  [
    '.worktreeinclude with ../, absolute paths, a link out and a huge line',
    {
      args: ['register', '--pid', '<other>', '--json'],
      code: 0,
      changes: true,
      setup: () => {
        writeFiles(repo, { '.worktreeinclude': `../${path.basename(outside)}/secret.txt\n${outside}/secret.txt\n/etc/hostname\nlinked-out\n.env\n${LONG}\n` });
        fs.writeFileSync(path.join(repo, '.env'), 'KEY=1\n');
        fs.symlinkSync(outside, path.join(repo, 'linked-out'));
        writeFiles(path.join(repo, '.git', 'info'), { exclude: '.env\nlinked-out\n.worktreeinclude\n' });
      },
      check: (r) => {
        const { worktreePath } = JSON.parse(r.stdout) as { worktreePath: string };
        const copied = fs.readdirSync(worktreePath).sort();
        expect(copied).toEqual(expect.arrayContaining(['.env', 'README.md']));
        expect(copied).not.toContain('secret.txt');
        expect(copied).not.toContain('hostname');
        // A link is copied as the link it is, never as what it points at.
        if (copied.includes('linked-out')) expect(fs.lstatSync(path.join(worktreePath, 'linked-out')).isSymbolicLink()).toBe(true);
        expect(fs.readdirSync(outside).sort()).toEqual(['p\uFFFD.md', 'r\uFFFD', 'secret.txt']);
      },
      teardown: () => {
        expect(run({ args: ['release', '--pid', '<other>', '--force'], code: 0 }).code).toBe(0);
        for (const f of ['.worktreeinclude', '.env', 'linked-out']) fs.rmSync(path.join(repo, f));
        fs.rmSync(path.join(repo, '.git', 'info', 'exclude'));
      },
    },
  ],
  [
    '.e2bignore with odd patterns',
    {
      args: ['sandbox', 'run', '--provider', 'local', '--prompt', 'x', '--dry-run', '--json'],
      code: 0,
      setup: () => writeFiles(repo, { '.e2bignore': `../x\n/etc/passwd\n[\n\\\n!\n\u0001\n[z-a]\nsrc/\n${LONG}\n` }),
      check: (r) => {
        const summary = JSON.parse(r.stdout) as { excluded: Array<{ path: string; reason: string }> };
        expect(summary.excluded).toContainEqual({ path: 'src/a.ts', reason: 'matched .e2bignore rule "src/"' });
      },
      teardown: () => fs.rmSync(path.join(repo, '.e2bignore')),
    },
  ],
];

const table: Array<[string, Row]> = [...branchRows, ...repoRows, ...ids, ...paths, ...rawBytes, ...hookRows, ...worktreeHookRows, ...configs];

describe(`hostile input to the CLI (${table.length} rows)`, () => {
  test.each(table)('%s', (_name, row) => {
    row.setup?.();
    try {
      const before = snapshot(row.sessionColumns);
      const result = run(row);
      const wanted = row.code === 'data' ? [0, 1] : [row.code];
      expect({ code: wanted.includes(result.code ?? -1) ? 'as wanted' : result.code, stderr: result.stderr.slice(0, 500) }).toEqual({ code: 'as wanted', stderr: expect.any(String) });
      expect(result.stderr).not.toMatch(/\n\s+at |This is a bug/);
      if (result.code !== 0) {
        expect(result.stdout).toBe('');
        expect(result.stderr.trimEnd().split('\n')).toHaveLength(row.stderrLines ?? 1);
        // The value is named, but a 100,000-character one is not echoed whole.
        expect(result.stderr.length).toBeLessThan(2_000);
      }
      if (row.message) expect(result.stderr).toMatch(row.message);
      row.check?.(result);
      if (!row.changes) expect(snapshot(row.sessionColumns)).toEqual(before);
      expect(fs.existsSync(MARK)).toBe(false);
      // Nothing left in the temp area but the CLI's own compile cache.
      expect(fs.readdirSync(tmp).filter((f) => !f.startsWith('parallel-cc-code-cache'))).toEqual([]);
    } finally {
      row.teardown?.();
    }
  });

  test('the table covers every command that takes input', () => {
    const covered = new Set(table.map(([, row]) => row.args.filter((a) => /^[a-z]/.test(a)).slice(0, 2).join(' ')));
    for (const command of ['register', 'release', 'heartbeat', 'status', 'conflicts', 'rebase', 'subscribe', 'unsubscribe', 'merge-status', 'install', 'uninstall', 'run']) {
      expect([...covered].some((c) => c.startsWith(command))).toBe(true);
    }
    for (const command of ['conflicts suggest', 'conflicts apply', 'conflicts history', 'install status', 'claims claim', 'claims release', 'claims list', 'sandbox run', 'sandbox logs', 'sandbox download', 'sandbox kill', 'sandbox prune', 'hook session-start', 'hook post-tool-use', 'hook pre-tool-use', 'hook session-end', 'hook worktree-create', 'hook worktree-remove']) {
      expect(covered).toContain(command);
    }
  });
});
