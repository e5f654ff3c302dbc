import { runGit } from '../git';
import type { CheckConflict } from './check-report';

/**
 * The SEMANTIC conflict a breaking pair is reported as: on the first file either side changed
 * that the command's output names (`.`, the whole tree, when it names none), with the command,
 * its exit code and the tail of its output.
 */
export async function pairConflict(repo: string, pair: [string, string], command: string, run: { exitCode: number | null; outputTail: string }): Promise<CheckConflict> {
  const [ours, theirs] = pair;
  const changed = [...(await changedFiles(repo, theirs, ours)), ...(await changedFiles(repo, ours, theirs))];
  const path = firstNamed(run.outputTail, changed) ?? '.';
  const reason = `\`${command}\` fails on ${ours} and ${theirs} merged together (exit code ${String(run.exitCode)}), and passes on each alone`;
  return {
    path,
    kind: 'semantic',
    stages: {},
    message: reason,
    classification: { class: 'SEMANTIC', severity: 'critical', declarations: [], reason, analysis: 'text' },
    regions: [],
    check: { command, exitCode: run.exitCode, outputTail: run.outputTail },
  };
}

// The files `side` changed since it left `other` (the three-dot diff: from their merge base).
async function changedFiles(repo: string, other: string, side: string): Promise<string[]> {
  const result = await runGit(repo, ['diff', '--name-only', '--no-renames', '-z', `${other}...${side}`, '--']);
  return result.exitCode === 0 ? result.stdout.split('\0').filter(Boolean) : [];
}

function firstNamed(output: string, paths: string[]): string | undefined {
  let best: { path: string; at: number } | undefined;
  for (const path of paths) {
    const at = output.indexOf(path);
    if (at >= 0 && (!best || at < best.at)) best = { path, at };
  }
  return best?.path;
}
