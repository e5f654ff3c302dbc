import { ConflictEngineError } from './errors';

// git check-ref-format's rules, checked without a process so that bad input is refused before
// anything runs. A commit id passes them too; revision expressions (`main~2`, `HEAD^`) do not.
// eslint-disable-next-line no-control-regex -- git refuses control characters in ref names
const FORBIDDEN = /[\x00-\x20\x7f~^:?*[\\]/;
// Far beyond any real ref, and short enough to echo in a message.
const MAX_REF_LENGTH = 1024;

/** Why `ref` is not a ref name or commit id that git check-ref-format rules allow, or null when it is. */
export function refProblem(ref: string): string | null {
  if (ref.length === 0) return 'it is empty';
  if (ref.startsWith('-')) return 'it starts with "-"';
  if (ref.length > MAX_REF_LENGTH) return `it is ${ref.length} characters long (at most ${MAX_REF_LENGTH})`;
  // Bytes of argv that are not UTF-8 reach Node as U+FFFD: the ref named is not the one meant.
  if (ref.includes('\uFFFD')) return 'it contains U+FFFD, the mark of bytes that are not valid UTF-8';
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

/** Throws `INVALID_REF` unless `ref` passes {@link refProblem}; `what` names it in the message. */
export function assertValidRef(ref: string, what: string): string {
  const problem = refProblem(ref);
  if (problem) {
    throw new ConflictEngineError(
      'INVALID_REF',
      `${what} ${JSON.stringify(ref.length > 80 ? `${ref.slice(0, 80)}…` : ref)} is not a valid ref: ${problem}. Give a branch, tag or remote-tracking name, HEAD, or a commit id.`,
      { ref, what },
    );
  }
  return ref;
}
