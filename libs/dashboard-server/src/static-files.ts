import * as fs from 'node:fs';
import * as path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
};

/** One file the server may send: its bytes and content type. */
export interface StaticFile {
  body: Buffer;
  type: string;
}

/**
 * The page's built files, read once at start and keyed by URL path (`/`, `/app.js`, …). Only
 * these paths are ever served: a request path is looked up, never joined onto a folder.
 */
export function loadStaticFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (folder: string, prefix: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full, `${prefix}${entry.name}/`);
      else if (entry.isFile() && TYPES[path.extname(entry.name)]) {
        files.set(`${prefix}${entry.name}`, { body: fs.readFileSync(full), type: TYPES[path.extname(entry.name)] as string });
      }
    }
  };
  walk(dir, '/');
  const index = files.get('/index.html');
  if (index) files.set('/', index);
  return files;
}
