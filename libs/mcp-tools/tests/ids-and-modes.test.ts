import { makeRepo } from '@parallel-cc/test-utils';
import { call, failure, ok, useFixture } from './support';

const fx = useFixture();

describe('the CLI and the MCP tools take the same values', () => {
  test('claim_file takes a claim mode in any case, and a wrong one is refused listing the accepted values', async () => {
    const repo = makeRepo();
    await fx.register(repo);
    const work = await fx.register(repo);
    const context = fx.context({ session: work, cwd: work.worktreePath });
    expect(await ok(call('claim_file', { file_path: 'a.txt', mode: 'Exclusive' }, context))).toMatchObject({ granted: true, claim: { mode: 'EXCLUSIVE' } });
    expect(await ok(call('claim_file', { file_path: 'b.txt', mode: 'intent' }, context))).toMatchObject({ granted: true, claim: { mode: 'INTENT' } });
    expect(await ok(call('claim_file', { file_path: 'b.txt', mode: 'sHaReD' }, context))).toMatchObject({ granted: true, claim: { mode: 'SHARED' } });
    expect(await failure(call('claim_file', { file_path: 'c.txt', mode: 'locked' }, context))).toEqual({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('mode: must be one of EXCLUSIVE, SHARED and INTENT (in any case)'),
    });
  });

  test('PARALLEL_CC_SESSION_ID may be the short id status shows, or any unique start of 4+ hex characters', async () => {
    const repo = makeRepo();
    const main = await fx.register(repo);
    const work = await fx.register(repo);
    for (const id of [work.sessionId.slice(0, 8), work.sessionId.slice(0, 5).toUpperCase(), work.sessionId]) {
      const context = fx.context({ cwd: repo, env: { PARALLEL_CC_SESSION_ID: id } });
      expect(await ok(call('get_my_session', {}, context))).toMatchObject({ sessionId: work.sessionId, isMainRepo: false });
    }
    const malformed = await failure(call('get_my_session', {}, fx.context({ cwd: repo, env: { PARALLEL_CC_SESSION_ID: 'abc' } })));
    expect(malformed).toEqual({ code: 'INVALID_INPUT', message: expect.stringContaining('The PARALLEL_CC_SESSION_ID "abc" is not valid: it must be a UUID') });
    // A hex start that no registered id has (each id here begins with another digit).
    const firsts = new Set([main.sessionId[0], work.sessionId[0]]);
    const unused = [...'0123456789abcdef'].find((d) => !firsts.has(d))!;
    const unmatched = await failure(call('get_my_session', {}, fx.context({ cwd: repo, env: { PARALLEL_CC_SESSION_ID: `${unused}abc` } })));
    expect(unmatched).toEqual({ code: 'SESSION_ID_UNMATCHED', message: `The PARALLEL_CC_SESSION_ID ${unused}abc matches no session: \`status\` lists them and their ids.` });
  });
});
