import { WorktreeError } from './errors';

// The rules of `git check-ref-format --branch`, checked without a process so that bad input
// is refused before anything runs.
// eslint-disable-next-line no-control-regex -- git refuses control characters in ref names
const FORBIDDEN = /[\x00-\x20\x7f~^:?*[\\]/;

/** Why `name` is not an acceptable branch name, or null when it is. */
export function refNameProblem(name: string): string | null {
  if (name.length === 0) return 'it is empty';
  if (name.startsWith('-')) return 'it starts with "-"';
  if (FORBIDDEN.test(name)) return 'it contains a space, a control character or one of ~ ^ : ? * [ \\';
  if (name.includes('..')) return 'it contains ".."';
  if (name.includes('@{')) return 'it contains "@{"';
  if (name === '@') return 'it is "@"';
  if (name === 'HEAD') return 'it is "HEAD"';
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) return 'it has an empty path component';
  if (name.endsWith('.')) return 'it ends with "."';
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return 'a component starts with "."';
    if (part.endsWith('.lock')) return 'a component ends with ".lock"';
  }
  return null;
}

/** Throws `INVALID_REF` unless `name` is a branch name git accepts and cannot be read as an option. */
export function assertValidBranchName(name: string, what = 'branch name'): string {
  const problem = refNameProblem(name);
  if (problem) {
    throw new WorktreeError('INVALID_REF', `"${name}" is not a valid ${what}: ${problem}.`, { name });
  }
  return name;
}

/** Why `revision` (a branch, tag, commit id or an expression like `main~2`) is unsafe to hand to git, or null. */
export function revisionProblem(revision: string): string | null {
  if (revision.length === 0) return 'it is empty';
  if (revision.startsWith('-')) return 'it starts with "-"';
  // Whitespace would also end a line of a command's stdin, where revisions are sometimes passed.
  // eslint-disable-next-line no-control-regex -- whitespace and control characters are what is refused
  if (/[\x00-\x20\x7f]/.test(revision)) return 'it contains whitespace or a control character';
  return null;
}

/** Throws `INVALID_REF` unless {@link revisionProblem} finds nothing wrong with `revision`. */
export function assertSafeRevision(revision: string, what = 'revision'): string {
  const problem = revisionProblem(revision);
  if (problem) {
    throw new WorktreeError('INVALID_REF', `"${revision}" is not a valid ${what}: ${problem}.`, { name: revision });
  }
  return revision;
}
