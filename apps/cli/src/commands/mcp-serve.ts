import { Command } from 'clipanion';
import type { PccContext } from '../context';
import { version } from '../version';

/** `parallel-cc mcp-serve`: the MCP server over stdio (what `install --mcp` registers). */
export class McpServeCommand extends Command<PccContext> {
  static override paths = [['mcp-serve']];
  static override usage = Command.Usage({
    category: 'Setup',
    description: 'Serve the parallel-cc MCP tools over stdio (started by an MCP client, not by hand)',
    details: `
      The same server as \`parallel-cc-mcp\` (the @parallel-cc/mcp package): 16 tools through which a session sees the others, claims files, previews conflicts, learns about merges and gets help rebasing. stdout carries the protocol only; logs go to stderr. The calling session is PARALLEL_CC_SESSION_ID, else the session whose worktree holds the current folder. \`parallel-cc install --mcp\` registers this command with Claude Code.
    `,
    examples: [['Register it with Claude Code', '$0 install --mcp']],
  });

  override async execute(): Promise<number> {
    const { serveStdio } = await import('@parallel-cc/mcp-tools');
    await serveStdio({ env: this.context.env, cwd: this.context.cwd, version });
    return 0;
  }
}
