// git check-ref-format's rules, checked without a process so that bad input is refused before
// anything runs. A commit id passes them too; revision expressions (`main~2`, `HEAD^`) do not.
// eslint-disable-next-line no-control-regex -- git refuses control characters in ref names
const FORBIDDEN = /[\x00-\x20\x7f~^:?*[\\]/;
// Far beyond any real ref, and short enough to echo in a message.
const MAX_REF_LENGTH = 1024;

/** Problems shared by refs and revisions: too long, or bytes that were not UTF-8 (argv turns them into U+FFFD). */
function lengthOrEncodingProblem(value: string): string | null {
  if (value.length > MAX_REF_LENGTH) return `it is ${value.length} characters long (at most ${MAX_REF_LENGTH})`;
  if (value.includes('\uFFFD')) return 'it contains U+FFFD, the mark of bytes that are not valid UTF-8';
  return null;
}

/**
 * Why `ref` is not a ref name or commit id that `git check-ref-format --allow-onelevel` accepts,
 * or could be read as an option, or null when it is fine. `HEAD` passes; `main~2` does not.
 */
export function refProblem(ref: string): string | null {
  if (ref.length === 0) return 'it is empty';
  if (ref.startsWith('-')) return 'it starts with "-"';
  const lengthOrEncoding = lengthOrEncodingProblem(ref);
  if (lengthOrEncoding) return lengthOrEncoding;
  if (FORBIDDEN.test(ref)) return 'it contains a space, a control character or one of ~ ^ : ? * [ \\';
  if (ref.includes('..')) return 'it contains ".."';
  if (ref.includes('@{')) return 'it contains "@{"';
  if (ref === '@') return 'it is "@"';
  if (ref.startsWith('/') || ref.endsWith('/') || ref.includes('//')) return 'it has an empty path component';
  if (ref.endsWith('.')) return 'it ends with "."';
  for (const part of ref.split('/')) {
    if (part.startsWith('.')) return 'a component starts with "."';
    if (part.endsWith('.lock')) return 'a component ends with ".lock"';
  }
  return null;
}

/** Why `name` is not a branch name (`git check-ref-format --branch`): {@link refProblem}'s rules, and not `HEAD`; null when it is one. */
export function branchNameProblem(name: string): string | null {
  return refProblem(name) ?? (name === 'HEAD' ? 'it is "HEAD"' : null);
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

/** `value` (a ref, revision or path) quoted for a message, cut short when it is long. */
export function shownValue(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
