import { isObjectId } from './object-id';

/** Reads `git for-each-ref --format='%(objectname) %(refname)'` output as ref name → object id. */
export function parseRefTips(output: string): Map<string, string> {
  const tips = new Map<string, string>();
  for (const line of output.split('\n')) {
    const space = line.indexOf(' ');
    const oid = line.slice(0, space);
    if (space > 0 && isObjectId(oid)) tips.set(line.slice(space + 1), oid);
  }
  return tips;
}
