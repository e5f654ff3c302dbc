import { isObjectId } from './object-id';

/** One higher-order stage of a conflicted path: what `git merge` would leave in the index. */
export interface StageEntry {
  mode: string;
  /** The blob (or, for a submodule, commit) at this stage. */
  oid: string;
  /** 1 = merge base, 2 = ours, 3 = theirs. */
  stage: 1 | 2 | 3;
  path: string;
}

/** One informational message of `git merge-tree -z --messages`. */
export interface MergeMessage {
  /** The paths (or, for some submodule notes, branch names) the message is about. */
  paths: string[];
  /** git's stable type string, such as `Auto-merging` or `CONFLICT (rename/delete)`. */
  type: string;
  /** git's human-readable message, trailing newline removed. */
  text: string;
}

/** What `git merge-tree --write-tree -z --messages` printed. */
export interface MergeTreeOutput {
  /** The merged toplevel tree; files in it hold conflict markers where the merge conflicted. */
  tree: string;
  entries: StageEntry[];
  messages: MergeMessage[];
}

const ENTRY = /^(\d+) ([0-9a-f]+) ([123])\t([\s\S]*)$/;

/**
 * Reads `git merge-tree --write-tree -z --messages` output: the tree id, the conflicted-file
 * entries (`<mode> <oid> <stage>\t<path>`), an empty field, then messages
 * (`<n>`, n paths, type, text), every field ended by NUL. Returns null when the output does not
 * start with a tree id (git failed before merging).
 */
export function parseMergeTree(output: string): MergeTreeOutput | null {
  const fields = output.split('\0');
  const tree = fields[0] ?? '';
  if (!isObjectId(tree)) return null;
  let at = 1;
  const entries: StageEntry[] = [];
  for (let field = fields[at]; field !== undefined && field !== ''; field = fields[++at]) {
    const match = ENTRY.exec(field);
    if (!match) return null;
    const [, mode = '', oid = '', stage = '', path = ''] = match;
    entries.push({ mode, oid, stage: Number(stage) as StageEntry['stage'], path });
  }
  at++;
  const messages: MergeMessage[] = [];
  while (at < fields.length && fields[at] !== '') {
    const count = Number(fields[at]);
    if (!Number.isInteger(count) || count < 0 || at + count + 2 >= fields.length) return null;
    const paths = fields.slice(at + 1, at + 1 + count);
    const type = fields[at + 1 + count] ?? '';
    const text = (fields[at + 2 + count] ?? '').replace(/\n$/, '');
    messages.push({ paths, type, text });
    at += count + 3;
  }
  return { tree, entries, messages };
}
