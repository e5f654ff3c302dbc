import { gitVersion, MIN_GIT_VERSION, versionAtLeast } from '@parallel-cc/git';
import { databaseFolderProblem } from './db/database-folder';
import { inspectDatabase } from './db/inspect-database';
import { sqliteLoadProblem } from './db/native-sqlite';
import type { MigrationSet } from './db/migrations';

/** One line of `parallel-cc doctor`. */
export interface DiagnosticCheck {
  name: string;
  /** ok; warn: works, with less; fail: parallel-cc cannot work until fixed. */
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  /** The one-line fix, for a warn or a fail. */
  fix?: string;
}

/** Checks what parallel-cc needs: git ≥ 2.38, gtr (optional), better-sqlite3's native module, the database and its schema, `claude` on PATH. */
export async function runDiagnostics(
  options: { env?: NodeJS.ProcessEnv; migrations?: MigrationSet[] } = {},
): Promise<DiagnosticCheck[]> {
  const env = options.env ?? process.env;
  const wt = await import('@parallel-cc/worktree-gtr');
  const checks: DiagnosticCheck[] = [];

  const git = await gitVersion(env);
  checks.push(
    git === null
      ? { name: 'git', status: 'fail', detail: 'git was not found on PATH', fix: 'install git 2.38 or newer' }
      : versionAtLeast(git, MIN_GIT_VERSION)
        ? { name: 'git', status: 'ok', detail: `git ${git}` }
        : {
            name: 'git',
            status: 'fail',
            detail: `git ${git} is too old: ${MIN_GIT_VERSION} or newer is needed`,
            fix: `upgrade git to ${MIN_GIT_VERSION} or newer`,
          },
  );

  const gtr = await wt.detectGtr(env);
  checks.push(
    gtr
      ? { name: 'gtr', status: 'ok', detail: `${gtr.command.join(' ')} ${gtr.version} (v${gtr.major})` }
      : { name: 'gtr', status: 'ok', detail: 'not installed: worktrees are made with plain git worktree' },
  );

  const sqlite = sqliteLoadProblem();
  if (sqlite) {
    // Without its native module no database can be read: that is the one thing to fix first.
    checks.push({ name: 'sqlite', status: 'fail', detail: sqlite.detail, fix: sqlite.fix });
    return [...checks, claudeCheck(wt.findOnPath('claude', env.PATH))];
  }

  const db = inspectDatabase({ env, migrations: options.migrations });
  const folderProblem = db.exists ? null : databaseFolderProblem(db.path);
  if (db.error) {
    checks.push({
      name: 'database',
      status: 'fail',
      detail: `${db.path} cannot be read: ${db.error}`,
      fix: `move ${db.path} aside; the next command creates a new one`,
    });
  } else if (db.corrupt) {
    checks.push({
      name: 'database',
      status: 'fail',
      detail: `${db.path} is corrupt: ${db.problem}`,
      fix: 'parallel-cc doctor --repair (moves it aside as coordinator.corrupt-<time>.db and creates a fresh one)',
    });
  } else if (db.schema.some((s) => s.unknown.length > 0)) {
    const unknown = db.schema.flatMap((s) => s.unknown.map((name) => `${s.lib}:${name}`));
    checks.push({
      name: 'database',
      status: 'fail',
      detail: `${db.path} was written by a newer parallel-cc (unknown migrations: ${unknown.join(', ')})`,
      fix: 'upgrade parallel-cc: npm install -g @parallel-cc/cli',
    });
  } else if (folderProblem !== null) {
    checks.push({
      name: 'database',
      status: 'fail',
      detail: `${db.path} cannot be created: ${folderProblem}`,
      fix: 'set PARALLEL_CC_HOME to a folder you can write, or fix the permissions',
    });
  } else if (db.legacy) {
    checks.push({ name: 'database', status: 'fail', detail: `${db.path} is from an earlier parallel-cc`, fix: 'parallel-cc update' });
  } else {
    const pending = db.schema.flatMap((s) => s.pending.map((p) => `${s.lib}:${p}`));
    const applied = db.schema.map((s) => `${s.lib} ${s.applied}`).join(', ');
    checks.push({
      name: 'database',
      status: 'ok',
      detail: !db.exists
        ? `${db.path} (not created yet: the first command creates it)`
        : pending.length > 0
          ? `${db.path}; schema: ${applied}; pending: ${pending.join(', ')} (the next command or \`parallel-cc update\` applies them)`
          : `${db.path}; schema up to date (${applied})`,
    });
    const { live, idle, stale, kept } = db.sessions;
    checks.push({
      name: 'sessions',
      status: stale > 0 ? 'warn' : 'ok',
      detail: `${live} live, ${idle} idle, ${stale} stale, ${kept} kept (holding work)`,
      ...(stale > 0 ? { fix: 'parallel-cc cleanup' } : {}),
    });
  }

  checks.push(claudeCheck(wt.findOnPath('claude', env.PATH)));
  return checks;
}

function claudeCheck(claude: string | null): DiagnosticCheck {
  return claude
    ? { name: 'claude', status: 'ok', detail: claude }
    : {
        name: 'claude',
        status: 'warn',
        detail: 'Claude Code (`claude`) is not on PATH: claude-parallel needs it',
        fix: 'npm install -g @anthropic-ai/claude-code',
      };
}
