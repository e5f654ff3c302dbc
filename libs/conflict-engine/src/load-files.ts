import type { ClassifyContext } from './classify/analyze-code';
import { addsUsesOf } from './classify/uses';
import type { Conflict } from './conflicts';
import type { ChangedFile, ConflictFile, FileVersion } from './conflict-file';
import { readObjects } from './read-objects';
import { loadAliases } from './semantic/load-aliases';
import type { PathAliases } from './semantic/path-aliases';
import type { SideFile } from './semantic/side-diff';
import { readSideDiffs } from './semantic/side-files';
import type { SideDiffs } from './semantic/side-files';

/** The three versions and git's merged text of each conflicted path, in one read (see {@link readObjects}). */
export async function loadConflictFiles(repo: string, tree: string, conflicts: Conflict[]): Promise<ConflictFile[]> {
  const names = conflicts.flatMap((c) => [c.stages.base, c.stages.ours, c.stages.theirs, `${tree}:${c.path}`]);
  const objects = await readObjects(repo, names.filter((n): n is string => n !== undefined));
  const version = (oid: string | undefined): FileVersion | null => {
    const data = oid === undefined ? null : objects.get(oid);
    return oid === undefined || !data ? null : { oid, text: data.toString('utf8') };
  };
  return conflicts.map((c) => ({
    path: c.path,
    base: version(c.stages.base),
    ours: version(c.stages.ours),
    theirs: version(c.stages.theirs),
    merged: objects.get(`${tree}:${c.path}`)?.toString('utf8') ?? null,
  }));
}

/**
 * The code files each side changed since the merge base that use one of `names` more often than
 * before, with their text at the side and their added and removed lines: where a SEMANTIC check
 * looks for new uses of what the other side removed or re-signed. The sides' diffs (`sides`,
 * else read here) pick the files; only those are read, with the tsconfig `paths` that govern them
 * (see {@link loadAliases}). Empty when the refs share no merge base.
 */
export async function loadClassifyContext(
  repo: string,
  ours: string,
  theirs: string,
  names: ReadonlySet<string>,
  sides: () => Promise<SideDiffs> = () => readSideDiffs(repo, ours, theirs),
): Promise<ClassifyContext> {
  const diffs = await sides();
  const addingUses = (files: readonly SideFile[]) =>
    files.flatMap(({ path, sideBlob, addedText, removedText }) => {
      const diff = { added: addedText, removed: removedText };
      const adds = sideBlob !== null && addsUsesOf(names, { path, text: '', diff });
      return adds ? [{ path, blob: sideBlob, diff }] : [];
    });
  const [oursFiles, theirsFiles] = [addingUses(diffs.ours), addingUses(diffs.theirs)];
  const aliasesAt = (rev: string, files: typeof oursFiles) => (files.length === 0 ? new Map<string, PathAliases | null>() : loadAliases(repo, rev, files.map((f) => f.path)));
  const [texts, oursAliases, theirsAliases] = await Promise.all([
    readObjects(repo, [...oursFiles, ...theirsFiles].map((f) => f.blob)),
    aliasesAt(ours, oursFiles),
    aliasesAt(theirs, theirsFiles),
  ]);
  const changed = (files: typeof oursFiles, aliases: Map<string, PathAliases | null>): ChangedFile[] =>
    files.flatMap(({ path, blob, diff }) => {
      const text = texts.get(blob);
      return text ? [{ path, text: text.toString('utf8'), diff, aliases: aliases.get(path) ?? null }] : [];
    });
  return { oursChanges: changed(oursFiles, oursAliases), theirsChanges: changed(theirsFiles, theirsAliases) };
}
