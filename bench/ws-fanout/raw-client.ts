// A minimal WebSocket client on node:net, for the fanout benchmark and the
// slow-consumer test: thousands of them cost little (no per-message objects
// unless asked), and the socket can be paused to play a client that stops
// reading. Server frames are never masked or fragmented by the fanout server;
// fragments are still reassembled. Client frames are masked (RFC 6455).
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export const Opcode = { CONTINUATION: 0, TEXT: 1, BINARY: 2, CLOSE: 8, PING: 9, PONG: 10 } as const;

export interface RawFrame {
  readonly opcode: number;
  readonly payload: Buffer;
}

export interface RawClientOptions {
  readonly host: string;
  readonly port: number;
  /** Path with query, e.g. /v1/dashboard/ws?token=... */
  readonly path: string;
  readonly handshakeTimeoutMs?: number;
  /** Called for every data frame (text/binary) and close frame. */
  readonly onFrame?: (frame: RawFrame) => void;
  readonly onClose?: (code: number | null, reason: string) => void;
}

/** Thrown when the server answers the upgrade with a status other than 101. */
export class UpgradeRefused extends Error {
  constructor(readonly status: number, readonly body: string) {
    super(`upgrade refused with HTTP ${status}: ${body.slice(0, 200)}`);
  }
}

export class RawWsClient {
  private buf: Buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private fragmentOpcode = 0;
  private closed = false;
  closeCode: number | null = null;
  closeReason = '';

  private constructor(private readonly socket: Socket, private readonly opts: RawClientOptions) {}

  static connect(opts: RawClientOptions): Promise<RawWsClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: opts.host, port: opts.port });
      socket.setNoDelay(true);
      const key = randomBytes(16).toString('base64');
      let head = Buffer.alloc(0);
      const timer = setTimeout(() => fail(new Error('handshake timeout')), opts.handshakeTimeoutMs ?? 10_000);
      const fail = (err: Error): void => {
        clearTimeout(timer);
        socket.removeAllListeners();
        socket.destroy();
        reject(err);
      };
      socket.once('error', fail);
      socket.on('data', function onData(chunk: Buffer) {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        const text = head.subarray(0, end).toString('latin1');
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
        if (status !== 101) {
          setTimeout(() => fail(new UpgradeRefused(status, head.subarray(end + 4).toString('utf8'))), 20);
          socket.on('data', (more: Buffer) => { head = Buffer.concat([head, more]); });
          return;
        }
        clearTimeout(timer);
        socket.off('error', fail);
        const client = new RawWsClient(socket, opts);
        client.attach(head.subarray(end + 4));
        resolve(client);
      });
      socket.once('connect', () => {
        socket.write(`GET ${opts.path} HTTP/1.1\r\nHost: ${opts.host}:${opts.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n`
          + `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
      });
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  sendText(text: string): void {
    this.write(Opcode.TEXT, Buffer.from(text, 'utf8'));
  }

  /** Stops reading from the socket: the kernel buffers fill, then the server's. */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  /** Sends a close frame and ends the socket. */
  close(code = 1000): void {
    if (this.closed) return;
    const p = Buffer.alloc(2);
    p.writeUInt16BE(code);
    try {
      this.write(Opcode.CLOSE, p);
    } catch {
      // socket already gone
    }
    this.socket.end();
    this.finish(code, 'client closed');
  }

  destroy(): void {
    this.socket.destroy();
    this.finish(null, 'destroyed');
  }

  private attach(rest: Buffer): void {
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('close', () => this.finish(this.closeCode, this.closeReason || 'socket closed'));
    this.socket.on('error', () => undefined);
    if (rest.length > 0) this.onData(rest);
  }

  private finish(code: number | null, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.opts.onClose?.(code, reason);
  }

  private write(opcode: number, payload: Buffer): void {
    const mask = randomBytes(4);
    const len = payload.length;
    const header = len < 126 ? Buffer.alloc(6) : len < 65_536 ? Buffer.alloc(8) : Buffer.alloc(14);
    header[0] = 0x80 | opcode;
    if (len < 126) {
      header[1] = 0x80 | len;
    } else if (len < 65_536) {
      header[1] = 0x80 | 126;
      header.writeUInt16BE(len, 2);
    } else {
      header[1] = 0x80 | 127;
      header.writeBigUInt64BE(BigInt(len), 2);
    }
    mask.copy(header, header.length - 4);
    const masked = Buffer.allocUnsafe(len);
    for (let i = 0; i < len; i++) masked[i] = payload[i]! ^ mask[i & 3]!;
    this.socket.write(Buffer.concat([header, masked]));
  }

  private onData(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    let off = 0;
    for (;;) {
      const frame = parseFrame(this.buf, off);
      if (frame === null) break;
      off = frame.next;
      this.onFrame(frame.fin, frame.opcode, frame.payload);
    }
    this.buf = off === 0 ? this.buf : this.buf.subarray(off);
  }

  private onFrame(fin: boolean, opcode: number, payload: Buffer): void {
    if (opcode === Opcode.PING) {
      this.write(Opcode.PONG, payload);
      return;
    }
    if (opcode === Opcode.PONG) return;
    if (opcode === Opcode.CLOSE) {
      this.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : null;
      this.closeReason = payload.subarray(2).toString('utf8');
      this.opts.onFrame?.({ opcode, payload });
      this.close(this.closeCode ?? 1000);
      return;
    }
    if (opcode === Opcode.CONTINUATION || !fin) {
      if (opcode !== Opcode.CONTINUATION) this.fragmentOpcode = opcode;
      this.fragments.push(payload);
      if (!fin) return;
      payload = Buffer.concat(this.fragments);
      opcode = this.fragmentOpcode;
      this.fragments = [];
    }
    this.opts.onFrame?.({ opcode, payload });
  }
}

/** One unmasked server frame at `off`, or null when the buffer does not hold all of it yet. */
function parseFrame(buf: Buffer, off: number): { fin: boolean; opcode: number; payload: Buffer; next: number } | null {
  if (buf.length - off < 2) return null;
  const b0 = buf[off]!;
  const b1 = buf[off + 1]!;
  let len = b1 & 0x7f;
  let pos = off + 2;
  if (len === 126) {
    if (buf.length - off < 4) return null;
    len = buf.readUInt16BE(off + 2);
    pos = off + 4;
  } else if (len === 127) {
    if (buf.length - off < 10) return null;
    len = Number(buf.readBigUInt64BE(off + 2));
    pos = off + 10;
  }
  if (b1 & 0x80) pos += 4; // a masked server frame would be a protocol error; skip the key
  if (buf.length < pos + len) return null;
  return { fin: (b0 & 0x80) !== 0, opcode: b0 & 0x0f, payload: buf.subarray(pos, pos + len), next: pos + len };
}
