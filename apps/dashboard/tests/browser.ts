// The page in a real headless Chromium (Debian's package, installed by the project's own
// tools/scripts/ensure-chromium.js when missing), driven by playwright-core.
import * as path from 'node:path';
import type { BrowserContext } from 'playwright-core';

interface ChromiumTools {
  ensureChromium(log?: (line: string) => void): { path?: string; skip?: string };
  launchChromium(options?: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } }): Promise<{ context: BrowserContext; close(): Promise<void> }>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const chromiumTools = require(path.resolve(__dirname, '../../../tools/scripts/ensure-chromium.js')) as ChromiumTools;

/** Where the browser suites keep their screenshots (gitignored). */
export const TEST_OUTPUT = path.resolve(__dirname, '../test-output');

/** Why the browser suites cannot run here, or null when Chromium is (now) installed. */
export function browserSkipReason(): string | null {
  const result = chromiumTools.ensureChromium();
  return result.path ? null : (result.skip ?? 'Chromium is not available');
}
