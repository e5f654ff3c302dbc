import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v from 'valibot';
import type { PortBlock, Repository } from '@parallel-cc/worktree-gtr';
import type { Coordinator } from '../db/open-database';
import type { SessionOrigin, SessionsTable } from '../db/schema';
import { immediateTransaction } from '../db/transaction';
import { SessionError } from '../errors';
import { markOwnedHere, NO_MARK_OWNER } from '../liveness/mark-owner';
import { processStartTime } from '../liveness/process-start';
import { isSessionAlive } from '../liveness/session-state';
import { prepareEnvironment } from '../environment/prepare-environment';
import type { SessionEnvironment } from '../environment/prepare-environment';
import { assignPorts } from '../ports/assign-ports';
import { portEnv, rowPorts } from '../ports/port-env';
import { sessionById } from '../queries/session-by-id';
import { cleanupSessions } from './cleanup';
import { crashPoint, crashWhileMaking } from './crash-point';
import { parseInput, PidSchema, RepoPathSchema, SessionIdSchema } from './inputs';
import { sessionsOfRepo } from './queries';

/** A request to register process `pid` as a session in the repository containing `repo`. */
export interface RegisterOptions {
  repo: string;
  pid: number;
  env?: NodeJS.ProcessEnv;
  /**
   * `auto` (the default): the main checkout when no live session holds it, else a worktree.
   * `worktree`: always a new worktree, even when the main checkout is free (an unattended
   * sandbox run, whose result must not land in the user's checkout).
   */
  placement?: SessionPlacement;
  /** How the session started; `wrapper` (the default) unless a hook or a sandbox run registers it. */
  origin?: RegisterOrigin;
  /** The registered session that started this one (a subagent's parent). */
  parentSessionId?: string;
  /** Where the setup command's progress lines go (default: stderr); its output goes to the session's log. */
  progress?: { write(text: string): unknown };
}

/** The origins {@link registerSession} writes; `adopted` sessions come from `registerInPlace`. */
export type RegisterOrigin = Exclude<SessionOrigin, 'adopted'>;

/** Where {@link registerSession} may put a session. */
export type SessionPlacement = 'auto' | 'worktree';

const PlacementSchema = v.optional(v.picklist(['auto', 'worktree'], 'must be auto or worktree'), 'auto');

const OriginSchema = v.optional(
  v.picklist(['wrapper', 'claude-worktree', 'subagent', 'sandbox'] as const, 'must be wrapper, claude-worktree, subagent or sandbox'),
  'wrapper',
);

/** Where a registered session works; the first five fields are the CLI's `register --json`. */
export interface Registration {
  sessionId: string;
  worktreePath: string;
  worktreeName: string | null;
  isMainRepo: boolean;
  /** Live sessions in this repository, this one included (kept ones never count). */
  parallelSessions: number;
  repoPath: string;
  branch: string | null;
  baseBranch: string;
  /** The folder to work in: the same subfolder of the worktree that `repo` was of its checkout. */
  workingDirectory: string;
  /** False when `pid` already had a live session here and that one was returned. */
  created: boolean;
  warnings: string[];
  /** The session's block of ports (its agent gets PORT and PARALLEL_CC_PORTS), or null when the repository asks for none. */
  ports: PortBlock | null;
  /** A new worktree's shared folders and setup run; null for the main checkout or an existing session. */
  environment: SessionEnvironment | null;
}

/**
 * Registers `pid`: it gets the main checkout when no live session holds it (and `placement` is
 * not `worktree`), else a new worktree on its own branch from the main checkout's branch. A PID
 * that already has a live session here gets that session back, wherever it is. Dead sessions of
 * the repository are cleaned up first. The row is reserved in an immediate transaction before the
 * slow git work, so concurrent registrations never share a place.
 */
export async function registerSession(coordinator: Coordinator, options: RegisterOptions): Promise<Registration> {
  const pid = parseInput(PidSchema, options.pid, 'PID');
  const repoArg = parseInput(RepoPathSchema, options.repo, 'repository path');
  const placement = parseInput(PlacementSchema, options.placement, 'placement');
  const origin = parseInput(OriginSchema, options.origin, 'origin');
  const parentId = options.parentSessionId === undefined ? null : parseInput(SessionIdSchema, options.parentSessionId, 'parent session id');
  const env = options.env ?? process.env;
  const pidStarted = processStartTime(pid);
  if (pidStarted === null) {
    throw new SessionError('PROCESS_NOT_RUNNING', `No process with PID ${pid} is running; register a live process.`, { pid });
  }
  const wt = await import('@parallel-cc/worktree-gtr');
  const repository = await wt.resolveRepository(repoArg);
  await cleanupSessions(coordinator, { repo: repository.root, env });
  const config = await wt.readWorktreeConfig(repository.root, env);
  const settings = await wt.readEnvironmentSettings(repository.root);
  const id = randomUUID();
  const branch = wt.sessionBranchName(id);
  const plannedPath = wt.worktreePathFor(repository.root, branch, config.worktreesDir);
  const now = new Date().toISOString();

  crashPoint('register:before-row');
  const reserved = await immediateTransaction(coordinator.db, async (trx) => {
    if (parentId !== null && !(await sessionById(trx, parentId))) {
      throw new SessionError('INVALID_INPUT', `The parent session id ${parentId} is not valid: no session with that id is registered.`, {
        field: 'parent session id',
        value: parentId,
      });
    }
    const rows = (await sessionsOfRepo(trx, repository.root)).filter((r) => r.status !== 'kept');
    const alive = rows.filter(isSessionAlive);
    // A `registering` row of this PID is a registration that died half way (or runs in parallel): not an answer.
    const mine = alive.find((r) => r.status === 'active' && r.pid === pid && r.pid_started === pidStarted);
    if (mine) return { row: mine, parallel: alive.length, created: false };
    const deadMain = rows.filter((r) => r.is_main_repo === 1 && !isSessionAlive(r)).map((r) => r.id);
    if (deadMain.length > 0) await trx.deleteFrom('sessions').where('id', 'in', deadMain).execute();
    const inMain = placement === 'auto' && !alive.some((r) => r.is_main_repo === 1);
    const ports = await assignPorts(trx, { worktreePath: inMain ? repository.root : plannedPath, settings });
    const row: SessionsTable = {
      id,
      repo_path: repository.root,
      worktree_path: inMain ? repository.root : plannedPath,
      worktree_name: inMain ? null : path.basename(plannedPath),
      branch: inMain ? (repository.mainDetached ? null : repository.mainBranch) : branch,
      base_branch: repository.mainBranch,
      is_main_repo: inMain ? 1 : 0,
      pid,
      pid_started: pidStarted,
      agent_pid: null,
      agent_started: null,
      claude_session_id: null,
      status: inMain ? 'active' : 'registering',
      kept_reason: null,
      status_changed_at: now,
      // A registration killed before it finishes leaves a mark naming it: the next cleanup takes it over.
      ...(inMain ? NO_MARK_OWNER : markOwnedHere()),
      origin,
      parent_session_id: parentId,
      shares_place_with: null,
      port_first: ports?.first ?? null,
      port_last: ports?.last ?? null,
      created_at: now,
      last_heartbeat: now,
    };
    await trx.insertInto('sessions').values(row).execute();
    return { row, parallel: alive.length + 1, created: true };
  });
  crashPoint('register:after-row');

  let { row } = reserved;
  const warnings: string[] = [];
  if (reserved.created && row.status === 'registering') {
    try {
      const created = await wt.createWorktree({
        repoRoot: repository.root,
        branch,
        base: repository.mainBranch,
        config,
        processStartTime,
        env: { ...env, ...portEnv(rowPorts(row)) },
        whileCreating: (folder, creating) => crashWhileMaking('register:worktree-add', folder, creating),
      });
      warnings.push(...created.warnings);
      row = { ...row, ...NO_MARK_OWNER, status: 'active', worktree_path: created.path, worktree_name: path.basename(created.path) };
      await coordinator.db
        .updateTable('sessions')
        .set({ status: 'active', worktree_path: row.worktree_path, worktree_name: row.worktree_name, ...NO_MARK_OWNER })
        .where('id', '=', id)
        .execute();
    } catch (error) {
      await coordinator.db.deleteFrom('sessions').where('id', '=', id).execute();
      // The place was never made: its block is not remembered for it either (a failure changes nothing).
      await coordinator.db.deleteFrom('port_memory').where('worktree_path', '=', row.worktree_path).execute();
      throw error;
    }
  }
  let environment: SessionEnvironment | null = null;
  if (reserved.created && row.is_main_repo === 0) {
    environment = await prepareEnvironment({
      sessionId: row.id,
      repoRoot: repository.root,
      worktreePath: row.worktree_path,
      ports: rowPorts(row),
      settings,
      env,
      progress: options.progress ?? process.stderr,
    });
    warnings.push(...environment.warnings);
  }
  crashPoint('register:before-answer');
  return { ...toRegistration(row, repository, reserved.parallel, reserved.created, warnings), environment };
}

function toRegistration(
  row: SessionsTable,
  repository: Repository,
  parallel: number,
  created: boolean,
  warnings: string[],
): Omit<Registration, 'environment'> {
  const inSubdir = path.join(row.worktree_path, repository.subdir);
  return {
    sessionId: row.id,
    worktreePath: row.worktree_path,
    worktreeName: row.worktree_name,
    isMainRepo: row.is_main_repo === 1,
    parallelSessions: parallel,
    repoPath: row.repo_path,
    branch: row.branch,
    baseBranch: row.base_branch,
    workingDirectory: repository.subdir && fs.existsSync(inSubdir) ? inSubdir : row.worktree_path,
    created,
    warnings,
    ports: rowPorts(row),
  };
}
