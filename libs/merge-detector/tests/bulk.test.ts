import { takeNotifications } from '@parallel-cc/core-sessions';
import { git, makeRepo, removeTempDirs } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { pollRepository } from '../src';
import type { MergeCoordinator } from '../src';
import { gitWithInput, insertSubscription, openFresh, registerLive, rows, stopLiveProcesses } from './support';

let home: TempHome;
let coordinator: MergeCoordinator;

afterAll(async () => {
  await coordinator.close();
  await stopLiveProcesses();
  removeTempDirs();
});

const OUTCOMES = ['ancestor', 'squash', null, null] as const; // merged, squashed, unmerged, never got a commit
const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
const now = Math.floor(Date.now() / 1000);
const commit = (ref: string, mark: number, from: string, message: string, file: string, merge?: string): string =>
  `commit ${ref}\nmark :${mark}\ncommitter Test <test@example.com> ${now + mark} +0000\n${data(message)}from ${from}\n` +
  (merge ? `merge ${merge}\n` : '') +
  `M 100644 inline ${file}\n${data(`${file}\n`)}`;

/**
 * `count` branches created at main (so each reflog starts there) and then, but for every fourth,
 * given a commit; main merges every fourth and squashes the next. A handful of git processes build it, whatever `count` is.
 */
function repoWithBranches(count: number): { repo: string; names: string[] } {
  const repo = makeRepo({ 'README.md': '# bulk\n' });
  const root = git(repo, 'rev-parse', 'main');
  const names = Array.from({ length: count }, (_, i) => `bulk/b${String(i).padStart(4, '0')}`);
  gitWithInput(repo, ['update-ref', '--stdin'], names.map((name) => `create refs/heads/${name} ${root}\n`).join(''));
  const stream: string[] = [];
  let mark = 0;
  let main = root;
  names.forEach((name, i) => {
    const outcome = i % OUTCOMES.length;
    if (outcome === 3) return;
    stream.push(commit(`refs/heads/${name}`, ++mark, root, `${name} work`, `${name}.txt`));
    const tip = `:${mark}`;
    if (outcome === 0) stream.push(commit('refs/heads/main', ++mark, main, `merge ${name}`, `${name}.txt`, tip));
    if (outcome === 1) stream.push(commit('refs/heads/main', ++mark, main, `squash ${name}`, `${name}.txt`));
    if (outcome <= 1) main = `:${mark}`;
  });
  gitWithInput(repo, ['fast-import', '--quiet'], stream.join(''));
  git(repo, 'reset', '-q', '--hard', 'main');
  return { repo, names };
}

// How fast: `npm run bench` measures this poll against its budget; tests assert only what it finds.
test('500 subscribed branches are judged in one poll', async () => {
  ({ home, coordinator } = await openFresh());
  const { repo, names } = repoWithBranches(500);
  const watcher = await registerLive(coordinator, repo, home);
  for (const branch of names) await insertSubscription(coordinator, { sessionId: watcher.sessionId, repoPath: repo, branch, target: 'main' });

  const result = await pollRepository(coordinator, { repo, env: home.env });

  expect(result.checked).toBe(500);
  const expected = names.flatMap((branch, i) => (OUTCOMES[i % 4] ? [[branch, OUTCOMES[i % 4]]] : []));
  expect(result.events.map((e) => [e.branch, e.how]).sort()).toEqual(expected);
  expect(result.notified).toBe(250);
  expect(await takeNotifications(coordinator, watcher.sessionId)).toHaveLength(250);

  const again = await pollRepository(coordinator, { repo, env: home.env });
  expect(again).toMatchObject({ checked: 250, events: [], notified: 0 });
  expect(rows(coordinator, 'merge_events')).toHaveLength(250);
});
