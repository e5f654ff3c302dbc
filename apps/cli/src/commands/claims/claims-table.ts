import Table from 'cli-table3';
import type { FileClaim } from '@parallel-cc/core-sessions';
import type { colorsFor } from '../../output/colors';

type Colors = ReturnType<typeof colorsFor>;

/** The `claims list` table: one block per repository, one row per claim. */
export function renderClaimsTable(claims: FileClaim[], colors: Colors, now: Date = new Date()): string {
  if (claims.length === 0) return 'No files are claimed.\n';
  const byRepo = new Map<string, FileClaim[]>();
  for (const c of claims) byRepo.set(c.repoPath, [...(byRepo.get(c.repoPath) ?? []), c]);
  const blocks: string[] = [];
  for (const [repo, list] of byRepo) {
    const table = new Table({
      head: ['FILE', 'MODE', 'SESSION', 'EXPIRES IN'],
      style: { head: [], border: [], compact: true },
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    });
    for (const c of list) table.push([c.filePath, paintMode(c, colors), c.sessionId.slice(0, 8), until(c.expiresAt, now)]);
    blocks.push(`${colors.bold(repo)}\n${table.toString()}\n`);
  }
  return blocks.join('\n');
}

/** One line per holder of a refused claim. */
export function holderLines(holders: FileClaim[]): string {
  return holders.map((h) => `  ${h.mode.padEnd(9)} ${h.sessionId}  until ${h.expiresAt}\n`).join('');
}

function paintMode(claim: FileClaim, colors: Colors): string {
  if (claim.mode === 'EXCLUSIVE') return colors.red(claim.mode);
  return claim.mode === 'SHARED' ? colors.yellow(claim.mode) : colors.cyan(claim.mode);
}

function until(iso: string, now: Date): string {
  const seconds = Math.max(0, Math.round((Date.parse(iso) - now.getTime()) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours}h` : `${Math.floor(hours / 24)}d`;
}
