/** Most cells of the table a changed middle may need; past that the caller parses whole files. */
const MAX_CELLS = 4_000_000;

/**
 * Which unit of `after` each unit of `before` stays as: a longest common subsequence of the two
 * lists of unit texts (equal prefix and suffix first, a table for the changed middle). `-1`
 * marks a unit that is gone or changed; null when the middle is too large to compare cheaply.
 */
export function matchUnits(before: readonly string[], after: readonly string[]): Int32Array | null {
  const match = new Int32Array(before.length).fill(-1);
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) match[head] = head++;
  let [endA, endB] = [before.length, after.length];
  while (endA > head && endB > head && before[endA - 1] === after[endB - 1]) match[--endA] = --endB;
  const [n, m] = [endA - head, endB - head];
  if (n === 0 || m === 0) return match;
  if ((n + 1) * (m + 1) > MAX_CELLS) return null;
  // lengths[i][j]: the longest common subsequence of before[head+i..] and after[head+j..].
  const width = m + 1;
  const lengths = new Int32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        before[head + i] === after[head + j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (before[head + i] === after[head + j]) {
      match[head + i] = head + j;
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) i++;
    else j++;
  }
  return match;
}
