import { anthropicModel, fencedContent } from '../src/suggest/anthropic-model';
import type { MessagesClient } from '../src/suggest/anthropic-model';

const request = { path: 'src/a.ts', base: 'let a = 1;\n', ours: 'let a = 2;\n', theirs: 'let a = 3;\n', reason: 'both sides edit a' };

describe('anthropicModel', () => {
  it('is not offered without an API key', () => {
    expect(anthropicModel({ env: {} })).toBeNull();
  });

  it('sends the three versions and the reason, and returns the fenced file of the answer', async () => {
    const sent: Array<Parameters<MessagesClient['messages']['create']>[0]> = [];
    const client: MessagesClient = {
      messages: {
        create: async (params) => {
          sent.push(params);
          return { content: [{ type: 'text', text: 'Here it is:\n```ts\nlet a = 5;\n```\n' }] };
        },
      },
    };
    const model = anthropicModel({ env: { PARALLEL_CC_FIX_MODEL: 'claude-test' }, client })!;
    expect(model.name).toBe('claude-test');
    expect(await model.resolve(request)).toBe('let a = 5;\n');
    expect(sent[0]).toMatchObject({ model: 'claude-test', messages: [{ role: 'user' }] });
    for (const part of ['src/a.ts', 'both sides edit a', 'let a = 1;', 'let a = 2;', 'let a = 3;']) expect(sent[0]!.messages[0]!.content).toContain(part);
  });

  it('reads a refusal or an answer without a code block as no resolution', () => {
    expect(fencedContent('NO_RESOLUTION')).toBeNull();
    expect(fencedContent('just prose')).toBeNull();
    expect(fencedContent('```\na\n```\nand\n```js\nb\n```')).toBe('b\n');
  });
});
