import type { ResolutionModel, ResolutionRequest } from './resolution-model';

/** The part of Anthropic's Messages API the model strategy uses: a seam tests fill with a stand-in. */
export interface MessagesClient {
  messages: {
    create(params: {
      model: string;
      max_tokens: number;
      system: string;
      messages: Array<{ role: 'user'; content: string }>;
    }): Promise<{ content: Array<{ type: string; text?: string }> }>;
  };
}

/** Options of {@link anthropicModel}. */
export interface AnthropicModelOptions {
  /** Read from here (`ANTHROPIC_API_KEY`) unless `client` is given; never logged. */
  env?: NodeJS.ProcessEnv;
  /** Default `PARALLEL_CC_FIX_MODEL`, else `claude-sonnet-4-5`. */
  model?: string;
  client?: MessagesClient;
}

const SYSTEM = [
  'You resolve git merge conflicts in source files.',
  'You receive the merge base and two versions of one file that both changed the same code.',
  'Keep the intent of both changes. Do not add anything else. If the changes cannot both hold, answer only NO_RESOLUTION.',
  'Otherwise answer with the whole resolved file in one fenced code block and nothing after it.',
].join(' ');

function prompt(request: ResolutionRequest): string {
  const block = (title: string, text: string | null) => `${title}:\n\`\`\`\n${text ?? '(the file did not exist)'}\n\`\`\``;
  return [
    `File: ${request.path}`,
    `Why rules could not merge it: ${request.reason}`,
    block('Merge base', request.base),
    block('Ours', request.ours),
    block('Theirs', request.theirs),
  ].join('\n\n');
}

/** The text of the last fenced code block of an answer, or null (also for NO_RESOLUTION). */
export function fencedContent(answer: string): string | null {
  if (answer.includes('NO_RESOLUTION')) return null;
  const blocks = [...answer.matchAll(/```[^\n]*\n([\s\S]*?)\n?```/g)];
  const last = blocks[blocks.length - 1]?.[1];
  return last === undefined ? null : `${last}\n`;
}

/**
 * A {@link ResolutionModel} backed by Anthropic's Messages API, or null without
 * `ANTHROPIC_API_KEY` (and no `client`). The SDK loads on the first request only.
 */
export function anthropicModel(options: AnthropicModelOptions = {}): ResolutionModel | null {
  const env = options.env ?? process.env;
  const apiKey = env['ANTHROPIC_API_KEY'];
  if (!options.client && !apiKey) return null;
  const model = options.model ?? env['PARALLEL_CC_FIX_MODEL'] ?? 'claude-sonnet-4-5';
  let client = options.client;
  return {
    name: model,
    async resolve(request) {
      if (!client) {
        const { default: Anthropic } = require('@anthropic-ai/sdk') as { default: new (o: { apiKey: string }) => MessagesClient };
        client = new Anthropic({ apiKey: apiKey! });
      }
      const reply = await client.messages.create({ model, max_tokens: 16000, system: SYSTEM, messages: [{ role: 'user', content: prompt(request) }] });
      const text = reply.content.map((block) => (block.type === 'text' ? (block.text ?? '') : '')).join('');
      return fencedContent(text);
    },
  };
}
