'use strict';
// The dashboard under load (`npm run bench -- --only dashboard`): one repository with 50 live
// sessions (the main checkout and 49 worktrees) and 1,000 notices on the timeline, served by
// @parallel-cc/dashboard-server and shown in the system's headless Chromium. Measured:
//   - event to paint: a notice written to the database until the page has drawn it (a
//     MutationObserver sees its text, then the next animation frame), p50 and p90 of 20 (≤ 200 ms);
//   - the first full page (50 sessions, the 50×50 matrix, the timeline) from navigation;
//   - the page's longest main-thread task while the events arrive (responsiveness; ≤ 200 ms).
// Skipped, and said so, when Chromium cannot be installed (tools/scripts/ensure-chromium.js).
const path = require('node:path');

const SESSIONS = 50;
const EVENTS = 1000;
const SAMPLES = 20;

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function dashboardBench({ work, env, root, makeRepo, liveProcess, progress, median }) {
  const chromium = require(path.join(root, 'tools', 'scripts', 'ensure-chromium.js'));
  const available = chromium.ensureChromium(progress);
  if (!available.path) return { skipped: available.skip };
  const core = require(path.join(root, 'libs', 'core-sessions', 'dist'));
  const { allMigrationSets } = require(path.join(root, 'libs', 'mcp-tools', 'dist', 'migrations.js'));
  const { serveDashboard } = require(path.join(root, 'libs', 'dashboard-server', 'dist'));

  const repo = path.join(work, 'dashboard');
  makeRepo(repo, 20);
  const coordinator = await core.openCoordinator({ env, migrations: allMigrationSets() });
  let served;
  let browser;
  try {
    progress(`dashboard: registering ${SESSIONS} sessions`);
    const sessions = [];
    for (let i = 0; i < SESSIONS; i++) sessions.push(await core.registerSession(coordinator, { repo, pid: liveProcess(), env }));
    progress(`dashboard: writing ${EVENTS} notices`);
    for (let i = 0; i < EVENTS; i++) await core.addNotification(coordinator, { sessionId: sessions[i % SESSIONS].sessionId, kind: 'info', text: `earlier notice ${i}` });

    served = await serveDashboard({ env, servedBy: 'cli' });
    browser = await chromium.launchChromium();
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const navigated = Date.now();
    await page.goto(served.record.url);
    await page.waitForFunction((n) => document.querySelectorAll('tr[data-session-id]').length === n && document.querySelectorAll('li[data-entry]').length > 0 && document.querySelectorAll('td.cell').length > 0, SESSIONS, { timeout: 120_000 });
    const firstPaintMs = Date.now() - navigated;
    await page.evaluate(() => (window.__longest = 0));

    progress(`dashboard: event to paint, ${SAMPLES} notices`);
    const samples = [];
    for (let i = 0; i < SAMPLES; i++) {
      const text = `bench notice ${i} ${Date.now()}`;
      const painted = page.evaluate(
        (wanted) =>
          new Promise((resolve) => {
            const seen = () => [...document.querySelectorAll('li[data-entry]')].some((li) => li.textContent.includes(wanted));
            const done = () => requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
            if (seen()) return done();
            const observer = new MutationObserver(() => {
              if (!seen()) return;
              observer.disconnect();
              done();
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
          }),
        text,
      );
      // The observer is in place before the notice is written.
      await page.evaluate(() => 0);
      const written = performance.timeOrigin + performance.now();
      await core.addNotification(coordinator, { sessionId: sessions[i % SESSIONS].sessionId, kind: 'info', text });
      samples.push((await painted) - written);
    }
    const longestTaskMs = await page.evaluate(() => window.__longest);
    return { firstPaintMs, p50: median(samples), p90: quantile(samples, 0.9), longestTaskMs, sessions: SESSIONS, events: EVENTS };
  } finally {
    await browser?.close();
    await served?.close?.();
    await coordinator.close();
  }
}

module.exports = { dashboardBench };
