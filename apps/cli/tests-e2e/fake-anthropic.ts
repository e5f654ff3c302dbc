import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for Anthropic's Messages API on loopback (the one thing here that cannot run for
// real): Claude Code, pointed at it by ANTHROPIC_BASE_URL, asks for a turn; the first turn that
// offers the Write tool answers with one Write call, every later turn (the tool's result back)
// with "done". Claude then runs its tool machinery, PreToolUse and PostToolUse hooks included,
// exactly as it would with the real model.

/** A fake Messages API and what it was asked. */
export interface FakeAnthropic {
  /** For ANTHROPIC_BASE_URL. */
  url: string;
  /** The tool results Claude sent back (the text a hook's denial became, say). */
  toolResults: string[];
  close(): Promise<void>;
}

/** Starts the fake API; its first tool-offering turn writes `content` to `filePath`. */
export async function startFakeAnthropic(write: { filePath: string; content: string }): Promise<FakeAnthropic> {
  const toolResults: string[] = [];
  let wrote = false;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (!req.url?.startsWith('/v1/messages') || req.url.includes('count_tokens')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ input_tokens: 10 }));
        return;
      }
      const request = JSON.parse(body || '{}') as { model?: string; stream?: boolean; tools?: Array<{ name: string }>; messages?: Array<{ content: unknown }> };
      for (const message of request.messages ?? []) {
        for (const part of Array.isArray(message.content) ? message.content : []) {
          if (part.type === 'tool_result') toolResults.push(JSON.stringify(part.content));
        }
      }
      const callWrite = !wrote && (request.tools ?? []).some((t) => t.name === 'Write');
      if (callWrite) wrote = true;
      const blocks = callWrite
        ? [
            { start: { type: 'tool_use', id: 'toolu_fake_1', name: 'Write', input: {} }, delta: { type: 'input_json_delta', partial_json: JSON.stringify({ file_path: write.filePath, content: write.content }) } },
          ]
        : [{ start: { type: 'text', text: '' }, delta: { type: 'text_delta', text: 'done' } }];
      const events: string[] = [];
      const send = (type: string, data: Record<string, unknown>) => events.push(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
      send('message_start', {
        message: { id: `msg_${toolResults.length}`, type: 'message', role: 'assistant', model: request.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 1 } },
      });
      blocks.forEach((block, index) => {
        send('content_block_start', { index, content_block: block.start });
        send('content_block_delta', { index, delta: block.delta });
        send('content_block_stop', { index });
      });
      send('message_delta', { delta: { stop_reason: callWrite ? 'tool_use' : 'end_turn', stop_sequence: null }, usage: { output_tokens: 5 } });
      send('message_stop', {});
      if (request.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(events.join(''));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'msg_plain', type: 'message', role: 'assistant', model: request.model, content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    toolResults,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
