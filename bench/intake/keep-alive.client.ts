import { connect, type Socket } from 'node:net';
import type { HttpAnswer } from './closed-loop.runner';

/**
 * One keep-alive HTTP/1.1 connection that sends one request at a time, written for the load
 * generator: a request is one socket write of bytes built up front, an answer is parsed just enough
 * (status line, Content-Length, body). `node:http`'s client (agent, header objects, streams) cost
 * ~0.2 ms of CPU per request here, on the same two cores as the system measured; this costs a
 * fraction of it, so that more of the machine is left to what is measured. Answers without a
 * Content-Length (chunked) are refused: intake's JSON answers always carry one.
 */
export class KeepAliveConnection {
  private socket: Socket | undefined;
  private buffered = Buffer.alloc(0);
  private pending: { resolve: (answer: HttpAnswer) => void; reject: (error: Error) => void } | undefined;

  constructor(
    private readonly url: URL,
    private readonly fixedHeaders: Record<string, string>,
  ) {}

  /** POSTs a JSON body with the fixed headers and `headers`, and resolves with the whole answer. */
  postJson(path: string, headers: Record<string, string>, body: string): Promise<HttpAnswer> {
    if (this.pending) return Promise.reject(new Error('one request at a time per connection'));
    const payload = Buffer.from(body, 'utf8');
    const head =
      `POST ${path} HTTP/1.1\r\nhost: ${this.url.host}\r\ncontent-type: application/json\r\n` +
      `content-length: ${payload.length}\r\n` +
      Object.entries({ ...this.fixedHeaders, ...headers })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('') +
      '\r\n';
    return new Promise<HttpAnswer>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.connection().write(Buffer.concat([Buffer.from(head, 'latin1'), payload]));
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private connection(): Socket {
    if (this.socket && !this.socket.destroyed) return this.socket;
    const socket = connect({ host: this.url.hostname, port: Number(this.url.port) });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    const lost = (error?: Error) => {
      if (this.socket === socket) this.socket = undefined;
      this.buffered = Buffer.alloc(0);
      this.settle(undefined, error ?? new Error('connection closed by the server'));
    };
    socket.on('error', lost);
    socket.on('close', () => lost());
    this.socket = socket;
    return socket;
  }

  private receive(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const end = this.buffered.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buffered.subarray(0, end).toString('latin1');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
    const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
    if (length === undefined) {
      this.settle(undefined, new Error(`answer without content-length: ${head.split('\r\n')[0]}`));
      this.close();
      return;
    }
    const total = end + 4 + Number(length);
    if (this.buffered.length < total) return;
    const body = this.buffered.subarray(end + 4, total).toString('utf8');
    this.buffered = this.buffered.subarray(total);
    if (/\r\nconnection: *close/i.test(head)) this.close();
    this.settle({ status, body });
  }

  private settle(answer: HttpAnswer | undefined, error?: Error): void {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    if (answer) pending.resolve(answer);
    else pending.reject(error ?? new Error('no answer'));
  }
}
