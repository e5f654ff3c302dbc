import type { ServerResponse } from 'node:http';

/** The open server-sent event streams, each a response kept open. */
export class EventStreams {
  private readonly clients = new Set<ServerResponse>();
  private nextId = 1;
  private readonly timer: NodeJS.Timeout;

  /** Sends a `: heartbeat` comment to every stream every `heartbeatMs`, so proxies and browsers keep them open. */
  constructor(heartbeatMs: number) {
    this.timer = setInterval(() => this.comment('heartbeat'), heartbeatMs);
    this.timer.unref();
  }

  /** How many streams are open. */
  get size(): number {
    return this.clients.size;
  }

  /** Opens a stream on `response` and sends it `initial` as its first event (`event: state`). */
  open(response: ServerResponse, initial: unknown): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.write('retry: 2000\n\n');
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
    response.write(this.frame('state', initial));
  }

  /** Sends one event to every open stream. */
  send(event: string, data: unknown): void {
    const text = this.frame(event, data);
    for (const client of this.clients) client.write(text);
  }

  /** Sends a comment line (ignored by EventSource) to every open stream. */
  comment(text: string): void {
    for (const client of this.clients) client.write(`: ${text}\n\n`);
  }

  /** Ends every stream and stops the heartbeat. */
  close(): void {
    clearInterval(this.timer);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private frame(event: string, data: unknown): string {
    return `id: ${this.nextId++}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  }
}
