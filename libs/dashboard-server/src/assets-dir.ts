import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The folder of the page's built files this package ships (`dist/public`, copied there from
 * `apps/dashboard` by the build); from the sources (tests), the built package's folder.
 */
export function dashboardAssetsDir(): string {
  const candidates = [path.join(__dirname, 'public'), path.join(__dirname, '..', 'dist', 'public')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html'))) ?? (candidates[0] as string);
}
