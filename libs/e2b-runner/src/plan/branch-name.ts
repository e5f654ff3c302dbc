/** The prompt as a branch-name slug: lower-case words joined by `-`, at most 50 characters, never empty. */
export function promptSlug(prompt: string): string {
  const words = prompt
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > 50) break;
    slug = next;
  }
  return slug || (words[0]?.slice(0, 50) ?? '') || 'task';
}

/** `e2b/<slug>-<YYYY-MM-DD-HH-mm>` (UTC), the branch `--branch auto` commits a run's result on. */
export function autoBranchName(prompt: string, at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}-${pad(at.getUTCHours())}-${pad(at.getUTCMinutes())}`;
  return `e2b/${promptSlug(prompt)}-${stamp}`;
}
