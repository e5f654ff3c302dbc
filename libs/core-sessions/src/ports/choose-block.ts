import type { PortBlock } from '@parallel-cc/worktree-gtr';

/** What {@link chooseBlock} decides from. */
export interface BlockChoice {
  range: PortBlock;
  count: number;
  /** Blocks live sessions hold: never given out. */
  held: PortBlock[];
  /** The block this place had last, if any: preferred while free. */
  remembered?: PortBlock;
  /** Blocks other places had last: avoided while another block is free, so that they stay theirs. */
  rememberedByOthers: PortBlock[];
}

/** Whether two blocks share a port. */
export function overlaps(a: PortBlock, b: PortBlock): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/**
 * Picks a block of `count` ports in `range` that no held block overlaps: the place's remembered
 * block when it still fits and is free, else the lowest free block (aligned on `count` from the
 * range's start) that no other place remembers, else the lowest free one. Null: the range is full.
 */
export function chooseBlock(choice: BlockChoice): PortBlock | null {
  const { range, count, held } = choice;
  const free = (block: PortBlock) => !held.some((h) => overlaps(h, block));
  const fits = (block: PortBlock) => block.first >= range.first && block.last <= range.last && block.last - block.first + 1 === count;
  if (choice.remembered && fits(choice.remembered) && free(choice.remembered)) return choice.remembered;
  let fallback: PortBlock | null = null;
  for (let first = range.first; first + count - 1 <= range.last; first += count) {
    const block = { first, last: first + count - 1 };
    if (!free(block)) continue;
    if (!choice.rememberedByOthers.some((r) => overlaps(r, block))) return block;
    fallback ??= block;
  }
  return fallback;
}
