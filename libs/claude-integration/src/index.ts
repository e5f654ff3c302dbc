// The public API of @parallel-cc/claude-integration: everything exported here is public.
export { install, uninstall } from './install/install';
export type { InstallOptions, UninstallOptions, InstallChange, HookScope } from './install/install';
export { installationStatus } from './install/status';
export type { PieceStatus } from './install/status';
export { detectShell } from './install/alias';
export type { Shell } from './install/alias';
export { stableBinaryPath } from './install/binary';
export { lineDiff } from './install/text-diff';
export { shellQuote } from './install/shell-quote';
export { runHook } from './hooks/run-hook';
export { runEditGuard, EDIT_TOOLS } from './hooks/pre-tool-use';
export { runWorktreeHook, WORKTREE_HOOKS } from './hooks/worktree-hooks';
export type { WorktreeHookResult } from './hooks/worktree-hooks';
export { IntegrationError } from './errors';
export type { IntegrationErrorCode } from './errors';
export { integrationChecks } from './install/checks';
export { planClaudeRun } from './wrapper/claude-run-plan';
export type { ClaudeRunPlan } from './wrapper/claude-run-plan';
