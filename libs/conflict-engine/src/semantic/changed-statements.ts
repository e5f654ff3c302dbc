import { statementsOf } from '../classify/focus/statements-of';

// The name a top-level declaration starts with: overloads, merged interfaces and namespaces share one.
const FIRST_NAME = /^(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\s*\*?|class|interface|type|enum|namespace|module|const|let|var)\s+([A-Za-z_$][\w$]*)/;
// An export list makes declarations elsewhere in the file exported: always read.
const EXPORT_LIST = /^export\s+(?:type\s+)?\{/;

/**
 * Which top-level statements of two versions of a file (the merge base's and a side's) can differ
 * in what they declare: those not found, the same text, in the other version; those declaring a
 * name one of these declares (an overload, a merged interface); and export lists. A statement
 * the same in both declares the same in both: leaving it out of both changes no comparison.
 * Null when a version does not cut cleanly into statements: then all are read.
 */
export function changedStatements(before: string, after: string): ((code: string) => boolean) | null {
  const [a, b] = [statementsOf(before), statementsOf(after)];
  if (a === null || b === null) return null;
  const codes = (text: string, units: NonNullable<typeof a>) => units.filter((u) => u.codeStart !== -1).map((u) => text.slice(u.codeStart, u.end));
  const [was, is] = [codes(before, a), codes(after, b)];
  const [wasSet, isSet] = [new Set(was), new Set(is)];
  const changed = [...was.filter((c) => !isSet.has(c)), ...is.filter((c) => !wasSet.has(c))];
  const changedCode = new Set(changed);
  const names = new Set(changed.map((c) => FIRST_NAME.exec(c)?.[1]).filter((n): n is string => n !== undefined));
  return (code) => changedCode.has(code) || EXPORT_LIST.test(code) || names.has(FIRST_NAME.exec(code)?.[1] ?? '');
}
