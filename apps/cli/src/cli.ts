import { Builtins } from 'clipanion';
import { ClaimsClaimCommand } from './commands/claims/claim';
import { ClaimsListCommand } from './commands/claims/list';
import { ClaimsReleaseCommand } from './commands/claims/release';
import { CleanupCommand } from './commands/cleanup';
import { DashboardCommand } from './commands/dashboard';
import { ConflictsCommand } from './commands/conflicts';
import { ConflictsApplyCommand } from './commands/conflicts/apply';
import { ConflictsHistoryCommand } from './commands/conflicts/history';
import { ConflictsSuggestCommand } from './commands/conflicts/suggest';
import { DoctorCommand } from './commands/doctor';
import { HeartbeatCommand } from './commands/heartbeat';
import { HookPostToolUseCommand } from './commands/hook/post-tool-use';
import { HookPreToolUseCommand } from './commands/hook/pre-tool-use';
import { HookSessionEndCommand } from './commands/hook/session-end';
import { HookWorktreeCreateCommand } from './commands/hook/worktree-create';
import { HookWorktreeRemoveCommand } from './commands/hook/worktree-remove';
import { HookSessionStartCommand } from './commands/hook/session-start';
import { InstallCommand } from './commands/install';
import { InstallStatusCommand } from './commands/install/status';
import { McpServeCommand } from './commands/mcp-serve';
import { MergeStatusCommand } from './commands/merge-status';
import { RebaseCommand } from './commands/rebase';
import { RegisterCommand } from './commands/register';
import { ReleaseCommand } from './commands/release';
import { RunCommand } from './commands/run';
import { SandboxDownloadCommand } from './commands/sandbox/download';
import { SandboxKillCommand } from './commands/sandbox/kill';
import { SandboxLogsCommand } from './commands/sandbox/logs';
import { SandboxPruneCommand } from './commands/sandbox/prune';
import { SandboxRunCommand } from './commands/sandbox/run';
import { SetupCommand } from './commands/setup';
import { StatusCommand } from './commands/status';
import { SubscribeCommand } from './commands/subscribe';
import { UninstallCommand } from './commands/uninstall';
import { UnsubscribeCommand } from './commands/unsubscribe';
import { UpdateCommand } from './commands/update';
import { WatchMergesCommand } from './commands/watch-merges';
import { PccCli } from './help/pcc-cli';
import { version } from './version';

/** The parallel-cc command line with every command registered; `colors` for its help and errors. */
export function createCli(options: { binaryName?: string; colors?: boolean } = {}): PccCli {
  const cli = new PccCli({
    binaryLabel: 'parallel-cc',
    binaryName: options.binaryName ?? 'parallel-cc',
    binaryVersion: version,
    enableColors: options.colors ?? false,
  });
  for (const command of [
    RegisterCommand,
    ReleaseCommand,
    HeartbeatCommand,
    StatusCommand,
    DashboardCommand,
    SetupCommand,
    CleanupCommand,
    RunCommand,
    DoctorCommand,
    UpdateCommand,
    InstallCommand,
    InstallStatusCommand,
    UninstallCommand,
    WatchMergesCommand,
    MergeStatusCommand,
    SubscribeCommand,
    UnsubscribeCommand,
    ConflictsCommand,
    ConflictsSuggestCommand,
    ConflictsApplyCommand,
    ConflictsHistoryCommand,
    RebaseCommand,
    ClaimsListCommand,
    ClaimsClaimCommand,
    ClaimsReleaseCommand,
    McpServeCommand,
    SandboxRunCommand,
    SandboxLogsCommand,
    SandboxDownloadCommand,
    SandboxKillCommand,
    SandboxPruneCommand,
    HookPostToolUseCommand,
    HookPreToolUseCommand,
    HookSessionStartCommand,
    HookSessionEndCommand,
    HookWorktreeCreateCommand,
    HookWorktreeRemoveCommand,
    Builtins.HelpCommand,
    Builtins.VersionCommand,
  ]) {
    cli.register(command);
  }
  return cli;
}
