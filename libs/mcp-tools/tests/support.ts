// Helpers shared by this lib's tests (not a test file itself: jest only runs *.test.ts).
// The tools load the libs lazily, so that the server starts fast; tests set the scene with them
// directly, here and only here.
/* eslint-disable @nx/enforce-module-boundaries */
import { addNotification, openCoordinator, registerSession } from '@parallel-cc/core-sessions';
import type { Coordinator, RegisterOptions, Registration } from '@parallel-cc/core-sessions';
import { pollRepository } from '@parallel-cc/merge-detector';
import type { PollResult } from '@parallel-cc/merge-detector';
import { makeTempHome, removeTempDirs, startTrackedProcess, stopTrackedProcesses } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import type { JsonSchemaType } from '@modelcontextprotocol/sdk/validation/types.js';
import { allTools, callTool, ERROR_CODE_META_KEY, listTools } from '../src';
import type { ToolContext, ToolResult } from '../src';
import { allMigrationSets } from '../src/migrations';

/** A registered session of a live process. */
export type LiveSession = Registration & { process: LiveProcess };

/** What every test of a file shares: a temp home and one coordinator with every lib's tables, as the server opens it. */
export interface Fixture {
  home: TempHome;
  coordinator: Coordinator;
  /** Registers a session of a new live process in `repo`: the main checkout first, worktrees after. */
  register(repo: string, options?: Pick<RegisterOptions, 'origin' | 'parentSessionId'>): Promise<LiveSession>;
  /** Queues a notification for a session, as other sessions' claims and merges do. */
  notify(sessionId: string, kind: string, text: string): Promise<number | null>;
  /** One poll for merges of `repo`, as the watcher runs it. */
  poll(repo: string): Promise<PollResult>;
  /** A tool context as the server builds it: the session's id in the environment (or none), the server's folder. */
  context(options: { session?: { sessionId: string }; cwd: string; env?: NodeJS.ProcessEnv }): ToolContext;
}

/**
 * Sets up the file's fixture: the coordinator is opened once, like the server's; live processes
 * end after each test; the database closes and the temp folders go at the end.
 */
export function useFixture(): Fixture {
  let home: TempHome | undefined;
  let coordinator: Coordinator | undefined;
  beforeAll(async () => {
    home = makeTempHome();
    coordinator = await openCoordinator({ env: home.env, migrations: allMigrationSets() });
  });
  afterEach(() => stopTrackedProcesses());
  afterAll(async () => {
    await coordinator?.close();
    removeTempDirs();
  });
  const fixture: Fixture = {
    get home() {
      return required(home);
    },
    get coordinator() {
      return required(coordinator);
    },
    async register(repo, options = {}) {
      const process = startTrackedProcess();
      const registration = await registerSession(fixture.coordinator, { repo, pid: process.pid, env: fixture.home.env, ...options });
      return { ...registration, process };
    },
    notify(sessionId, kind, text) {
      return addNotification(fixture.coordinator, { sessionId, kind, text });
    },
    poll(repo) {
      return pollRepository(fixture.coordinator, { repo, env: fixture.home.env });
    },
    context({ session, cwd, env }) {
      const base = { ...fixture.home.env, ...env };
      if (session) base.PARALLEL_CC_SESSION_ID = session.sessionId;
      return {
        env: base,
        cwd,
        coordinator: () => Promise.resolve(fixture.coordinator),
        now: () => new Date(),
      };
    },
  };
  return fixture;
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the fixture is used before beforeAll ran');
  return value;
}

const validator = new AjvJsonSchemaValidator();
const outputValidators = new Map(listTools(allTools).map((t) => [t.name, validator.getValidator(t.outputSchema as JsonSchemaType)]));

/**
 * Calls a tool by name through `callTool`, as the server does; a successful result's
 * structuredContent is checked against the tool's served outputSchema, as the SDK's client does.
 */
export async function call(name: string, args: unknown, context: ToolContext): Promise<ToolResult> {
  const tool = allTools.find((t) => t.name === name);
  if (!tool) throw new Error(`no tool ${name}`);
  const result = await callTool(tool, args, context);
  if (!result.isError) {
    const checked = outputValidators.get(name)?.(result.structuredContent);
    if (!checked?.valid) throw new Error(`${name}'s structuredContent does not match its outputSchema: ${checked?.errorMessage}`);
  }
  return result;
}

/** The text a model reads of a result. */
export function textOf(result: ToolResult): string {
  return result.content.map((c) => c.text).join('\n');
}

/** The structured result of a successful call; fails the test, showing the message, when it is an error. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read the JSON a model would see
export async function ok(result: Promise<ToolResult> | ToolResult): Promise<any> {
  const r = await result;
  if (r.isError) throw new Error(`expected a result, got an error: ${textOf(r)}`);
  // The text is a summary for the model, never the JSON again.
  expect(textOf(r)).toMatch(/^[^{[]/);
  return r.structuredContent;
}

/** The code and message of an error result; fails the test when the call succeeded. */
export async function failure(result: Promise<ToolResult> | ToolResult): Promise<{ code: string; message: string }> {
  const r = await result;
  if (!r.isError) throw new Error(`expected an error, got ${textOf(r)}`);
  expect(r.structuredContent).toBeUndefined();
  return { code: String(r._meta?.[ERROR_CODE_META_KEY]), message: textOf(r) };
}

/** The branch of a worktree session. */
export function branchOf(session: { branch: string | null }): string {
  if (session.branch === null) throw new Error('this session has no branch');
  return session.branch;
}
