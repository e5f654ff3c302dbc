/**
 * A block of lines parallel-cc owns inside a file someone else owns (a shell profile, git's
 * `info/exclude`), between two `#` marker lines. How the file looked before is recorded in the
 * start line, so removing the block gives back the file byte for byte.
 */
const START = '# >>> parallel-cc >>>';
const END = '# <<< parallel-cc <<<';
const ADDED_NEWLINE = ' (a newline was added before this block)';
const CREATED_FILE = ' (this file was created for this block)';
const BLOCK = /(\n)?# >>> parallel-cc >>>([^\n]*)\n([\s\S]*?)# <<< parallel-cc <<<\n?/;

/** The text with our block holding `body` (lines ending in a newline): added, or brought up to date in place. */
export function addMarkedBlock(text: string | null, body: string): string {
  const current = BLOCK.exec(text ?? '');
  if (text !== null && current) {
    const note = current[2] ?? '';
    return text.replace(BLOCK, () => `${current[1] ?? ''}${START}${note}\n${body}${END}\n`);
  }
  if (text === null) return `${START}${CREATED_FILE}\n${body}${END}\n`;
  if (text === '') return `${START}\n${body}${END}\n`;
  const needsNewline = !text.endsWith('\n');
  return `${text}${needsNewline ? '\n' : ''}${START}${needsNewline ? ADDED_NEWLINE : ''}\n${body}${END}\n`;
}

/** The text without our block, exactly as it was before; null when the file was created for it. */
export function removeMarkedBlock(text: string | null): string | null {
  if (text === null) return null;
  const match = BLOCK.exec(text);
  if (!match) return text;
  const note = match[2] ?? '';
  if (note === CREATED_FILE && text.replace(BLOCK, '') === '') return null;
  const keepNewline = match[1] !== undefined && note !== ADDED_NEWLINE ? '\n' : '';
  return text.replace(BLOCK, keepNewline);
}

/** The lines inside our block, or null when the text has none. */
export function markedBlockBody(text: string | null): string | null {
  const match = BLOCK.exec(text ?? '');
  return match ? (match[3] ?? '') : null;
}
