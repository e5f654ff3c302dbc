import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { runSandbox } from '../src';
import type { LocalProvider } from '../src';
import type { RunnerCoordinator } from '../src';
import { openRunFixture, standInAgent } from './run-support';
import { cleanUp } from './support';

jest.setTimeout(30_000);

let home: TempHome;
let coordinator: RunnerCoordinator;
let provider: LocalProvider;
let repo: string;

beforeEach(async () => {
  ({ home, coordinator, provider, repo } = await openRunFixture());
});

afterEach(async () => {
  await coordinator.close();
  await cleanUp();
});

it('a local sandbox run\u2019s worktree gets node_modules and the setup command, with its PORT', async () => {
  commitFiles(repo, { '.gitignore': 'node_modules/\nsetup-ran\n' }, 'ignore dependencies');
  fs.mkdirSync(path.join(repo, 'node_modules', 'dep'), { recursive: true });
  fs.writeFileSync(path.join(repo, 'node_modules', 'dep', 'index.js'), '1\n');
  git(repo, 'config', 'parallel-cc.setup', 'echo "$PORT" > setup-ran');
  const agent = standInAgent({ write: { 'README.md': '# app, improved\n' } });
  const summary = await runSandbox(coordinator, { repo, prompt: 'Improve the readme', provider, env: home.env, command: agent.command });
  expect(summary.status).toBe('completed');
  const worktree = summary.worktreePath ?? '';
  expect(fs.readFileSync(path.join(worktree, 'node_modules', 'dep', 'index.js'), 'utf8')).toBe('1\n');
  expect(fs.readFileSync(path.join(worktree, 'setup-ran'), 'utf8')).toMatch(/^\d{4,5}\n$/);
  expect(fs.readFileSync(path.join(worktree, 'README.md'), 'utf8')).toBe('# app, improved\n');
});
