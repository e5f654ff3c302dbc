// Static on purpose: this entry is a bundle of its own, and a static import lets esbuild keep the guard alone.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { runEditGuard } from '@parallel-cc/claude-integration';

// `parallel-cc hook pre-tool-use`, the edit guard Claude Code runs before every edit: bin/parallel-cc.js
// sends exactly those process.argv here, to a bundle of the guard alone (no CLI, no Kysely), so that
// the cold process costs little more than Node itself. Input is a small JSON object: more is not read.
let stdin = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  if (stdin.length < 1_000_000) stdin += chunk;
});
process.stdin.on('error', () => undefined);
process.stdin.on('end', () => {
  process.stdout.write(runEditGuard(stdin, { env: process.env }));
});
