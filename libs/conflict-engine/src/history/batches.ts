/** `rows` in slices of at most `size`: one insert each stays under SQLite's limit on bound values. */
export function batches<T>(rows: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
