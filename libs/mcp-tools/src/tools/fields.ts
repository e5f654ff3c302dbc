import * as v from 'valibot';

// Field schemas shared by the tools. They refuse what is plainly not a name or a path, naming the
// field; the libs check refs against git's full rules before anything runs.

/** A folder of a repository (any checkout or subfolder), relative to the server's folder or absolute. */
export function repoPathField(description: string) {
  return v.pipe(
    v.string('must be a folder path (a string)'),
    v.minLength(1, 'must not be empty'),
    v.maxLength(4096, 'must be at most 4096 characters'),
    v.check((s) => !s.includes('\0'), 'must not contain NUL bytes'),
    v.description(description),
  );
}

/** A branch (or other ref) name: non-empty, no whitespace, and never read as an option. */
export function refField(description: string) {
  return v.pipe(
    v.string('must be a branch name (a string)'),
    v.minLength(1, 'must not be empty'),
    v.maxLength(255, 'must be at most 255 characters'),
    v.regex(/^[^-]/, 'must not start with "-"'),
    // eslint-disable-next-line no-control-regex -- git refuses whitespace and control characters in ref names
    v.check((s) => !/[\x00-\x20\x7f]/.test(s), 'must not contain whitespace or control characters'),
    v.description(description),
  );
}

/** A file path inside a repository. */
export function filePathField(description: string) {
  return v.pipe(
    v.string('must be a file path (a string)'),
    v.minLength(1, 'must not be empty'),
    v.maxLength(4096, 'must be at most 4096 characters'),
    v.check((s) => !s.includes('\0'), 'must not contain NUL bytes'),
    v.description(description),
  );
}

/** How many entries a listing returns at most. */
export function limitField(max: number, description: string) {
  return v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(1, 'must be 1 or more'),
    v.maxValue(max, `must be at most ${max}`),
    v.description(description),
  );
}
