/**
 * Why `value` is not a safe repository path (relative, `/`-separated, no `.`, `..` or empty
 * segment, no NUL, nothing inside `.git`), as words that follow "it"; null when it is safe.
 */
export function repoPathProblem(value: string): string | null {
  if (value === '') return 'is empty';
  if (value.includes('\0')) return 'contains a NUL byte';
  if (value.startsWith('/') || value.startsWith('\\') || /^[A-Za-z]:/.test(value)) return 'is absolute';
  if (value.includes('\\')) return 'uses \\ where a repository path has /';
  for (const segment of value.split('/')) {
    if (segment === '') return 'has an empty segment (two / in a row, or a / at its end)';
    if (segment === '.' || segment === '..') return `has a "${segment}" segment`;
    // git itself refuses to track such paths; writing there would change the repository's own files.
    if (segment.toLowerCase() === '.git') return 'points into .git';
  }
  return null;
}
