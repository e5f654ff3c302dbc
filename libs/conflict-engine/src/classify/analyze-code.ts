import type { ChangedFile } from '../conflict-file';
import type { Classification, ConflictClass } from './classification';
import { SEVERITY_OF } from './classification';
import type { Declaration } from './declaration';
import { declarationChanges } from './declaration-changes';
import type { DeclarationChange } from './declaration-changes';
import { extractDeclarations } from './extract-declarations';
import { normalizedCode, wholeCode } from './normalize';
import type { ParsedCode } from './parse-code';
import { countUses, filesAddingUses } from './uses';

/** The resolution a TRIVIAL code conflict allows. */
export type TrivialResolution = 'whitespace' | 'import-order' | 'take-ours' | 'take-theirs';

/** One version of a code file, parsed. */
export interface ParsedVersion {
  text: string;
  program: ParsedCode;
  declarations: Declaration[];
  /** Formatting-blind code of the whole file. */
  code: string;
  /** Formatting-blind code outside every top-level declaration. */
  rest: string;
}

/** What the syntax trees say about a conflicted code file. */
export interface CodeAnalysis {
  classification: Classification;
  trivial: TrivialResolution | null;
  base: ParsedVersion;
  ours: ParsedVersion;
  theirs: ParsedVersion;
  oursChanges: DeclarationChange[];
  theirsChanges: DeclarationChange[];
  /** What the verdict rests on besides other files: with a context, {@link classifyCode} gives it again. */
  facts: CodeFacts;
}

/** A collision between the sides' changes, as the verdict names it. */
interface Collision {
  cls: ConflictClass;
  names: string[];
  reason: string;
}

/**
 * What classifying a code conflict found in its three versions alone: enough, with the files the
 * sides changed elsewhere (a context), to give the verdict without the syntax trees.
 */
export interface CodeFacts {
  /** The formatting-only verdict, when the sides differ only so. */
  trivial: { how: TrivialResolution | null; reason: string } | null;
  oursChanges: DeclarationChange[];
  theirsChanges: DeclarationChange[];
  /** The collisions between the sides' changes, code outside any declaration included. */
  collisions: Collision[];
  /** The names the merge base's own export lists (`export { a, b }`) export. */
  listed: string[];
}

/** Where SEMANTIC checks look for uses beyond the conflicted file: the files each side changed. */
export interface ClassifyContext {
  oursChanges?: ChangedFile[];
  theirsChanges?: ChangedFile[];
}

/** A parsed version's declarations and normalised code. */
export function parsedVersion(text: string, program: ParsedCode): ParsedVersion {
  const declarations = extractDeclarations(program, text);
  return { text, program, declarations, ...wholeCode(program, declarations) };
}

type Side = 'ours' | 'theirs';
const OTHER: Record<Side, Side> = { ours: 'theirs', theirs: 'ours' };

function verdict(cls: ConflictClass, declarations: string[], reason: string): Classification {
  return { class: cls, severity: SEVERITY_OF[cls], declarations, reason, analysis: 'ast' };
}

function importRanges(version: ParsedVersion): Array<[number, number]> {
  return version.declarations.filter((d) => d.kind === 'import').map((d) => [d.start, d.end]);
}

function importsAndRest(version: ParsedVersion): { imports: string; rest: string } {
  const imports = version.declarations.filter((d) => d.kind === 'import');
  return { imports: imports.map((d) => d.code).sort().join('\n'), rest: normalizedCode(version.program, 0, Infinity, importRanges(version)) };
}

/** A version's code with optional braces counted too: asked only of a TRIVIAL verdict. */
function bracedCode(version: ParsedVersion, skip: Array<[number, number]> = []): string {
  return normalizedCode(version.program, 0, Infinity, skip, false);
}

function trivialResolution(base: ParsedVersion, ours: ParsedVersion, theirs: ParsedVersion): { how: TrivialResolution | null; reason: string } | null {
  // Braces added or dropped around one statement are formatting to the class, but the style is
  // part of a side's work (a lint rule's reformat): no side is taken over the other for it.
  const styled = (how: TrivialResolution, reason: string, sameBraces: () => boolean) =>
    sameBraces() ? { how, reason } : { how: null, reason: `${reason}, braces around single statements aside; no side is taken for their style` };
  if (ours.code === theirs.code) {
    const onlySpace = ours.text.replace(/\s+/g, '') === theirs.text.replace(/\s+/g, '');
    const reason = `the sides differ only in ${onlySpace ? 'whitespace' : 'formatting (whitespace, quotes, semicolons, trailing commas)'}`;
    return styled('whitespace', reason, () => bracedCode(ours) === bracedCode(theirs));
  }
  const [o, t] = [importsAndRest(ours), importsAndRest(theirs)];
  if (o.imports === t.imports && o.rest === t.rest) {
    const reason = 'the sides differ only in the order of their imports';
    return styled('import-order', reason, () => bracedCode(ours, importRanges(ours)) === bracedCode(theirs, importRanges(theirs)));
  }
  if (ours.code === base.code) return styled('take-theirs', "ours only reformatted the file; theirs' changes apply as they are", () => bracedCode(ours) === bracedCode(base));
  if (theirs.code === base.code) return styled('take-ours', "theirs only reformatted the file; ours' changes apply as they are", () => bracedCode(theirs) === bracedCode(base));
  return null;
}

/** Whether two changes touch the same code: one declaration, or a container and one of its members. */
function overlaps(a: DeclarationChange, b: DeclarationChange): boolean {
  return a.key === b.key || a.container === b.key || b.container === a.key;
}

function mergeableLists(a: DeclarationChange, b: DeclarationChange): boolean {
  const [x, y] = [a.after?.specifiers, b.after?.specifiers];
  return !!x && !!y && x.head === y.head && a.change !== 'removed' && b.change !== 'removed';
}

/** A collision between the two sides' changes of one declaration, or null when they agree or can be merged. */
function collision(o: DeclarationChange, t: DeclarationChange): { cls: ConflictClass; reason: string } | null {
  if (o.change === 'removed' && t.change === 'removed') return null;
  if (o.after && t.after && o.key === t.key && o.after.code === t.after.code) return null;
  if (o.key === t.key && mergeableLists(o, t)) return null;
  const gone = (c: DeclarationChange) => c.change === 'removed' || c.change === 'renamed';
  // Imports and statements bind nothing other code uses: one side dropping or re-keying one while
  // the other edits it is a concurrent edit, not a break.
  const named = (c: DeclarationChange) => (c.before ?? c.after)!.kind !== 'import' && (c.before ?? c.after)!.binds.length > 0;
  if (gone(o) !== gone(t) && named(o) && named(t)) {
    const [remover, editor] = gone(o) ? ['ours', 'theirs'] : ['theirs', 'ours'];
    const how = (gone(o) ? o : t).change === 'renamed' ? 'renames' : 'removes';
    return { cls: 'SEMANTIC', reason: `${remover} ${how} ${o.name.split(' → ')[0]} while ${editor} changes it` };
  }
  if (o.change === 'added' && t.change === 'added') return { cls: 'CONCURRENT', reason: `both sides add ${o.name} with different contents` };
  const imports = [o, t].find((c) => (c.before ?? c.after)!.kind === 'import');
  if (imports) return { cls: 'CONCURRENT', reason: `both sides change ${imports.name}` };
  if (o.after?.kind === 'statement') return { cls: 'CONCURRENT', reason: `both sides edit the statement "${o.name}"` };
  return { cls: 'CONCURRENT', reason: `both sides edit ${o.key === t.key ? o.name : `${o.name} and ${t.name}`}` };
}

/**
 * Whether code in other files can use the declaration `change` is about: a top-level declaration
 * exported by its own `export` or by an export list. A module's private names (a test file's
 * `let db`, a `declare global` block) and members (used elsewhere only through a property of a
 * common name such as `method`) are looked for in this file only: counting every file whose new
 * lines happen to say the word made most such verdicts false on real repositories.
 */
function usableElsewhere(change: DeclarationChange, listed: readonly string[]): boolean {
  const declaration = change.before;
  if (change.container !== null || !declaration) return false;
  if (declaration.signature.startsWith('export ')) return true;
  return declaration.binds.some((name) => listed.includes(name));
}

/** Whether the other side made the same change to the same declaration (both removed it, or both gave it one signature). */
function madeByBoth(change: DeclarationChange, others: DeclarationChange[]): boolean {
  return others.some((c) => c.key === change.key && c.change === change.change && (c.after?.signature ?? null) === (change.after?.signature ?? null));
}

/** A breaking change on `side` that the other side's new code relies on, in this file or another it changed. */
function semanticProblem(side: Side, change: DeclarationChange, facts: CodeFacts, path: string, context: ClassifyContext): string | null {
  const other = OTHER[side];
  const names = change.before?.binds ?? [];
  const otherChanges = other === 'ours' ? facts.oursChanges : facts.theirsChanges;
  for (const name of names) {
    const inFile = otherChanges.some(
      (c) => c.after && !overlaps(c, change) && countUses(name, c.after.text) > countUses(name, c.before?.text ?? ''),
    );
    const elsewhere = usableElsewhere(change, facts.listed) ? filesAddingUses(name, (other === 'ours' ? context.oursChanges : context.theirsChanges) ?? [], path) : [];
    if (!inFile && elsewhere.length === 0) continue;
    const what =
      change.change === 'removed' ? `removes ${name}` : change.change === 'renamed' ? `renames ${change.name}` : `changes the signature of ${name}`;
    const where = [...(inFile ? [path] : []), ...elsewhere];
    return `${side} ${what} while ${other} adds uses of it (${where.slice(0, 3).join(', ')}${where.length > 3 ? ', …' : ''})`;
  }
  return null;
}

/**
 * Classifies a code conflict from the three parsed versions: TRIVIAL (formatting, import order,
 * one side only reformatted), SEMANTIC (a signature change, removal or rename the other side's
 * new code relies on, or an edit of a declaration the other side removed), CONCURRENT (both
 * sides edit one declaration, or add one name with different contents), else STRUCTURAL
 * (independent additions or edits of different declarations).
 */
export function analyzeCode(path: string, base: ParsedVersion, ours: ParsedVersion, theirs: ParsedVersion, context: ClassifyContext = {}): CodeAnalysis {
  const facts = codeFacts(base, ours, theirs);
  const { oursChanges, theirsChanges } = facts;
  return { base, ours, theirs, oursChanges, theirsChanges, facts, trivial: facts.trivial?.how ?? null, classification: classifyCode(path, facts, context) };
}

/** What {@link analyzeCode} finds in the three versions alone, before other files are asked. */
function codeFacts(base: ParsedVersion, ours: ParsedVersion, theirs: ParsedVersion): CodeFacts {
  const oursChanges = declarationChanges(base.declarations, ours.declarations);
  const theirsChanges = declarationChanges(base.declarations, theirs.declarations);
  const listed = base.declarations.filter((d) => d.kind === 'export' && d.specifiers?.source === null).flatMap((d) => d.binds);
  const trivial = trivialResolution(base, ours, theirs);
  if (trivial) return { trivial, oursChanges, theirsChanges, collisions: [], listed };
  const collisions: Collision[] = [];
  for (const o of oursChanges) {
    for (const t of theirsChanges.filter((c) => overlaps(o, c))) {
      const found = collision(o, t);
      if (found) collisions.push({ ...found, names: o.name === t.name ? [o.name] : [o.name, t.name] });
    }
  }
  const rests = new Set([base.rest, ours.rest, theirs.rest]);
  if (rests.size === 3) collisions.push({ cls: 'CONCURRENT', names: [], reason: 'both sides change code outside any declaration' });
  return { trivial: null, oursChanges, theirsChanges, collisions, listed };
}

/** The verdict on a code conflict from its {@link CodeFacts}, the sides' other changed files (`context`) telling whether a break is used elsewhere. */
export function classifyCode(path: string, facts: CodeFacts, context: ClassifyContext = {}): Classification {
  const { trivial, oursChanges, theirsChanges, collisions } = facts;
  if (trivial) return verdict('TRIVIAL', [], trivial.reason);
  const semantic: Array<{ name: string; reason: string }> = [];
  for (const side of ['ours', 'theirs'] as const) {
    const others = side === 'ours' ? theirsChanges : oursChanges;
    for (const change of (side === 'ours' ? oursChanges : theirsChanges).filter((c) => c.breaking && !madeByBoth(c, others))) {
      const reason = semanticProblem(side, change, facts, path, context);
      if (reason) semantic.push({ name: change.name, reason });
    }
  }
  for (const c of collisions.filter((x) => x.cls === 'SEMANTIC')) semantic.push({ name: c.names[0] ?? '', reason: c.reason });
  if (semantic.length > 0) return verdict('SEMANTIC', unique(semantic.map((s) => s.name)), summarise(semantic.map((s) => s.reason)));
  if (collisions.length > 0) return verdict('CONCURRENT', unique(collisions.flatMap((c) => c.names)), summarise(collisions.map((c) => c.reason)));
  const names = unique([...oursChanges, ...theirsChanges].map((c) => c.name));
  const onlyAdded = [...oursChanges, ...theirsChanges].every((c) => c.change === 'added' || (c.after?.specifiers && c.change === 'modified'));
  const reason = onlyAdded
    ? `both sides only add declarations that do not collide (${list(names)}); keep both`
    : `the sides change different declarations (${list(names)}); git conflicts only because they are adjacent`;
  return verdict('STRUCTURAL', names, reason);
}

function unique(names: string[]): string[] {
  return [...new Set(names.filter((n) => n !== ''))];
}

function list(names: string[]): string {
  return names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ');
}

function summarise(reasons: string[]): string {
  const distinct = unique(reasons);
  return distinct.length > 1 ? `${distinct[0]} (and ${distinct.length - 1} more)` : (distinct[0] ?? '');
}
