import type { PccContext } from '../../context';

/** Reads the hook's stdin (nothing when it is a terminal), runs the hook, prints its answer; always exit 0. */
export async function runHookCommand(context: PccContext, name: string): Promise<number> {
  const { runHook } = await import('@parallel-cc/claude-integration');
  const stdin = (context.stdin as NodeJS.ReadStream).isTTY ? '' : await readAll(context.stdin);
  context.stdout.write(await runHook(name, stdin, { env: context.env }));
  return 0;
}

/** Runs a worktree hook: its answer on stdout, messages on stderr, and its exit code (non-zero aborts Claude's step). */
export async function runWorktreeHookCommand(context: PccContext, name: 'worktree-create' | 'worktree-remove'): Promise<number> {
  const { runWorktreeHook } = await import('@parallel-cc/claude-integration');
  const stdin = (context.stdin as NodeJS.ReadStream).isTTY ? '' : await readAll(context.stdin);
  const result = await runWorktreeHook(name, stdin, { env: context.env });
  context.stdout.write(result.stdout);
  context.stderr.write(result.stderr);
  return result.code;
}

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      // Hook input is a small JSON object; anything huge is not ours to read.
      if (text.length < 1_000_000) text += chunk;
    });
    stream.on('end', () => resolve(text));
    stream.on('error', () => resolve(text));
  });
}
