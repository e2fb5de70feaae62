// A minimal HTTP/1.1 client connection for closed-loop load: one keep-alive
// TCP socket with up to `depth` pipelined requests in flight; every answer
// frees a slot that is refilled at once, in one write per batch of answers.
//
// Why not undici: on the 2-core benchmark machine undici spent 65–190 µs of
// generator CPU per request (Pool.request and Client.dispatch alike) against
// ~14 µs for this client, and the generator shares the CPUs with the server
// under test (measured against a bare node:http server; see bench/README.md).
//
// It understands exactly what it needs: status line, Content-Length or
// chunked bodies, `Connection: close`. Requests are complete HTTP/1.1 texts
// built by the caller (see requestText).

import { createConnection, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface ConnectionHandlers {
  /** The next request, as full HTTP/1.1 text (requestText); null when there is nothing to send now (see kick()). */
  nextRequest(): string | null;
  /** False once the run stops issuing new requests. */
  shouldContinue(): boolean;
  /** An answer arrived; `body` is only passed for statuses other than `fullBodyUnless`. */
  onAnswer(sentMs: number, doneMs: number, status: number, body: string): void;
  /** A request failed without an answer (connection refused, reset, closed). */
  onFailure(sentMs: number, doneMs: number, kind: string): void;
}

export interface ConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly depth: number;
  /** Answers with this status skip body extraction (the common case costs nothing extra). */
  readonly fullBodyUnless: number;
  readonly reconnectDelayMs: number;
}

/** Full HTTP/1.1 request text; the body must be ASCII-safe JSON or any UTF-8 (length is counted in bytes). */
export function requestText(method: string, path: string, host: string, headers: string, body: string): string {
  return `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

const sentCompactAt = 4_096;

export class ClosedLoopConnection {
  private socket: Socket | null = null;
  /** Send times of in-flight requests, oldest first, from `head`. */
  private sent: number[] = [];
  private head = 0;
  private buffer = '';
  private closing = false;
  private destroyed = false;
  private lastErrorCode: string | null = null;
  private connected = false;
  private connectStartedMs = 0;
  private finished = false;
  private resolveDone: () => void = () => {};
  readonly done: Promise<void>;

  constructor(
    private readonly opts: ConnectionOptions,
    private readonly handlers: ConnectionHandlers,
  ) {
    if (!Number.isSafeInteger(opts.depth) || opts.depth < 1) throw new RangeError(`depth must be ≥ 1, got ${opts.depth}`);
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
  }

  get inFlight(): number {
    return this.sent.length - this.head;
  }

  start(): void {
    this.connect();
  }

  /** Drops the socket; returns how many requests were still in flight (abandoned, not reported). */
  destroy(): number {
    const abandoned = this.inFlight;
    this.destroyed = true;
    this.sent = [];
    this.head = 0;
    this.socket?.destroy();
    this.finish();
    return abandoned;
  }

  /** Work became available (or the run stopped): refill the free slots now instead of at the next answer. */
  kick(): void {
    if (this.connected && this.socket !== null && !this.finished) this.fill();
  }

  private connect(): void {
    const socket = createConnection({ host: this.opts.host, port: this.opts.port, noDelay: true, keepAlive: true });
    socket.setEncoding('latin1');
    this.connected = false;
    this.connectStartedMs = performance.now();
    socket.on('connect', () => {
      this.connected = true;
      this.fill();
    });
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      this.lastErrorCode = err.code ?? err.name;
    });
    socket.on('close', () => this.onClose(socket));
    this.socket = socket;
    this.closing = false;
    this.buffer = '';
  }

  private fill(): void {
    const socket = this.socket;
    if (socket === null || this.closing || this.destroyed) return;
    if (!this.handlers.shouldContinue()) {
      if (this.inFlight === 0) {
        socket.end();
        this.finish();
      }
      return;
    }
    let text = '';
    const now = performance.now();
    while (this.inFlight < this.opts.depth) {
      const request = this.handlers.nextRequest();
      if (request === null) break;
      text += request;
      this.sent.push(now);
    }
    if (text !== '') socket.write(text);
  }

  private onData(chunk: string): void {
    this.buffer = this.buffer === '' ? chunk : this.buffer + chunk;
    let pos = 0;
    for (;;) {
      const answer = parseAnswer(this.buffer, pos, this.opts.fullBodyUnless);
      if (answer === null) break;
      if (answer === 'malformed') {
        this.lastErrorCode = 'MALFORMED_RESPONSE';
        this.socket?.destroy();
        return;
      }
      pos = answer.end;
      const sentMs = this.sent[this.head++];
      if (sentMs === undefined) {
        this.lastErrorCode = 'UNSOLICITED_RESPONSE';
        this.socket?.destroy();
        return;
      }
      this.handlers.onAnswer(sentMs, performance.now(), answer.status, answer.body);
      if (answer.close) this.closing = true;
    }
    if (pos > 0) this.buffer = this.buffer.slice(pos);
    if (this.head >= sentCompactAt) {
      this.sent = this.sent.slice(this.head);
      this.head = 0;
    }
    this.fill();
  }

  private onClose(socket: Socket): void {
    if (socket !== this.socket) return;
    this.socket = null;
    const now = performance.now();
    const kind = `net ${this.lastErrorCode ?? 'CLOSED'}`;
    for (let i = this.head; i < this.sent.length; i++) this.handlers.onFailure(this.sent[i] as number, now, kind);
    // A connection that never opened had nothing in flight: report the attempt itself.
    if (!this.connected && !this.destroyed) this.handlers.onFailure(this.connectStartedMs, now, kind);
    this.sent = [];
    this.head = 0;
    this.lastErrorCode = null;
    if (this.destroyed || !this.handlers.shouldContinue()) {
      this.finish();
      return;
    }
    setTimeout(() => {
      if (!this.destroyed) this.connect();
    }, this.opts.reconnectDelayMs);
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.resolveDone();
  }
}

interface Answer {
  readonly status: number;
  readonly body: string;
  /** Offset just past this answer. */
  readonly end: number;
  readonly close: boolean;
}

const headerLinesBytesMax = 64 * 1024;

/**
 * One complete answer starting at `pos` in a latin1 buffer, null if it is not
 * complete yet, 'malformed' if it cannot be an HTTP/1.1 answer.
 */
export function parseAnswer(buf: string, pos: number, fullBodyUnless: number): Answer | null | 'malformed' {
  const headEnd = buf.indexOf('\r\n\r\n', pos);
  if (headEnd < 0) return buf.length - pos > headerLinesBytesMax ? 'malformed' : null;
  if (!buf.startsWith('HTTP/1.', pos)) return 'malformed';
  const status = Number(buf.slice(pos + 9, pos + 12));
  if (!Number.isInteger(status) || status < 100) return 'malformed';
  const head = buf.slice(pos, headEnd + 2).toLowerCase();
  const close = head.includes('\r\nconnection: close\r\n');
  const bodyStart = headEnd + 4;
  if (status < 200 || status === 204 || status === 304) return { status, body: '', end: bodyStart, close };
  const lengthAt = head.indexOf('\r\ncontent-length:');
  if (lengthAt >= 0) {
    const length = Number.parseInt(head.slice(lengthAt + 17, head.indexOf('\r\n', lengthAt + 2)).trim(), 10);
    if (!Number.isSafeInteger(length) || length < 0) return 'malformed';
    const end = bodyStart + length;
    if (buf.length < end) return null;
    return { status, body: status === fullBodyUnless ? '' : utf8(buf.slice(bodyStart, end)), end, close };
  }
  if (head.includes('\r\ntransfer-encoding: chunked\r\n')) return parseChunked(buf, bodyStart, status, close, fullBodyUnless);
  // No length: the body runs to the end of the connection. Not used by Fastify; treat as closing.
  return { status, body: '', end: buf.length, close: true };
}

function parseChunked(buf: string, bodyStart: number, status: number, close: boolean, fullBodyUnless: number): Answer | null | 'malformed' {
  let at = bodyStart;
  let body = '';
  for (;;) {
    const lineEnd = buf.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = Number.parseInt(buf.slice(at, lineEnd).split(';')[0] ?? '', 16);
    if (!Number.isSafeInteger(size) || size < 0) return 'malformed';
    if (size === 0) {
      // No trailers expected; tolerate them by looking for the blank line.
      const end = buf.startsWith('\r\n', lineEnd + 2) ? lineEnd + 4 : buf.indexOf('\r\n\r\n', lineEnd + 2) + 4;
      if (end < 4 || buf.length < end) return null;
      return { status, body: status === fullBodyUnless ? '' : utf8(body), end, close };
    }
    const dataEnd = lineEnd + 2 + size;
    if (buf.length < dataEnd + 2) return null;
    if (status !== fullBodyUnless) body += buf.slice(lineEnd + 2, dataEnd);
    at = dataEnd + 2;
  }
}

const utf8 = (latin1: string): string => Buffer.from(latin1, 'latin1').toString('utf8');
