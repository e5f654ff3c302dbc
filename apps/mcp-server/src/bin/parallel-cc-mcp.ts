import { serveStdio } from '@parallel-cc/mcp-tools';
import { version } from '../version';

const USAGE = `parallel-cc-mcp ${version}: the parallel-cc MCP server, over stdio.

Start it from an MCP client (Claude Code: \`parallel-cc install --mcp\`, or
\`claude mcp add --scope user parallel-cc -- parallel-cc-mcp\`). It reads
PARALLEL_CC_SESSION_ID (the calling session) and PARALLEL_CC_HOME (the database),
speaks MCP on stdin/stdout and logs to stderr.

Options: --help, --version
`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) process.stdout.write(USAGE);
else if (args.includes('--version')) process.stdout.write(`${version}\n`);
else if (args.length > 0) {
  process.stderr.write(`parallel-cc-mcp: unknown argument ${JSON.stringify(args[0])}; it takes none (see --help).\n`);
  process.exitCode = 2;
} else {
  serveStdio({ version }).catch((error: Error) => {
    process.stderr.write(`parallel-cc-mcp: ${error.message}\n`);
    process.exitCode = 1;
  });
}
