// Subscriptions: which connections follow which (tenant, topic) — the topic
// index — and keeping each one current. On subscribe a snapshot with the
// topic's sequence, then deltas seq + 1, + 2, ... Deltas come from
// Board.flush(), run at most once per coalescing window (leading edge: a
// change after a quiet window goes out at once); each delta is encoded once
// and the same bytes go to every subscriber.
//
// Backpressure: above half of bufferedBytesMax a connection's deltas are
// dropped (counted) and the subscription is marked stale; once its buffer is
// below a quarter it gets a fresh snapshot. Stale for longer than
// laggingMsMax: closed with 4008.
import type { WebSocket } from 'uWebSockets.js';
import type { Board } from '../../app/board/board.ts';
import { noNames, type Names } from '../../app/board/names.ts';
import { needsNames, type Topic } from '../../app/board/topics.ts';
import type { Clock } from '../../app/clock.port.ts';
import { Encoded, mono, type Conn, type FanoutCounters, type Sender, type Sub } from './connection.ts';
import type { Snapshots } from './snapshots.ts';
import type { FanoutOptions } from './ws.options.ts';

export interface SubscriptionsDeps {
  readonly board: Board;
  readonly sender: Sender;
  readonly snapshots: Snapshots;
  readonly counters: FanoutCounters;
  readonly clock: Clock;
  /** An unexpected error (logged and counted by the server). */
  readonly unexpected: (where: string, err: unknown, conn?: Conn) => void;
}

export type SubscriptionOptions = Pick<FanoutOptions,
  'coalesceMs' | 'bufferedBytesMax' | 'laggingMsMax' | 'subscriptionsPerConnectionMax' | 'subscribesPerSecondMax'>;

export class Subscriptions {
  /** tenant → topic name → subscribed connections getting deltas. */
  private readonly topics = new Map<string, Map<string, Set<Conn>>>();
  /** Connections with stale subscriptions, waiting to drain. */
  private readonly stale = new Set<Conn>();
  private flushTimer: NodeJS.Timeout | null = null;
  private lastFlushMs = -Infinity;
  private stopped = false;

  constructor(private readonly deps: SubscriptionsDeps, private readonly opts: SubscriptionOptions) {}

  /** (Re)subscribes: a fresh snapshot every time, so subscribing again is how a client resyncs. */
  async subscribe(conn: Conn, topic: Topic): Promise<void> {
    const sender = this.deps.sender;
    const now = mono();
    if (now - conn.windowStartMs >= 1_000) {
      conn.windowStartMs = now;
      conn.subscribesInWindow = 0;
    }
    if (++conn.subscribesInWindow > this.opts.subscribesPerSecondMax) {
      return sender.control(conn, 'error', topic.name, { code: 'RATE_LIMITED', detail: `at most ${this.opts.subscribesPerSecondMax} subscribe messages per second` });
    }
    const old = conn.subs.get(topic.name);
    if (old === undefined && conn.subs.size >= this.opts.subscriptionsPerConnectionMax) {
      return sender.control(conn, 'error', topic.name, { code: 'TOO_MANY_SUBSCRIPTIONS', detail: `at most ${this.opts.subscriptionsPerConnectionMax} topics per connection` });
    }
    if (old !== undefined) this.unindex(conn, old);
    const sub: Sub = { topic, active: false, stale: false };
    conn.subs.set(topic.name, sub);
    const names = needsNames(topic.kind) ? await this.deps.snapshots.namesOf(conn.tenant) : noNames;
    // Closed, unsubscribed or subscribed again while the names loaded: that one wins.
    if (conn.ws === null || conn.subs.get(topic.name) !== sub) return;
    this.sendSnapshot(conn, sub, names);
  }

  unsubscribe(conn: Conn, name: string): void {
    const sub = conn.subs.get(name);
    if (sub === undefined) return;
    conn.subs.delete(name);
    this.unindex(conn, sub);
  }

  /** A closed connection: out of the index and the stale set. */
  drop(conn: Conn): void {
    this.stale.delete(conn);
    for (const sub of conn.subs.values()) this.unindex(conn, sub);
    conn.subs.clear();
  }

  /** The board has changes: a flush within the coalescing window. */
  schedule(): void {
    if (this.flushTimer !== null || this.stopped) return;
    const delayMs = Math.max(0, this.lastFlushMs + this.opts.coalesceMs - mono());
    this.flushTimer = setTimeout(() => this.flush(), delayMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  /** uWS drain: a lagging connection that has drained gets its snapshots now. */
  onDrain(ws: WebSocket<Conn>): void {
    const conn = ws.getUserData();
    if (this.stale.has(conn) && this.deps.sender.drained(ws)) this.resync(conn);
  }

  // ---- snapshots and deltas --------------------------------------------------------------------

  /** Sends the topic's snapshot and from then on its deltas. */
  private sendSnapshot(conn: Conn, sub: Sub, names: Names): void {
    const encoded = this.deps.snapshots.of(conn.tenant, sub.topic, names);
    if (!this.deps.sender.send(conn, encoded, 'snapshot')) return;
    sub.stale = false;
    if (!sub.active) {
      sub.active = true;
      this.indexOf(conn.tenant, sub.topic.name).add(conn);
    }
  }

  private flush(): void {
    this.flushTimer = null;
    this.lastFlushMs = mono();
    const deltas = this.deps.board.flush();
    const at = this.deps.clock.nowMs();
    for (const d of deltas) {
      const subscribers = this.topics.get(d.tenant)?.get(d.topic);
      if (subscribers === undefined || subscribers.size === 0) continue;
      const encoded = new Encoded({ type: 'delta', topic: d.topic, seq: d.seq, at, data: d.data }, d.kind);
      for (const conn of subscribers) this.sendDelta(conn, d.topic, encoded);
    }
    for (const conn of this.stale) this.resync(conn);
  }

  private sendDelta(conn: Conn, topic: string, encoded: Encoded): void {
    const sub = conn.subs.get(topic);
    if (sub === undefined || conn.ws === null) return;
    if (!sub.stale && this.deps.sender.hasRoomForDelta(conn.ws)) {
      this.deps.sender.send(conn, encoded, 'delta');
      return;
    }
    // Behind: this delta is lost for the connection; the subscription gets a snapshot once drained.
    conn.dropped++;
    this.deps.counters.framesDropped++;
    sub.stale = true;
    if (conn.lagSinceMs === 0) conn.lagSinceMs = mono();
    this.stale.add(conn);
  }

  /** A lagging connection: snapshots for its stale topics once drained, closed when lagging too long. */
  private resync(conn: Conn): void {
    const ws = conn.ws;
    if (ws === null) {
      this.stale.delete(conn);
      return;
    }
    if (!this.deps.sender.drained(ws)) {
      if (mono() - conn.lagSinceMs > this.opts.laggingMsMax) this.deps.sender.closeSlow(conn, `frames dropped for over ${this.opts.laggingMsMax} ms`);
      return;
    }
    this.stale.delete(conn);
    conn.lagSinceMs = 0;
    for (const sub of conn.subs.values()) {
      if (!sub.stale) continue;
      this.deps.snapshots.lastNames(conn.tenant).then((n) => {
        if (conn.ws !== null && conn.subs.get(sub.topic.name) === sub && sub.stale) this.sendSnapshot(conn, sub, needsNames(sub.topic.kind) ? n : noNames);
      }).catch((err: unknown) => this.deps.unexpected('resync', err, conn));
    }
  }

  // ---- topic index -----------------------------------------------------------------------------

  private indexOf(tenant: string, topic: string): Set<Conn> {
    let byTopic = this.topics.get(tenant);
    if (byTopic === undefined) this.topics.set(tenant, (byTopic = new Map()));
    let set = byTopic.get(topic);
    if (set === undefined) byTopic.set(topic, (set = new Set()));
    return set;
  }

  private unindex(conn: Conn, sub: Sub): void {
    if (!sub.active) return;
    sub.active = false;
    const byTopic = this.topics.get(conn.tenant);
    const set = byTopic?.get(sub.topic.name);
    if (set === undefined) return;
    set.delete(conn);
    if (set.size === 0) byTopic!.delete(sub.topic.name);
    if (byTopic!.size === 0) this.topics.delete(conn.tenant);
  }
}
