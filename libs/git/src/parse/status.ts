/** One changed path from `git status --porcelain=v1 -z`. */
export interface StatusEntry {
  /** The two-letter XY code: `??` untracked, ` M` modified in the work tree, `A ` staged, … */
  code: string;
  path: string;
}

/** Parses `git status --porcelain=v1 -z`; renames and copies carry their source as a second NUL field. */
export function parseStatusPorcelain(output: string): StatusEntry[] {
  const fields = output.split('\0');
  const entries: StatusEntry[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] ?? '';
    if (field.length < 4) continue;
    const code = field.slice(0, 2);
    entries.push({ code, path: field.slice(3) });
    if (code.includes('R') || code.includes('C')) i++;
  }
  return entries;
}
