import { spawn } from 'node:child_process';

/** The program that opens a URL in the default browser on `platform`: `open` on macOS, `xdg-open` elsewhere. */
export function browserOpener(platform: NodeJS.Platform = process.platform): string {
  return platform === 'darwin' ? 'open' : 'xdg-open';
}

/**
 * Opens `url` in the default browser: the opener gets the URL as its one argument (no shell),
 * detached, its output ignored. Resolves with null once it started, or with why it could not.
 */
export function openBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<string | null> {
  return new Promise((resolve) => {
    const opener = browserOpener(platform);
    const child = spawn(opener, [url], { detached: true, stdio: 'ignore' });
    child.once('error', (error) => resolve(`${opener} could not be started (${error.message})`));
    child.once('spawn', () => {
      child.unref();
      resolve(null);
    });
  });
}
