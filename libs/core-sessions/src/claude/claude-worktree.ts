import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { releaseSessionClaims } from '../claims/release-session-claims';
import type { Coordinator } from '../db/open-database';
import type { PortBlock } from '@parallel-cc/worktree-gtr';
import type { SessionOrigin, SessionsTable } from '../db/schema';
import { immediateTransaction } from '../db/transaction';
import { prepareEnvironment } from '../environment/prepare-environment';
import { assignPorts } from '../ports/assign-ports';
import { portEnv, rowPorts } from '../ports/port-env';
import { SessionError } from '../errors';
import { markOwnedHere, NO_MARK_OWNER } from '../liveness/mark-owner';
import { processStartTime } from '../liveness/process-start';
import { isSessionAlive } from '../liveness/session-state';
import { needsCleanup } from '../sessions/cleanup';
import { parseInput, PidSchema, RepoPathSchema } from '../sessions/inputs';
import { sessionsOfRepo } from '../sessions/queries';
import { crashPoint, crashWhileMaking } from '../sessions/crash-point';
import { retireSession } from '../sessions/retire';
import { readClaudeWorktreeSettings } from './claude-settings';
import { linkDirectories } from './symlink-directories';
import { worktreeBase } from './worktree-base';
import { assertClaudeWorktreeName, claudeWorktreeBranch } from './worktree-name';

/** A WorktreeCreate request from Claude Code. */
export interface ClaudeWorktreeOptions {
  /** The folder Claude Code runs in (the hook's `cwd`). */
  cwd: string;
  /** The worktree's name (`claude -w NAME`, or one Claude chose for a subagent). */
  name: string;
  /** Claude Code's `session_id` from the hook, or null. */
  claudeSessionId: string | null;
  /** The Claude Code process the session belongs to. */
  pid: number;
  env?: NodeJS.ProcessEnv;
}

/** The worktree a Claude Code session got. */
export interface ClaudeWorktree {
  sessionId: string;
  worktreePath: string;
  branch: string | null;
  /** `claude-worktree`, or `subagent` when the Claude session asking already has a live session of ours. */
  origin: SessionOrigin;
  /** The session of the Claude session that asked, when this one is its subagent's. */
  parentSessionId: string | null;
  /** True when an existing worktree nobody held was taken over rather than made. */
  reused: boolean;
  /** The session's block of ports, or null when the repository asks for none. */
  ports: PortBlock | null;
  warnings: string[];
}

/**
 * Registers a session for Claude Code's WorktreeCreate hook and gives it the worktree NAME: a new
 * one on branch `worktree-NAME` in our worktrees folder (that branch resumed when it exists and no
 * worktree has it; `worktree-NAME-2`… when another worktree has it), or the existing one when no
 * live session holds it. Held by a live session: refused,
 * naming it. The row is reserved in an immediate transaction before any git work, so two requests
 * for one NAME never both get it; a failure leaves no row, worktree or branch behind.
 */
export async function createClaudeWorktree(coordinator: Coordinator, options: ClaudeWorktreeOptions): Promise<ClaudeWorktree> {
  const name = assertClaudeWorktreeName(options.name);
  const pid = parseInput(PidSchema, options.pid, 'PID');
  const cwd = parseInput(RepoPathSchema, options.cwd, 'folder');
  const env = options.env ?? process.env;
  const pidStarted = processStartTime(pid);
  if (pidStarted === null) throw new SessionError('PROCESS_NOT_RUNNING', `No process with PID ${pid} is running.`, { pid });
  const wt = await import('@parallel-cc/worktree-gtr');
  const repository = await wt.resolveRepository(cwd);
  const config = await wt.readWorktreeConfig(repository.root, env);
  const envSettings = await wt.readEnvironmentSettings(repository.root);
  const folder = wt.worktreePathFor(repository.root, name, config.worktreesDir);
  await cleanUpOthers(coordinator, repository.root, folder, env);
  const existing = fs.existsSync(folder) ? await existingWorktree(repository.root, folder) : null;
  const wanted = claudeWorktreeBranch(name);
  // NAME's branch outlived its worktree (Claude removed the worktree, the branch kept commits): resumed, not shadowed by `-2`.
  const resumed = !existing && (await branchToResume(repository.root, wanted, repository.mainBranch));
  const branch = existing ? existing.branch : resumed ? wanted : await freeBranch(repository.root, wanted);
  const now = new Date().toISOString();

  const reserved = await immediateTransaction(coordinator.db, async (trx) => {
    const rows = await sessionsOfRepo(trx, repository.root);
    const holder = rows.find((r) => r.worktree_path === folder && r.status !== 'kept' && isSessionAlive(r));
    if (holder) {
      throw new SessionError(
        'WORKTREE_HELD',
        `The worktree ${name} (${folder}) is held by live session ${holder.id.slice(0, 8)} (PID ${holder.agent_pid ?? holder.pid}); choose another name.`,
        { name, path: folder, sessionId: holder.id, pid: holder.agent_pid ?? holder.pid },
      );
    }
    const parent = options.claudeSessionId
      ? rows.find((r) => r.claude_session_id === options.claudeSessionId && r.status === 'active' && isSessionAlive(r))
      : undefined;
    const origin: SessionOrigin = parent ? 'subagent' : 'claude-worktree';
    const dead = rows.find((r) => r.worktree_path === folder && r.shares_place_with === null);
    const ports = await assignPorts(trx, { worktreePath: folder, settings: envSettings, ...(dead ? { replacing: dead.id } : {}) });
    const fields = {
      port_first: ports?.first ?? null,
      port_last: ports?.last ?? null,
      pid,
      pid_started: pidStarted,
      agent_pid: null,
      agent_started: null,
      claude_session_id: options.claudeSessionId,
      origin,
      parent_session_id: parent?.id ?? null,
      shares_place_with: null,
      kept_reason: null,
      status_changed_at: now,
      last_heartbeat: now,
    };
    if (!existing && fs.existsSync(folder)) {
      throw new SessionError(
        'INVALID_INPUT',
        `Cannot create the worktree ${name}: ${folder} exists and is not a worktree of ${repository.root}${dead ? ' (left by a registration that died half way: run `parallel-cc cleanup`)' : ''}.`,
        { path: folder },
      );
    }
    if (existing && dead) {
      // A dead or kept session's worktree: the newcomer resumes in it, without the old claims.
      const row = { ...dead, ...fields, status: 'active' as const, ...NO_MARK_OWNER };
      await trx.updateTable('sessions').set(row).where('id', '=', dead.id).execute();
      await releaseSessionClaims(trx, dead.id);
      return { row, parent, reused: true };
    }
    // A dead session's row whose worktree is gone: nothing left to resume.
    if (dead) await trx.deleteFrom('sessions').where('id', '=', dead.id).execute();
    const row: SessionsTable = {
      id: randomUUID(),
      repo_path: repository.root,
      worktree_path: folder,
      worktree_name: name,
      branch,
      base_branch: repository.mainBranch,
      is_main_repo: 0,
      created_at: now,
      ...fields,
      // A worktree found on disk is ready; a new one is `registering` (marked as ours) until git has made it.
      ...(existing ? { status: 'active' as const, ...NO_MARK_OWNER } : { status: 'registering' as const, ...markOwnedHere() }),
    };
    await trx.insertInto('sessions').values(row).execute();
    return { row, parent, reused: existing !== null };
  });

  crashPoint('claude-worktree:after-row');
  const { row, parent, reused } = reserved;
  const answer = {
    sessionId: row.id,
    worktreePath: folder,
    branch: row.branch,
    origin: row.origin,
    parentSessionId: parent?.id ?? null,
    reused,
    ports: rowPorts(row),
  };
  if (reused) return { ...answer, warnings: [] };
  let made = false;
  try {
    const settings = readClaudeWorktreeSettings(repository.root, env);
    const start = resumed ? { base: branch ?? '', warnings: [] } : await worktreeBase(repository, settings, env);
    const created = await wt.createWorktree({
      repoRoot: repository.root,
      branch: branch ?? '',
      base: start.base,
      existingBranch: resumed,
      sparsePaths: settings.sparsePaths,
      env: { ...env, ...portEnv(answer.ports) },
      config,
      folder,
      processStartTime,
      whileCreating: (where, creating) => crashWhileMaking('claude-worktree:worktree-add', where, creating),
    });
    made = true;
    // Claude users chose symlinkDirectories: those come first, and a folder linked is not cloned again.
    const linked = linkDirectories(repository.root, created.path, settings.symlinkDirectories ?? []);
    const environment = await prepareEnvironment({
      sessionId: row.id,
      repoRoot: repository.root,
      worktreePath: created.path,
      ports: answer.ports,
      settings: envSettings,
      env,
      progress: process.stderr,
    });
    await coordinator.db
      .updateTable('sessions')
      .set({ status: 'active', ...NO_MARK_OWNER })
      .where('id', '=', row.id)
      .execute();
    crashPoint('claude-worktree:before-answer');
    const warnings = [...start.warnings, ...created.warnings, ...linked.warnings, ...environment.warnings];
    return { ...answer, warnings };
  } catch (error) {
    if (made) {
      await wt
        .removeWorktree({ repoRoot: repository.root, worktreePath: folder, branch, baseBranch: repository.mainBranch, force: true, env, processStartTime })
        .catch(() => undefined);
    }
    await coordinator.db.deleteFrom('sessions').where('id', '=', row.id).execute();
    throw error;
  }
}

// Cleans up the repository's dead sessions as registration does, except the one at `folder`: NAME's
// worktree must survive its dead session, for the next `claude -w NAME` to resume in it.
async function cleanUpOthers(coordinator: Coordinator, root: string, folder: string, env: NodeJS.ProcessEnv): Promise<void> {
  const now = new Date();
  for (const row of await sessionsOfRepo(coordinator.db, root)) {
    if (row.worktree_path !== folder && needsCleanup(row, now)) await retireSession(coordinator, row, { env });
  }
}

// The branch of `folder` when it is a worktree of the repository at `root`; null when it is not one.
async function existingWorktree(root: string, folder: string): Promise<{ branch: string | null } | null> {
  const wt = await import('@parallel-cc/worktree-gtr');
  const repository = await wt.resolveRepository(folder).catch(() => null);
  if (!repository || repository.root !== root || repository.toplevel !== fs.realpathSync(folder)) return null;
  return { branch: await wt.currentBranch(folder) };
}

// True when `branch` exists, holds commits `base` lacks, and no worktree has it checked out. A
// branch with nothing of its own is not resumed (a new one is made beside it): a release deletes
// such a branch, and one the user made must never be.
async function branchToResume(root: string, branch: string, base: string): Promise<boolean> {
  const { branchExists, countOwnCommits, findWorktreeOfBranch } = await import('@parallel-cc/worktree-gtr');
  if (!(await branchExists(root, branch)) || (await findWorktreeOfBranch(root, branch)) !== null) return false;
  return (await countOwnCommits(root, branch, base).catch(() => 0)) > 0;
}

// `wanted`, or `wanted-2`, `wanted-3`… : the first that is not a branch yet.
async function freeBranch(root: string, wanted: string): Promise<string> {
  const { branchExists } = await import('@parallel-cc/worktree-gtr');
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? wanted : `${wanted}-${n}`;
    if (!(await branchExists(root, candidate))) return candidate;
  }
}

/** The worktree folder Claude Code's WorktreeRemove names, as stored (symbolic links resolved when it exists). */
export function claudeWorktreePath(worktreePath: string): string {
  const absolute = path.resolve(worktreePath);
  return fs.existsSync(absolute) ? fs.realpathSync(absolute) : absolute;
}
