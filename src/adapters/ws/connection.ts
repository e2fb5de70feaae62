// A dashboard connection and sending to it: per-connection state (its
// subscriptions, how far behind it is), frames encoded once per format and the
// same bytes for every connection, and the buffer bound per connection
// (ws.getBufferedAmount()): over bufferedBytesMax it is closed with 4008.
import { performance } from 'node:perf_hooks';
import type { WebSocket } from 'uWebSockets.js';
import type { Topic, TopicKind } from '../../app/board/topics.ts';
import type { Clock } from '../../app/clock.port.ts';
import type { Log } from '../../app/log.port.ts';
import { encodeJsonFrame, encodeProtoFrame, type ErrorData, type Frame, type FrameFormat, type FrameType } from './frames.codec.ts';
import type { FanoutMetrics } from './ws.metrics.ts';
import { CloseCode } from './ws.options.ts';

/** Monotonic milliseconds (lag, rate windows, cache ages). */
export const mono = (): number => performance.now();

export interface Sub {
  readonly topic: Topic;
  /** In the topic index: gets deltas. */
  active: boolean;
  /** Deltas were dropped: gets a fresh snapshot once the connection drains. */
  stale: boolean;
}

export interface Conn {
  readonly id: number;
  readonly tenant: string;
  /** The API key the connection's token was issued for. */
  readonly keyId: string;
  readonly format: FrameFormat;
  readonly subs: Map<string, Sub>;
  ws: WebSocket<Conn> | null;
  /** Counted in the connection limits (opened, not closed). */
  counted: boolean;
  dropped: number;
  /** performance.now() of the first drop since the buffer last drained; 0: not lagging. */
  lagSinceMs: number;
  windowStartMs: number;
  subscribesInWindow: number;
}

/** A frame encoded at most once per format, then the same bytes for every connection. */
export class Encoded {
  private json: Buffer | null = null;
  private proto: Uint8Array | null = null;
  constructor(readonly frame: Frame, private readonly kind?: TopicKind) {}

  bytes(format: FrameFormat): Uint8Array {
    if (format === 'json') return (this.json ??= Buffer.from(encodeJsonFrame(this.frame), 'utf8'));
    return (this.proto ??= encodeProtoFrame(this.frame, this.kind));
  }
}

/** The server's running totals (FanoutStats). */
export interface FanoutCounters {
  framesSent: number;
  framesDropped: number;
  bytesSent: number;
  closedSlow: number;
  closedLimit: number;
  closedRevoked: number;
  rejected: number;
  errors: number;
}

export const zeroCounters = (): FanoutCounters => ({
  framesSent: 0, framesDropped: 0, bytesSent: 0, closedSlow: 0, closedLimit: 0, closedRevoked: 0, rejected: 0, errors: 0,
});

export interface SenderDeps {
  readonly counters: FanoutCounters;
  readonly metrics: FanoutMetrics | null;
  readonly clock: Clock;
  readonly log: Log;
}

/** Sends frames to connections within their bound; closes (4008) the ones over it. */
export class Sender {
  /** Frames sent by type (reach Prometheus at scrape time). */
  readonly framesByType: Record<FrameType, number> = { snapshot: 0, delta: 0, error: 0, pong: 0 };

  constructor(private readonly deps: SenderDeps, readonly bufferedBytesMax: number) {}

  /** An error or pong frame (not of a topic's sequence). */
  control(conn: Conn, type: FrameType, topic: string, data: ErrorData | null): void {
    this.send(conn, new Encoded({ type, topic, seq: 0, at: this.deps.clock.nowMs(), data }), type);
  }

  /** Sends unless the connection is over its bound (then closes it with 4008); true when sent. */
  send(conn: Conn, encoded: Encoded, type: FrameType): boolean {
    const ws = conn.ws;
    if (ws === null) return false;
    if (ws.getBufferedAmount() > this.bufferedBytesMax) {
      this.closeSlow(conn, `over ${this.bufferedBytesMax} buffered bytes`);
      return false;
    }
    const bytes = encoded.bytes(conn.format);
    // compress=true while permessage-deflate is disabled: nothing is compressed, but it keeps frames of
    // 16 KiB and more off uWS's "long send" shortcut, which in this uWS build (v20.30) loses the payload
    // of a frame whose header alone went to backpressure (fixed upstream in uNetworking/uWebSockets#1662):
    // the client would read a truncated frame and lose step. bench/ws-fanout counts such frames (corrupt).
    // 2: uWS dropped it (over its own maxBackpressure, twice ours): cannot happen after the check above.
    if (ws.send(bytes, conn.format === 'protobuf', true) === 2) {
      this.closeSlow(conn, 'frame dropped by the socket layer');
      return false;
    }
    this.deps.counters.framesSent++;
    this.deps.counters.bytesSent += bytes.byteLength;
    this.framesByType[type]++;
    return true;
  }

  /** Whether a delta may go now: at most half of the bound buffered (above it, deltas are dropped). */
  hasRoomForDelta(ws: WebSocket<Conn>): boolean {
    return ws.getBufferedAmount() <= this.bufferedBytesMax / 2;
  }

  /** Whether a lagging connection has drained enough for fresh snapshots: at most a quarter of the bound. */
  drained(ws: WebSocket<Conn>): boolean {
    return ws.getBufferedAmount() <= this.bufferedBytesMax / 4;
  }

  closeSlow(conn: Conn, why: string): void {
    const ws = conn.ws;
    if (ws === null) return;
    this.deps.counters.closedSlow++;
    this.deps.metrics?.closed.inc({ reason: 'slow' });
    this.deps.log.warn({ tenant: conn.tenant, conn: conn.id, dropped: conn.dropped, buffered: ws.getBufferedAmount(), why }, 'slow dashboard connection closed');
    ws.end(CloseCode.SLOW_CONSUMER, `slow consumer: ${why}; reconnect and subscribe again`);
  }
}
