/**
 * A count with its noun, for text people read: `plural(1, 'file')` is "1 file", `plural(2, 'file')`
 * "2 files"; give the plural form when adding "s" is wrong (`plural(n, 'repository', 'repositories')`).
 */
export function plural(count: number, noun: string, pluralForm = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralForm}`;
}
