import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempHome, removeTempDirs } from '@parallel-cc/test-utils';
import { autoBranchName, promptSlug } from '../src/plan/branch-name';
import { sandboxAuth } from '../src/plan/auth';
import { estimateCost } from '../src/plan/cost';
import { timeoutPlan } from '../src/plan/timeout-plan';

afterAll(() => removeTempDirs());

describe('planning a run', () => {
  it('names the auto branch after the prompt and the UTC minute', () => {
    expect(autoBranchName('Fix GH Issue #84', new Date('2025-12-13T23:45:10Z'))).toBe('e2b/fix-gh-issue-84-2025-12-13-23-45');
    expect(promptSlug('Ünïcode café — "quotes" & `ticks`\nnext line')).toBe('unicode-cafe-quotes-ticks-next-line');
    expect(promptSlug('a'.repeat(80))).toHaveLength(50);
    expect(promptSlug('implement the whole authentication system following every step of PLAN.md')).toBe('implement-the-whole-authentication-system');
    expect(promptSlug('!!! ???')).toBe('task');
  });

  it('warns at 50% and 83% of the timeout and refuses limits outside 10-60 minutes', () => {
    expect(timeoutPlan(60)).toEqual({
      limitMs: 3_600_000,
      warnings: [
        { atMs: 1_800_000, text: '30 of 60 minutes used: the run is stopped in 30 minutes.' },
        { atMs: 2_988_000, text: '50 of 60 minutes used: the run is stopped in 10 minutes.' },
      ],
    });
    for (const bad of [9, 61, 12.5, Number.NaN]) expect(() => timeoutPlan(bad)).toThrow(/whole minutes from 10 to 60/);
  });

  it('estimates the cost from the run time and the hourly rate', () => {
    expect(estimateCost(30 * 60_000, 0.2)).toEqual({ hours: 0.5, ratePerHour: 0.2, usd: 0.1 });
    expect(estimateCost(-5)).toMatchObject({ hours: 0, usd: 0 });
  });

  it('checks credentials before anything is created, without echoing them', () => {
    expect(sandboxAuth('api-key', { ANTHROPIC_API_KEY: ' sk-ant-secret ' })).toEqual({ method: 'api-key', envs: { ANTHROPIC_API_KEY: 'sk-ant-secret' }, files: [] });
    expect(() => sandboxAuth('api-key', {})).toThrow(/ANTHROPIC_API_KEY is not set/);
    const { home, env } = makeTempHome();
    expect(() => sandboxAuth('oauth', env)).toThrow(/\.credentials\.json does not exist: run claude, log in with \/login/);
    fs.mkdirSync(path.join(home, '.claude'));
    fs.writeFileSync(path.join(home, '.claude', '.credentials.json'), '{"token":"secret"}');
    const auth = sandboxAuth('oauth', env);
    expect(auth.envs).toEqual({});
    expect(auth.files).toEqual([{ path: '/home/user/.claude/.credentials.json', data: Buffer.from('{"token":"secret"}'), mode: 0o600 }]);
  });
});
