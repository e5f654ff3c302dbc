import { WorktreeError } from './errors';

// The rules of `git check-ref-format --branch`, checked without a process so that bad input
// is refused before anything runs.
// eslint-disable-next-line no-control-regex -- git refuses control characters in ref names
const FORBIDDEN = /[\x00-\x20\x7f~^:?*[\\]/;
// Far beyond any real branch, and short enough to echo in a message.
const MAX_REF_LENGTH = 1024;

/** Problems shared by branch names and revisions: too long, or bytes that were not UTF-8 (argv turns them into U+FFFD). */
function lengthOrEncodingProblem(name: string): string | null {
  if (name.length > MAX_REF_LENGTH) return `it is ${name.length} characters long (at most ${MAX_REF_LENGTH})`;
  if (name.includes('\uFFFD')) return 'it contains U+FFFD, the mark of bytes that are not valid UTF-8';
  return null;
}

/** `value` quoted for a message, cut short when it is long. */
function shownRef(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

/** Why `name` is not an acceptable branch name, or null when it is. */
export function refNameProblem(name: string): string | null {
  if (name.length === 0) return 'it is empty';
  if (name.startsWith('-')) return 'it starts with "-"';
  const lengthOrEncoding = lengthOrEncodingProblem(name);
  if (lengthOrEncoding) return lengthOrEncoding;
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
    throw new WorktreeError('INVALID_REF', `${shownRef(name)} is not a valid ${what}: ${problem}.`, { name });
  }
  return name;
}

/** Why `revision` (a branch, tag, commit id or an expression like `main~2`) is unsafe to hand to git, or null. */
export function revisionProblem(revision: string): string | null {
  if (revision.length === 0) return 'it is empty';
  if (revision.startsWith('-')) return 'it starts with "-"';
  const lengthOrEncoding = lengthOrEncodingProblem(revision);
  if (lengthOrEncoding) return lengthOrEncoding;
  // Whitespace would also end a line of a command's stdin, where revisions are sometimes passed.
  // eslint-disable-next-line no-control-regex -- whitespace and control characters are what is refused
  if (/[\x00-\x20\x7f]/.test(revision)) return 'it contains whitespace or a control character';
  return null;
}

/** Throws `INVALID_REF` unless {@link revisionProblem} finds nothing wrong with `revision`. */
export function assertSafeRevision(revision: string, what = 'revision'): string {
  const problem = revisionProblem(revision);
  if (problem) {
    throw new WorktreeError('INVALID_REF', `${shownRef(revision)} is not a valid ${what}: ${problem}.`, { name: revision });
  }
  return revision;
}
