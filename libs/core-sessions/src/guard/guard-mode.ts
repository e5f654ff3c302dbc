import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * What the edit guard does (`git config parallel-cc.guard`): `default` denies an edit of a file
 * another live session holds EXCLUSIVE and warns otherwise; `warn` only warns; `deny` denies
 * whenever another session holds or changed the file; `off` stays silent.
 */
export type GuardMode = 'default' | 'warn' | 'deny' | 'off';

const MODES = new Set(['warn', 'deny', 'off']);

/**
 * `parallel-cc.guard` as git would read it for the repository: its own `.git/config` first, then
 * the user's (`$XDG_CONFIG_HOME/git/config`, `~/.gitconfig`). Read from the files directly, no git
 * process (the guard runs before every edit); `include` directives are not followed. A value
 * other than warn, deny or off counts as unset.
 */
export function readGuardMode(repoPath: string, env: NodeJS.ProcessEnv = process.env): GuardMode {
  const home = env.HOME || os.homedir();
  const files = [
    path.join(gitDir(repoPath), 'config'),
    path.join(home, '.gitconfig'),
    path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'git', 'config'),
  ];
  for (const file of files) {
    const value = guardValue(readOr(file));
    if (value !== null) return MODES.has(value) ? (value as GuardMode) : 'default';
  }
  return 'default';
}

/** The last `guard` value of a `[parallel-cc]` section in git config text (git's last one wins), lower-cased; null when none. */
export function guardValue(text: string): string | null {
  let section = '';
  let value: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const header = /^\[\s*([^\]\s"]+)\s*(?:"[^"]*")?\s*\]/.exec(line);
    if (header) {
      section = (header[1] ?? '').toLowerCase();
      continue;
    }
    if (section !== 'parallel-cc') continue;
    const entry = /^guard\s*=\s*("?)([^"#;]*)\1\s*(?:[#;].*)?$/i.exec(line);
    if (entry) value = (entry[2] ?? '').trim().toLowerCase();
  }
  return value;
}

// A main checkout's `.git` is a folder; a `.git` file points elsewhere (`gitdir: …`).
function gitDir(repoPath: string): string {
  const dotGit = path.join(repoPath, '.git');
  const text = readOr(dotGit);
  const pointer = /^gitdir:\s*(.+)$/m.exec(text);
  return pointer?.[1] ? path.resolve(repoPath, pointer[1].trim()) : dotGit;
}

function readOr(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
