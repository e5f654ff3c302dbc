import { runGit } from './git';

/**
 * The commit each ref names, from one `git cat-file --batch-check`: null for a ref that names no
 * commit (the check that uses it fails on its own, with git's reason). Refs were checked against
 * check-ref-format's rules, so none holds a newline.
 */
export async function commitsOf(repo: string, refs: readonly string[]): Promise<Map<string, string | null>> {
  const tips = new Map<string, string | null>(refs.map((ref) => [ref, null]));
  if (refs.length === 0) return tips;
  const answer = await runGit(repo, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: refs.map((ref) => `${ref}^{commit}\n`).join('') });
  if (answer.exitCode !== 0) return tips;
  const lines = answer.stdout.split('\n');
  refs.forEach((ref, i) => {
    const [id, type] = (lines[i] ?? '').split(' ');
    if (type === 'commit' && id !== undefined && /^[0-9a-f]{40,64}$/.test(id)) tips.set(ref, id);
  });
  return tips;
}
