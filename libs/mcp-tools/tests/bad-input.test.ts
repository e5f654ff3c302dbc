import { makeRepo } from '@parallel-cc/test-utils';
import { allTools, callTool } from '../src';
import { call, failure, useFixture } from './support';

const fx = useFixture();

describe('malformed arguments are isError results naming the field', () => {
  let context: ReturnType<typeof fx.context>;
  beforeAll(async () => {
    const repo = makeRepo();
    const main = await fx.register(repo);
    context = fx.context({ session: main, cwd: repo });
  });

  const cases: Array<[string, unknown, RegExp]> = [
    ['check_conflicts', { branch: 42, target_branch: 'main' }, /branch: must be a branch name \(a string\)/],
    ['check_conflicts', { branch: '', target_branch: 'main' }, /branch: must not be empty/],
    ['check_conflicts', { branch: 'feature' }, /target_branch: /],
    ['check_merge_status', { branch: '--all' }, /branch: must not start with "-"/],
    ['notify_when_merged', { branch: 'x', target_branch: '-x' }, /target_branch: must not start with "-"/],
    ['detect_advanced_conflicts', { branch: 'two words' }, /branch: must not contain whitespace or control characters/],
    ['rebase_assist', { check_only: 'yes' }, /check_only: must be true or false/],
    ['claim_file', { file_path: 'a.txt', mode: 'exclusivee' }, /mode: must be one of EXCLUSIVE, SHARED and INTENT \(in any case\)/],
    ['claim_file', { file_path: 'a.txt', ttl_seconds: 90.5 }, /ttl_seconds: must be a whole number of seconds/],
    ['claim_file', {}, /file_path: /],
    ['get_merge_events', { limit: 0 }, /limit: must be 1 or more/],
    ['get_conflict_history', { limit: 5000 }, /limit: must be at most 1000/],
    ['get_parallel_status', { repo_path: '' }, /repo_path: must not be empty/],
    ['apply_auto_fix', { suggestion_id: '../etc' }, /suggestion_id: must be a suggestion id/],
    ['get_auto_fix_suggestions', { use_model: 1 }, /use_model: must be true or false/],
  ];

  test.each(cases)('%s %j', async (name, args, message) => {
    const error = await failure(call(name, args, context));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(new RegExp(`^Invalid arguments for ${name}: `));
    expect(error.message).toMatch(message);
  });

  test('arguments that are not an object at all', async () => {
    const error = await failure(call('get_my_session', 'please', context));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('It takes no arguments.') });
  });
});

describe('a bug in a tool', () => {
  test('is an isError result that says so, with the message and without the stack', async () => {
    const [status] = allTools;
    if (!status) throw new Error('no tools');
    const broken = { ...status, run: () => Promise.reject(new TypeError('cannot read x of undefined')) };
    const error = await failure(callTool(broken, {}, fx.context({ cwd: process.cwd() })));
    expect(error).toEqual({ code: 'INTERNAL', message: 'get_parallel_status failed unexpectedly (a bug in parallel-cc): cannot read x of undefined' });
  });
});
