/** The paths of NUL-separated git output (`ls-files -z`), in order. */
export function parseNulList(output: Buffer | string): string[] {
  return output.toString('utf8').split('\0').filter((entry) => entry !== '');
}

/** One entry of `git ls-files -z --stage`: a file's mode in the index and its path. */
export interface StagedEntry {
  /** `100644`, `100755`, `120000` (symbolic link) or `160000` (submodule). */
  mode: string;
  path: string;
}

/**
 * Parses `git ls-files -z --stage` (`<mode> <object> <stage>\t<path>` records); a path in a
 * merge conflict, listed once per stage, comes back once.
 */
export function parseStagedList(output: Buffer | string): StagedEntry[] {
  const seen = new Set<string>();
  const entries: StagedEntry[] = [];
  for (const record of parseNulList(output)) {
    const tab = record.indexOf('\t');
    const mode = record.slice(0, record.indexOf(' '));
    const file = record.slice(tab + 1);
    if (tab < 0 || seen.has(file)) continue;
    seen.add(file);
    entries.push({ mode, path: file });
  }
  return entries;
}
