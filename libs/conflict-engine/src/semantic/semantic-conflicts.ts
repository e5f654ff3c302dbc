import * as path from 'node:path';
import { apiOf } from './api-of';
import type { ApiItem } from './api-of';
import { LruCache } from '../classify/focus/lru-cache';
import { breakingChanges, sameArity } from './breaking-changes';
import { changedStatements } from './changed-statements';
import type { BreakingChange } from './breaking-changes';
import { breaksUse } from './match-use';
import type { SemanticBreak } from './semantic-break';
import type { SideFile } from './side-diff';
import { readSideDiffs } from './side-files';
import type { SideDiffs } from './side-files';
import { importedSpecifiers, ReachIndex } from './module-paths';
import { loadAliases } from './load-aliases';
import type { PathAliases } from './path-aliases';
import { topLevelBindings } from './top-level-bindings';
import { usesInLines } from './uses-in-lines';
import { declaredNamesOf, wordsOf } from './words';
import type { DeclaredNames } from './words';
import { readObjects } from '../read-objects';

// The APIs of a file at the merge base and at a side, kept by both blob ids: the checks of a
// matrix share their sides' files. A tree with its items weighs some tens of times its source:
// twenty million characters' weight at most.
const apis = new LruCache<ApiPair>(20_000_000);

type ApiPair = [Map<string, ApiItem>, Map<string, ApiItem>];

const apiKey = (f: SideFile) => `${f.baseBlob}\0${f.sideBlob ?? ''}\0${path.extname(f.path).toLowerCase()}`;

/** What a file declared at the merge base and declares at the side, read only in the statements that differ (see {@link changedStatements}). */
function apisOf(f: SideFile, before: string, after: string | null): ApiPair {
  const keep = after === null ? undefined : (changedStatements(before, after) ?? undefined);
  const pair: ApiPair = [apiOf(f.path, before, keep), after === null ? new Map() : apiOf(f.path, after, keep)];
  apis.set(apiKey(f), pair, (before.length + (after?.length ?? 0)) * 20);
  return pair;
}

// The word sets of a side's diff, worked out once per diff read: a matrix meets each side's diff
// in several checks (the diffs themselves are kept, and shared, by merge base and tip).
const wordsOfSide = new WeakMap<readonly SideFile[], Set<string>>();
const wordsOfFile = new WeakMap<SideFile, Set<string>>();
const namesOfFile = new WeakMap<SideFile, DeclaredNames>();

function remembered<K extends object, V>(cache: WeakMap<K, V>, key: K, compute: (key: K) => V): V {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = compute(key)));
  return value;
}
const addedWordsOf = (f: SideFile) => remembered(wordsOfFile, f, () => wordsOf(f.addedText));
// A side's words are its files' words: each file's added lines are scanned once, for both.
const sideWords = (files: readonly SideFile[]) =>
  remembered(wordsOfSide, files, () => {
    const words = new Set<string>();
    for (const f of files) for (const word of addedWordsOf(f)) words.add(word);
    return words;
  });
const declaredIn = (f: SideFile) => remembered(namesOfFile, f, () => declaredNamesOf(f.touchedText));
// The modules each side file imports from, worked out once from its text, and what a side's files
// reach through them.
const specifiersOfFile = new WeakMap<SideFile, string[]>();
const reachOfSide = new WeakMap<readonly SideFile[], ReachIndex>();
const reachOfFile = new WeakMap<SideFile, ReachIndex>();

/** What `files` (their imports known) can reach. */
function reachOf(files: readonly SideFile[]): ReachIndex {
  const index = new ReachIndex();
  for (const f of files) index.add(f.path, specifiersOfFile.get(f) ?? []);
  return index;
}

/** Whether `user` (its imports known) is `declaredIn`, or imports from a module that may be it: every use a break counts is so. */
function fileReaches(user: SideFile, declaredIn: string): boolean {
  return remembered(reachOfFile, user, () => reachOf([user])).reaches(declaredIn);
}

/** What the files of a side that may use a break (their imports known) can reach. */
function sideReach(files: readonly SideFile[]): ReachIndex {
  return remembered(reachOfSide, files, () => reachOf(files.filter(mayUse)));
}

/** Which merge to check, in thought: `theirs` into `ours`. */
export interface SemanticCheckOptions {
  repo: string;
  ours: string;
  theirs: string;
  /** The sides' diffs, when already being read (see {@link readSideDiffs}). */
  sides?: Promise<SideDiffs>;
}

interface Side {
  side: 'ours' | 'theirs';
  ref: string;
  files: readonly SideFile[];
  /** Every word of the side's added lines. */
  addedWords: Set<string>;
}

/** A breaking change one side made, the file it made it in, and the other side's files whose added lines name it. */
interface Direction {
  changer: Side;
  user: Side;
  breaks: Array<{ change: BreakingChange; path: string }>;
  userFiles: SideFile[];
}

/**
 * The semantic conflicts between two refs that need no build: a TypeScript or JavaScript
 * declaration one side removed, renamed, stopped exporting or gave another arity, still used by
 * lines the other side added or changed (in new files too). A `git diff -U0` per side reads what
 * it changed in code files since the merge base (see {@link readSideDiffs}); a changed file is
 * parsed (at the base and at the side) only when a name its removed lines, or its hunks'
 * function lines, may declare shows up in the other side's added lines (in the same file, for a
 * name declared without `export`) and a file of the other side can reach it (is it, or imports
 * from a module that may be it: those files are read with the changed ones for their imports);
 * the other side's files only when their added lines hold a name that broke in a file they can
 * reach, with the tsconfig files that may map their imports' aliases (see {@link loadAliases}).
 * Empty when the refs share no merge base.
 */
export async function semanticBreaks(options: SemanticCheckOptions): Promise<SemanticBreak[]> {
  const { repo, ours, theirs } = options;
  const diffs = await (options.sides ?? readSideDiffs(repo, ours, theirs));
  const side = (name: 'ours' | 'theirs', ref: string, files: readonly SideFile[]): Side => ({ side: name, ref, files, addedWords: sideWords(files) });
  const [a, b] = [side('ours', ours, diffs.ours), side('theirs', theirs, diffs.theirs)];
  const suspects = (changer: Side, user: Side) =>
    changer.files.filter((f) => {
      if (f.baseBlob === null) return false;
      // A file both sides changed alike breaks nothing the merge brings (see stillOffers).
      const [sameFile] = sameFileIn(user, f);
      if (sameFile?.sideBlob === f.sideBlob) return false;
      const { reachable, local } = declaredIn(f);
      const inSameFile = sameFile ? addedWordsOf(sameFile) : new Set<string>();
      return [...reachable].some((w) => user.addedWords.has(w)) || [...local].some((w) => inSameFile.has(w));
    });
  const candidates = [
    { changer: a, user: b, files: suspects(a, b) },
    { changer: b, user: a, files: suspects(b, a) },
  ].filter((d) => d.files.length > 0);
  if (candidates.length === 0) return [];
  // The files whose APIs an earlier check worked out (held here, whatever the cache forgets meanwhile) are not read again.
  // With each, the other side's version of the same file, should it have changed it too: what it still offers.
  const compared = candidates.flatMap((d) => d.files.flatMap((f) => [f, ...sameFileIn(d.user, f)]));
  const known = new Map(compared.map((f) => [f, apis.get(apiKey(f))] as const));
  const unread = [...known].filter(([, pair]) => pair === undefined).flatMap(([f]) => [f.baseBlob, f.sideBlob].filter((o): o is string => o !== null));
  // The files that may use a break (added lines, at the side) are read with them, for their imports.
  const users = [...new Set(candidates.flatMap((d) => d.user.files.filter(mayUse)))];
  const unknownUsers = users.filter((f) => !specifiersOfFile.has(f));
  const asked = [...unread, ...unknownUsers.flatMap((f) => (f.sideBlob === null ? [] : [f.sideBlob]))];
  const blobs = asked.length === 0 ? new Map<string, Buffer | null>() : await readObjects(repo, asked);
  const text = (oid: string | null) => (oid === null ? null : (blobs.get(oid)?.toString('utf8') ?? null));
  for (const f of unknownUsers) specifiersOfFile.set(f, importedSpecifiers(text(f.sideBlob) ?? ''));
  const apisOfFile = (f: SideFile): ApiPair | null => {
    const pair = known.get(f);
    if (pair) return pair;
    const before = text(f.baseBlob);
    return before === null ? null : apisOf(f, before, text(f.sideBlob));
  };
  const directions: Direction[] = candidates.map(({ changer, user, files }) => {
    // A file no file of the other side can reach (itself, or through an import) breaks nothing there: its APIs are not worked out.
    const reach = sideReach(user.files);
    const reached = files.filter((f) => reach.reaches(f.path));
    const breaks = reached.flatMap((f) => {
      const pair = apisOfFile(f);
      if (pair === null) return [];
      const wanted = (name: string) => user.addedWords.has(name);
      // A change the other side made too (it removed, renamed or re-signed the same) is no merge's doing.
      const [own] = sameFileIn(user, f);
      const ownPair = own ? apisOfFile(own) : null;
      const changes = breakingChanges(pair[0], pair[1], wanted).filter((change) => ownPair === null || stillOffers(ownPair, change.before));
      return changes.map((change) => ({ change, path: f.path }));
    });
    const broken = new Set(breaks.map((x) => x.change.before.name));
    const userFiles = broken.size === 0 ? [] : user.files.filter((f) => mayUse(f) && [...broken].some((w) => addedWordsOf(f).has(w)));
    return { changer, user, breaks, userFiles };
  });
  // With each file that may hold a use, the changing side's own version of it, should it have
  // changed it too: what that version binds at its top level is bound after the merge as well.
  const changersOwn = directions.flatMap((d) => d.userFiles.flatMap((f) => sameFileIn(d.changer, f)));
  const wanted = [...directions.flatMap((d) => d.userFiles), ...changersOwn].flatMap((f) => (f.sideBlob === null || blobs.has(f.sideBlob) ? [] : [f.sideBlob]));
  // Read beside their texts: the tsconfig `paths` that govern those files, so that an aliased module name is read as TypeScript reads it.
  const [userTexts, aliases] = await Promise.all([
    wanted.length === 0 ? new Map<string, Buffer | null>() : readObjects(repo, wanted),
    Promise.all(directions.map((d) => (d.userFiles.length === 0 ? new Map<string, PathAliases | null>() : loadAliases(repo, d.user.ref, d.userFiles.map((f) => f.path))))),
  ]);
  const userText = (f: SideFile) => (f.sideBlob === null ? null : ((blobs.get(f.sideBlob) ?? userTexts.get(f.sideBlob))?.toString('utf8') ?? null));
  return directions.flatMap((d, i) => usesOf(d, userText, (f) => aliases[i]!.get(f.path) ?? null));
}

// Each side's files by path, worked out once per side read.
const filesByPath = new WeakMap<readonly SideFile[], Map<string, SideFile>>();

/** The side's own change of `f`'s file (none when it left it alone): one file at most. */
function sameFileIn(side: Side, f: SideFile): SideFile[] {
  const own = remembered(filesByPath, side.files, (files) => new Map(files.map((x) => [x.path, x]))).get(f.path);
  return own ? [own] : [];
}

/**
 * Whether a side whose version of a file has the APIs `pair` (at the merge base and at the side,
 * read in the statements it changed) still offers `item` as the merge base did: the statement
 * declaring it unchanged, or the same kind, export and arity after the change.
 */
function stillOffers([base, side]: ApiPair, item: ApiItem): boolean {
  if (!base.has(item.key)) return true;
  const now = side.get(item.key);
  if (!now || now.kind !== item.kind || (item.exported && !now.exported)) return false;
  return !item.arity || (now.arity !== null && sameArity(now.arity, item.arity));
}

/** Whether a side's file can hold a use of what the other side broke: it is at the side, with added lines. */
function mayUse(f: SideFile): boolean {
  return f.sideBlob !== null && f.added.length > 0;
}

/** The breaks of one direction that the user side's added lines run into, one per declaration and file. */
function usesOf(d: Direction, textOf: (f: SideFile) => string | null, aliasesOf: (f: SideFile) => PathAliases | null): SemanticBreak[] {
  const result: SemanticBreak[] = [];
  for (const f of d.userFiles) {
    const reached = d.breaks.filter((x) => fileReaches(f, x.path));
    // A top-level name the changing side binds in this same file itself (it moved the declaration
    // here, or imports it from where it moved to) is bound after the merge: its uses break nothing.
    const [own] = reached.some((x) => x.change.before.owner === null) ? sameFileIn(d.changer, f) : [];
    const ownText = own ? textOf(own) : null;
    const rebound = own && ownText !== null ? topLevelBindings(own.path, ownText, own.sideBlob ?? undefined) : new Set<string>();
    const breaks = reached.filter((x) => x.change.before.owner !== null || !rebound.has(x.change.before.name));
    const source = breaks.length === 0 ? null : textOf(f);
    if (source === null) continue;
    const { imports, uses } = usesInLines(f.path, source, f.added, new Set(breaks.map((x) => x.change.before.name)), f.sideBlob ?? undefined);
    for (const x of breaks) {
      const site = { declaredIn: x.path, usedIn: f.path, imports, aliases: aliasesOf(f) };
      const hits = uses.filter((u) => breaksUse(x.change, u, site));
      if (hits.length === 0) continue;
      const at = { side: d.user.side, ref: d.user.ref, path: f.path };
      result.push(describe(x.change, { ...d.changer, path: x.path }, hits.map((u) => ({ ...at, line: u.line, name: u.name, code: u.code }))));
    }
  }
  return result;
}

function describe(change: BreakingChange, at: { side: 'ours' | 'theirs'; ref: string; path: string }, uses: SemanticBreak['uses']): SemanticBreak {
  const { before, after } = change;
  const arity = change.change === 'arity' && before.arity && after?.arity ? { before: arityText(before.arity), after: arityText(after.arity) } : null;
  return {
    change: change.change,
    declaration: {
      side: at.side,
      ref: at.ref,
      path: at.path,
      line: after?.line ?? before.line,
      name: before.key,
      newName: change.change === 'renamed' ? (after?.key ?? null) : null,
      arity,
    },
    uses,
  };
}

function arityText({ min, max }: { min: number; max: number }): string {
  if (max === Infinity) return `${min} or more`;
  return min === max ? String(min) : `${min} to ${max}`;
}
