// The dashboard fanout server (ws role): uWebSockets.js serving the board to
// dashboards. Protocol, frames and close codes: docs/dashboard-protocol.md.
//
// - Upgrade `GET /v1/dashboard/ws?token=<read key | dashboard token>[&format=protobuf]`:
//   authenticated before the upgrade (401/403 otherwise); the tenant comes from
//   the credential, so a connection only ever sees its own tenant.
// - Control messages (JSON): {op: 'subscribe' | 'unsubscribe', topic} and {op: 'ping'}.
// - On subscribe a snapshot with the topic's sequence, then deltas seq + 1, + 2, ...
//   Deltas come from Board.flush(), run at most once per coalescing window
//   (leading edge: a change after a quiet window goes out at once); each delta
//   is encoded once and the same bytes go to every subscriber.
// - Backpressure per connection (ws.getBufferedAmount()): above half of
//   bufferedBytesMax deltas are dropped (counted) and the subscription is
//   marked stale; once the buffer is below a quarter it gets a fresh snapshot.
//   Over bufferedBytesMax, or stale for longer than laggingMsMax, the
//   connection is closed with 4008.
// - Heartbeats: uWS pings idle connections and closes those that stay silent
//   for idleTimeoutSeconds.
import { performance } from 'node:perf_hooks';
import uWS, { type HttpRequest, type HttpResponse, type TemplatedApp, type WebSocket, type us_listen_socket, type us_socket_context_t } from 'uWebSockets.js';
import { Counter, Gauge, type Registry } from 'prom-client';
import { Board, parseTopic, type BoardOptions, type BundleView, type Named, type StockData, type Topic, type TopicData, type TopicKind } from '../app/board.ts';
import type { AuthService } from '../app/auth.service.ts';
import type { Clock } from '../app/catalog.port.ts';
import { expandLines } from '../core/bundle.rules.ts';
import { isBundle, type Catalog } from '../core/catalog.types.ts';
import { isDashboardToken, type DashboardTokens } from '../app/dashboard.token.ts';
import { encodeJsonFrame, encodeProtoFrame, type ErrorData, type Frame, type FrameFormat, type FrameType } from '../adapters/ws/frames.codec.ts';
import type { Nats } from '../adapters/nats/connection.ts';
import type { RedisPool } from '../adapters/redis/connection.ts';
import type { Sql } from '../adapters/postgres/sql.ts';
import { Aggregator, type AggregatorLog, type AggregatorOptions, type AggregatorStart } from './aggregator.role.ts';

/** WebSocket close codes the server sends (docs/dashboard-protocol.md). */
export const CloseCode = Object.freeze({
  /** Server shutting down: reconnect (another instance, or this one when back). */
  GOING_AWAY: 1001,
  /** A control message above messageBytesMax (sent by uWS itself). */
  MESSAGE_TOO_BIG: 1009,
  /** The client did not keep up: buffered bytes over the bound, or frames dropped for too long. Reconnect and resubscribe. */
  SLOW_CONSUMER: 4008,
  /** The tenant has connectionsPerTenantMax dashboards open. */
  TENANT_LIMIT: 4029,
  /** The server has connectionsMax connections. Retry later (or another instance). */
  SERVER_FULL: 4503,
});

export const dashboardPath = '/v1/dashboard/ws';

export interface FanoutOptions {
  readonly host: string;
  /** 0: any free port (see listen()). */
  readonly port: number;
  readonly connectionsMax: number;
  readonly connectionsPerTenantMax: number;
  /** At most one delta per topic per window; 0: flush on the next turn of the event loop. */
  readonly coalesceMs: number;
  /**
   * Per connection: deltas are dropped above half of it, the connection closed above it. The memory
   * the server may hold for slow clients is at most about connectionsMax × this (plus one snapshot each).
   */
  readonly bufferedBytesMax: number;
  /** How long a connection may keep dropping frames before it is closed (4008). */
  readonly laggingMsMax: number;
  /** uWS idle timeout (pings are sent before it): 8..960 s, 4 s resolution. */
  readonly idleTimeoutSeconds: number;
  readonly subscriptionsPerConnectionMax: number;
  /** Largest control message accepted (larger: uWS closes with 1009). */
  readonly messageBytesMax: number;
  /** Subscribe messages per connection per second (each costs a snapshot). */
  readonly subscribesPerSecondMax: number;
  /** Longest SKU id in a `stock.sku.<sku>` topic. */
  readonly skuLengthMax: number;
  /** How long catalog names are reused for snapshots. */
  readonly namesTtlMs: number;
}

export const fanoutDefaults: Omit<FanoutOptions, 'host' | 'port'> = Object.freeze({
  connectionsMax: 10_000,
  connectionsPerTenantMax: 1_000,
  coalesceMs: 100,
  bufferedBytesMax: 256 * 1024,
  laggingMsMax: 5_000,
  idleTimeoutSeconds: 32,
  subscriptionsPerConnectionMax: 64,
  messageBytesMax: 4_096,
  subscribesPerSecondMax: 20,
  skuLengthMax: 64,
  namesTtlMs: 5_000,
});

export interface FanoutLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface FanoutDeps {
  readonly board: Board;
  /** Read keys (`?token=pk_...`). */
  readonly auth: Pick<AuthService, 'authenticate'>;
  /** Dashboard tokens (`?token=pdt1...`). */
  readonly tokens: DashboardTokens;
  /** Warehouse and SKU names and the bundles for stock snapshots; null: ids only. */
  readonly catalog: { fresh(tenant: string): Promise<Catalog | null> } | null;
  readonly clock: Clock;
  readonly log: FanoutLog;
  /** Where to register pallet_ws_* metrics; also served at GET /metrics on the ws port. */
  readonly registry?: Registry;
}

export interface FanoutStats {
  readonly connections: number;
  readonly byTenant: Readonly<Record<string, number>>;
  readonly framesSent: number;
  readonly framesDropped: number;
  readonly bytesSent: number;
  readonly closedSlow: number;
  readonly closedLimit: number;
  readonly rejected: number;
}

interface Sub {
  readonly topic: Topic;
  active: boolean;
  stale: boolean;
}

interface Conn {
  readonly id: number;
  readonly tenant: string;
  readonly format: FrameFormat;
  readonly subs: Map<string, Sub>;
  ws: WebSocket<Conn> | null;
  counted: boolean;
  dropped: number;
  /** performance.now() of the first drop since the buffer last drained; 0: not lagging. */
  lagSinceMs: number;
  windowStartMs: number;
  subscribesInWindow: number;
}

/** What stock snapshots take from the catalog. */
interface Names { readonly warehouses: readonly Named[]; readonly skus: readonly Named[]; readonly bundles: readonly BundleView[] }
const noNames: Names = Object.freeze({ warehouses: [], skus: [], bundles: [] });
/** The largest PALLET_BUNDLE_DEPTH_MAX: the catalog was checked against the configured depth when written. */
const bundleDepthMax = 10;

/** A frame encoded at most once per format, then the same bytes for every connection. */
class Encoded {
  private json: Buffer | null = null;
  private proto: Uint8Array | null = null;
  constructor(readonly frame: Frame, private readonly kind?: TopicKind) {}

  bytes(format: FrameFormat): Uint8Array {
    if (format === 'json') return (this.json ??= Buffer.from(encodeJsonFrame(this.frame), 'utf8'));
    return (this.proto ??= encodeProtoFrame(this.frame, this.kind));
  }
}

type AuthOutcome = { ok: true; tenant: string } | { ok: false; status: 401 | 403; code: string; detail: string };

const snapshotCacheMax = 1_000;
const snapshotCacheTtlMs = 10_000;
const mono = (): number => performance.now();

export class Fanout {
  private readonly opts: FanoutOptions;
  private readonly app: TemplatedApp;
  private readonly topics = new Map<string, Map<string, Set<Conn>>>();
  private readonly perTenant = new Map<string, number>();
  private readonly stale = new Set<Conn>();
  private readonly conns = new Set<Conn>();
  private readonly names = new Map<string, { at: number; names: Promise<Names> }>();
  private readonly snapshots = new Map<string, { seq: number; at: number; encoded: Encoded }>();
  private readonly metrics: FanoutMetrics | null;
  private listenSocket: us_listen_socket | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private lastFlushMs = -Infinity;
  private nextId = 1;
  private closing = false;
  private counters = { framesSent: 0, framesDropped: 0, bytesSent: 0, closedSlow: 0, closedLimit: 0, rejected: 0 };
  /** Frames sent by type; the hot-path counters reach Prometheus at scrape time (collect), not per frame. */
  private readonly framesByType: Record<FrameType, number> = { snapshot: 0, delta: 0, error: 0, pong: 0 };

  constructor(private readonly deps: FanoutDeps, opts: Pick<FanoutOptions, 'host' | 'port'> & Partial<FanoutOptions>) {
    this.opts = { ...fanoutDefaults, ...opts };
    assertOptions(this.opts);
    this.metrics = deps.registry === undefined ? null : fanoutMetrics(deps.registry, () => ({
      connections: this.conns.size, frames: this.framesByType, bytes: this.counters.bytesSent, dropped: this.counters.framesDropped,
    }));
    this.app = uWS.App();
    this.app.ws<Conn>(dashboardPath, {
      maxPayloadLength: this.opts.messageBytesMax,
      idleTimeout: this.opts.idleTimeoutSeconds,
      sendPingsAutomatically: true,
      maxBackpressure: this.opts.bufferedBytesMax * 2,
      closeOnBackpressureLimit: 0,
      // Keep DISABLED: send() passes compress=true as a workaround (see there); with compression on, each frame
      // would be deflated once per connection.
      compression: uWS.DISABLED,
      upgrade: (res, req, context) => this.onUpgrade(res, req, context),
      open: (ws) => this.onOpen(ws),
      message: (ws, message) => this.onMessage(ws, message),
      drain: (ws) => this.onDrain(ws),
      close: (ws, code) => this.onClose(ws, code),
    });
    this.app.get('/healthz', (res) => void res.writeStatus('200 OK').writeHeader('content-type', 'text/plain').end('ok'));
    this.app.get('/metrics', (res) => this.onMetrics(res));
    this.app.any('/*', (res) => void res.writeStatus('404 Not Found').writeHeader('content-type', 'text/plain').end('not found'));
    deps.board.onPending(() => this.schedule());
  }

  /** Starts listening; resolves with the port (the one chosen when options.port is 0). */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.app.listen(this.opts.host, this.opts.port, (socket) => {
        if (socket === false) {
          reject(new Error(`ws: cannot listen on ${this.opts.host}:${this.opts.port}`));
          return;
        }
        this.listenSocket = socket;
        const port = uWS.us_socket_local_port(socket as never);
        this.deps.log.info({ host: this.opts.host, port, path: dashboardPath }, 'dashboard fanout listening');
        resolve(port);
      });
    });
  }

  /** Stops accepting, closes every connection with 1001, stops flushing. */
  async close(): Promise<void> {
    this.closing = true;
    this.deps.board.onPending(null);
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.listenSocket !== null) uWS.us_listen_socket_close(this.listenSocket);
    this.listenSocket = null;
    for (const conn of [...this.conns]) conn.ws?.end(CloseCode.GOING_AWAY, 'server shutting down');
    // Let uWS flush the close frames before the caller tears the process down.
    await new Promise((r) => setTimeout(r, 20));
  }

  stats(): FanoutStats {
    return { connections: this.conns.size, byTenant: Object.fromEntries(this.perTenant), ...this.counters };
  }

  // ---- upgrade and authentication --------------------------------------------------------------

  private onUpgrade(res: HttpResponse, req: HttpRequest, context: us_socket_context_t): void {
    const key = req.getHeader('sec-websocket-key');
    const protocol = req.getHeader('sec-websocket-protocol').split(',')[0]!.trim();
    const extensions = req.getHeader('sec-websocket-extensions');
    const token = req.getQuery('token') ?? '';
    const format = req.getQuery('format') || 'json';
    if (this.closing) return this.reject(res, 503, 'UNAVAILABLE', 'server shutting down');
    if (format !== 'json' && format !== 'protobuf') return this.reject(res, 400, 'VALIDATION_FAILED', 'format must be json or protobuf');
    let aborted = false;
    res.onAborted(() => { aborted = true; });
    this.authorize(token).then((outcome) => {
      if (aborted) return;
      res.cork(() => {
        if (!outcome.ok) return this.reject(res, outcome.status, outcome.code, outcome.detail);
        const conn: Conn = {
          id: this.nextId++, tenant: outcome.tenant, format, subs: new Map(), ws: null, counted: false, dropped: 0,
          lagSinceMs: 0, windowStartMs: 0, subscribesInWindow: 0,
        };
        res.upgrade<Conn>(conn, key, protocol, extensions, context);
      });
    }, (err: unknown) => {
      this.deps.log.error({ err: err instanceof Error ? err.message : String(err) }, 'ws authentication failed');
      if (!aborted) res.cork(() => this.reject(res, 503, 'UNAVAILABLE', 'authentication unavailable; retry'));
    });
  }

  private async authorize(token: string): Promise<AuthOutcome> {
    if (token === '') return { ok: false, status: 401, code: 'UNAUTHENTICATED', detail: 'missing ?token= (a read key or a dashboard token)' };
    if (isDashboardToken(token)) {
      const check = this.deps.tokens.verify(token);
      if (check.ok) return { ok: true, tenant: check.claims.tenant };
      const detail = check.reason === 'expired' ? 'the dashboard token has expired; get a new one' : 'invalid dashboard token';
      return { ok: false, status: 401, code: 'UNAUTHENTICATED', detail };
    }
    const principal = await this.deps.auth.authenticate(`Bearer ${token}`);
    if (principal === null) return { ok: false, status: 401, code: 'UNAUTHENTICATED', detail: 'unknown key' };
    if (principal.kind !== 'tenant' || !principal.scopes.has('read')) {
      return { ok: false, status: 403, code: 'FORBIDDEN', detail: 'a dashboard needs a tenant key with scope read (or a dashboard token)' };
    }
    return { ok: true, tenant: principal.tenantId };
  }

  private reject(res: HttpResponse, status: 400 | 401 | 403 | 503, code: string, detail: string): void {
    this.counters.rejected++;
    this.metrics?.rejected.inc({ status });
    const titles = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 503: 'Service Unavailable' } as const;
    const body = JSON.stringify({ type: `https://pallet.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`, title: code.toLowerCase().replace(/_/g, ' '), status, code, detail });
    res.writeStatus(`${status} ${titles[status]}`).writeHeader('content-type', 'application/problem+json');
    if (status === 401) res.writeHeader('www-authenticate', 'Bearer');
    res.end(body, true);
  }

  // ---- connection lifecycle --------------------------------------------------------------------

  private onOpen(ws: WebSocket<Conn>): void {
    const conn = ws.getUserData();
    const tenantCount = this.perTenant.get(conn.tenant) ?? 0;
    if (this.conns.size >= this.opts.connectionsMax) return this.refuse(ws, CloseCode.SERVER_FULL, 'server at its connection limit; retry later');
    if (tenantCount >= this.opts.connectionsPerTenantMax) return this.refuse(ws, CloseCode.TENANT_LIMIT, 'too many dashboard connections for this tenant');
    conn.ws = ws;
    conn.counted = true;
    this.conns.add(conn);
    this.perTenant.set(conn.tenant, tenantCount + 1);
  }

  private refuse(ws: WebSocket<Conn>, code: number, reason: string): void {
    this.counters.closedLimit++;
    this.metrics?.closed.inc({ reason: code === CloseCode.SERVER_FULL ? 'server_full' : 'tenant_limit' });
    ws.end(code, reason);
  }

  private onClose(ws: WebSocket<Conn>, code: number): void {
    const conn = ws.getUserData();
    conn.ws = null;
    if (!conn.counted) return;
    conn.counted = false;
    this.conns.delete(conn);
    this.stale.delete(conn);
    const n = (this.perTenant.get(conn.tenant) ?? 1) - 1;
    if (n <= 0) this.perTenant.delete(conn.tenant);
    else this.perTenant.set(conn.tenant, n);
    for (const sub of conn.subs.values()) this.unindex(conn, sub);
    conn.subs.clear();
    if (code !== CloseCode.SLOW_CONSUMER) this.metrics?.closed.inc({ reason: code === CloseCode.GOING_AWAY ? 'shutdown' : 'peer' });
  }

  private closeSlow(conn: Conn, why: string): void {
    const ws = conn.ws;
    if (ws === null) return;
    this.counters.closedSlow++;
    this.metrics?.closed.inc({ reason: 'slow' });
    this.deps.log.warn({ tenant: conn.tenant, conn: conn.id, dropped: conn.dropped, buffered: ws.getBufferedAmount(), why }, 'slow dashboard connection closed');
    ws.end(CloseCode.SLOW_CONSUMER, `slow consumer: ${why}; reconnect and subscribe again`);
  }

  // ---- control messages ------------------------------------------------------------------------

  private onMessage(ws: WebSocket<Conn>, message: ArrayBuffer): void {
    const conn = ws.getUserData();
    let msg: { op?: unknown; topic?: unknown };
    try {
      msg = JSON.parse(Buffer.from(message).toString('utf8')) as typeof msg;
      if (msg === null || typeof msg !== 'object') throw new Error('not an object');
    } catch {
      return this.sendControl(conn, 'error', '', { code: 'BAD_MESSAGE', detail: 'a control message is a JSON object {op, topic}' });
    }
    if (msg.op === 'ping') return this.sendControl(conn, 'pong', '', null);
    if (msg.op !== 'subscribe' && msg.op !== 'unsubscribe') {
      return this.sendControl(conn, 'error', '', { code: 'BAD_MESSAGE', detail: 'op must be subscribe, unsubscribe or ping' });
    }
    const name = typeof msg.topic === 'string' ? msg.topic : '';
    const topic = parseTopic(name, this.opts.skuLengthMax);
    if (topic === null) {
      return this.sendControl(conn, 'error', name.slice(0, 100), {
        code: 'UNKNOWN_TOPIC', detail: 'topics: orders.today, stock.all, stock.sku.<sku>, stock.low, exceptions',
      });
    }
    if (msg.op === 'unsubscribe') return this.unsubscribe(conn, topic.name);
    void this.subscribe(conn, topic);
  }

  private unsubscribe(conn: Conn, name: string): void {
    const sub = conn.subs.get(name);
    if (sub === undefined) return;
    conn.subs.delete(name);
    this.unindex(conn, sub);
  }

  /** (Re)subscribes: a fresh snapshot every time, so subscribing again is how a client resyncs. */
  private async subscribe(conn: Conn, topic: Topic): Promise<void> {
    const now = mono();
    if (now - conn.windowStartMs >= 1_000) {
      conn.windowStartMs = now;
      conn.subscribesInWindow = 0;
    }
    if (++conn.subscribesInWindow > this.opts.subscribesPerSecondMax) {
      return this.sendControl(conn, 'error', topic.name, { code: 'RATE_LIMITED', detail: `at most ${this.opts.subscribesPerSecondMax} subscribe messages per second` });
    }
    const old = conn.subs.get(topic.name);
    if (old === undefined && conn.subs.size >= this.opts.subscriptionsPerConnectionMax) {
      return this.sendControl(conn, 'error', topic.name, { code: 'TOO_MANY_SUBSCRIPTIONS', detail: `at most ${this.opts.subscriptionsPerConnectionMax} topics per connection` });
    }
    if (old !== undefined) this.unindex(conn, old);
    const sub: Sub = { topic, active: false, stale: false };
    conn.subs.set(topic.name, sub);
    const names = needsNames(topic.kind) ? await this.namesOf(conn.tenant) : noNames;
    // Closed, unsubscribed or subscribed again while the names loaded: that one wins.
    if (conn.ws === null || conn.subs.get(topic.name) !== sub) return;
    this.sendSnapshot(conn, sub, names);
  }

  // ---- snapshots -------------------------------------------------------------------------------

  /** Sends the topic's snapshot and from then on its deltas. */
  private sendSnapshot(conn: Conn, sub: Sub, names: Names): void {
    const encoded = this.snapshotOf(conn.tenant, sub.topic, names);
    if (!this.send(conn, encoded, 'snapshot')) return;
    sub.stale = false;
    if (!sub.active) {
      sub.active = true;
      this.indexOf(conn.tenant, sub.topic.name).add(conn);
    }
  }

  /** One encoding per (tenant, topic, seq) while it is fresh: a reconnect storm costs one snapshot. */
  private snapshotOf(tenant: string, topic: Topic, names: Names): Encoded {
    const key = `${tenant}\n${topic.name}`;
    const now = mono();
    const cached = this.snapshots.get(key);
    if (cached !== undefined && cached.seq === this.deps.board.seqOf(tenant, topic) && now - cached.at < snapshotCacheTtlMs) return cached.encoded;
    const state = this.deps.board.snapshot(tenant, topic);
    const data = withNames(topic, state.data, names);
    const encoded = new Encoded({ type: 'snapshot', topic: topic.name, seq: state.seq, at: this.deps.clock.nowMs(), data }, topic.kind);
    if (this.snapshots.size >= snapshotCacheMax) this.snapshots.clear();
    this.snapshots.set(key, { seq: state.seq, at: now, encoded });
    return encoded;
  }

  private namesOf(tenant: string): Promise<Names> {
    const hit = this.names.get(tenant);
    const now = mono();
    if (hit !== undefined && now - hit.at < this.opts.namesTtlMs) return hit.names;
    const catalog = this.deps.catalog;
    const loading = catalog === null ? Promise.resolve(noNames) : catalog.fresh(tenant).then(namesOfCatalog, (err: unknown) => {
      this.deps.log.warn({ tenant, err: err instanceof Error ? err.message : String(err) }, 'catalog names not loaded; snapshot without names');
      return noNames;
    });
    if (this.names.size >= 10_000) this.names.clear();
    this.names.set(tenant, { at: now, names: loading });
    return loading;
  }

  // ---- deltas ----------------------------------------------------------------------------------

  private schedule(): void {
    if (this.flushTimer !== null || this.closing) return;
    const delayMs = Math.max(0, this.lastFlushMs + this.opts.coalesceMs - mono());
    this.flushTimer = setTimeout(() => this.flush(), delayMs);
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
    if (!sub.stale && conn.ws.getBufferedAmount() <= this.opts.bufferedBytesMax / 2) {
      this.send(conn, encoded, 'delta');
      return;
    }
    // Behind: this delta is lost for the connection; the subscription gets a snapshot once drained.
    conn.dropped++;
    this.counters.framesDropped++;
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
    if (ws.getBufferedAmount() > this.opts.bufferedBytesMax / 4) {
      if (mono() - conn.lagSinceMs > this.opts.laggingMsMax) this.closeSlow(conn, `frames dropped for over ${this.opts.laggingMsMax} ms`);
      return;
    }
    this.stale.delete(conn);
    conn.lagSinceMs = 0;
    for (const sub of conn.subs.values()) {
      if (!sub.stale) continue;
      const names = this.names.get(conn.tenant);
      void (names?.names ?? Promise.resolve(noNames)).then((n) => {
        if (conn.ws !== null && conn.subs.get(sub.topic.name) === sub && sub.stale) this.sendSnapshot(conn, sub, needsNames(sub.topic.kind) ? n : noNames);
      });
    }
  }

  private onDrain(ws: WebSocket<Conn>): void {
    const conn = ws.getUserData();
    if (this.stale.has(conn) && ws.getBufferedAmount() <= this.opts.bufferedBytesMax / 4) this.resync(conn);
  }

  // ---- sending ---------------------------------------------------------------------------------

  private sendControl(conn: Conn, type: FrameType, topic: string, data: ErrorData | null): void {
    this.send(conn, new Encoded({ type, topic, seq: 0, at: this.deps.clock.nowMs(), data }), type);
  }

  /** Sends unless the connection is over its bound (then closes it with 4008); true when sent. */
  private send(conn: Conn, encoded: Encoded, type: FrameType): boolean {
    const ws = conn.ws;
    if (ws === null) return false;
    if (ws.getBufferedAmount() > this.opts.bufferedBytesMax) {
      this.closeSlow(conn, `over ${this.opts.bufferedBytesMax} buffered bytes`);
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
    this.counters.framesSent++;
    this.counters.bytesSent += bytes.byteLength;
    this.framesByType[type]++;
    return true;
  }

  // ---- subscriber index ------------------------------------------------------------------------

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

  private onMetrics(res: HttpResponse): void {
    const registry = this.deps.registry;
    if (registry === undefined) {
      res.writeStatus('404 Not Found').end('no metrics registry');
      return;
    }
    let aborted = false;
    res.onAborted(() => { aborted = true; });
    void registry.metrics().then((text) => {
      if (!aborted) res.cork(() => res.writeHeader('content-type', registry.contentType).end(text));
    });
  }
}

// ---- helpers ---------------------------------------------------------------------------------------

const needsNames = (kind: TopicKind): boolean => kind === 'stockAll' || kind === 'stockSku';

function withNames(topic: Topic, data: TopicData, names: Names): TopicData {
  if (!needsNames(topic.kind)) return data;
  const stock = data as StockData;
  if (topic.kind === 'stockAll') return { cells: stock.cells, warehouses: names.warehouses, skus: names.skus, bundles: names.bundles };
  const skus = names.skus.filter((s) => s.id === topic.sku);
  return { cells: stock.cells, warehouses: names.warehouses, skus, bundles: names.bundles.filter((b) => b.sku === topic.sku) };
}

function namesOfCatalog(c: Catalog | null): Names {
  if (c === null) return noNames;
  const byId = (a: Named, b: Named): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    warehouses: [...c.warehouses.values()].map((w) => ({ id: w.id, name: w.name })).sort(byId),
    skus: [...c.skus.values()].map((s) => ({ id: s.sku, name: s.name })).sort(byId),
    bundles: bundlesOf(c),
  };
}

/** Every bundle with the stocked SKUs one unit takes (as the reserve path expands it), by SKU. */
function bundlesOf(c: Catalog): BundleView[] {
  const out: BundleView[] = [];
  for (const s of c.skus.values()) {
    if (!isBundle(s)) continue;
    const leaves = expandLines([{ sku: s.sku, qty: 1 }], c.skus, bundleDepthMax, Number.MAX_SAFE_INTEGER);
    out.push({ sku: s.sku, components: leaves.ok ? leaves.value : [] });
  }
  return out.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

function assertOptions(o: FanoutOptions): void {
  const positive = ['connectionsMax', 'connectionsPerTenantMax', 'bufferedBytesMax', 'laggingMsMax', 'subscriptionsPerConnectionMax',
    'messageBytesMax', 'subscribesPerSecondMax', 'skuLengthMax'] as const;
  for (const k of positive) if (!(Number.isSafeInteger(o[k]) && o[k] >= 1)) throw new Error(`fanout option ${k} must be a positive integer`);
  if (!(Number.isSafeInteger(o.coalesceMs) && o.coalesceMs >= 0 && o.coalesceMs <= 60_000)) throw new Error('fanout coalesceMs must be 0..60000');
  if (!(o.idleTimeoutSeconds >= 8 && o.idleTimeoutSeconds <= 960)) throw new Error('fanout idleTimeoutSeconds must be 8..960');
  if (o.bufferedBytesMax < 4_096) throw new Error('fanout bufferedBytesMax must be at least 4 KiB');
}

interface FanoutMetrics {
  readonly closed: Counter<'reason'>;
  readonly rejected: Counter<'status'>;
}

interface FanoutTotals {
  readonly connections: number;
  readonly frames: Readonly<Record<FrameType, number>>;
  readonly bytes: number;
  readonly dropped: number;
}

function fanoutMetrics(registry: Registry, totals: () => FanoutTotals): FanoutMetrics {
  const r = { registers: [registry] };
  const get = <T>(name: string, make: () => T): T => (registry.getSingleMetric(name) as T | undefined) ?? make();
  /** A counter that catches up with a running total when scraped. */
  const scraped = (name: string, help: string, value: (t: FanoutTotals) => number) => get(name, () => {
    let reported = 0;
    return new Counter({ ...r, name, help, collect() { const v = value(totals()); this.inc(v - reported); reported = v; } });
  });
  get('pallet_ws_connections', () => new Gauge({ ...r, name: 'pallet_ws_connections', help: 'Open dashboard WebSocket connections', collect() { this.set(totals().connections); } }));
  get('pallet_ws_frames_total', () => {
    const reported: Record<string, number> = {};
    return new Counter({
      ...r, name: 'pallet_ws_frames_total', help: 'Frames sent to dashboards by type', labelNames: ['type'] as const,
      collect() {
        for (const [type, v] of Object.entries(totals().frames)) {
          this.inc({ type }, v - (reported[type] ?? 0));
          reported[type] = v;
        }
      },
    });
  });
  scraped('pallet_ws_sent_bytes_total', 'Bytes of frames sent to dashboards', (t) => t.bytes);
  scraped('pallet_ws_frames_dropped_total', 'Delta frames dropped for slow dashboard connections', (t) => t.dropped);
  return {
    closed: get('pallet_ws_closed_total', () => new Counter({ ...r, name: 'pallet_ws_closed_total', help: 'Dashboard connections closed, by reason', labelNames: ['reason'] as const })),
    rejected: get('pallet_ws_rejected_total', () => new Counter({ ...r, name: 'pallet_ws_rejected_total', help: 'Dashboard upgrades refused, by HTTP status', labelNames: ['status'] as const })),
  };
}

// ---- the ws role: aggregator + fanout ----------------------------------------------------------------

export interface WsRoleDeps {
  readonly redis: RedisPool;
  readonly nats: Nats;
  readonly sql: Sql | null;
  readonly auth: Pick<AuthService, 'authenticate'>;
  readonly tokens: DashboardTokens;
  readonly catalog: FanoutDeps['catalog'];
  readonly clock: Clock;
  readonly log: FanoutLog & AggregatorLog;
  readonly registry?: Registry;
}

export interface WsRoleOptions {
  readonly namespace: string;
  readonly fanout: Pick<FanoutOptions, 'host' | 'port'> & Partial<FanoutOptions>;
  readonly board?: Partial<BoardOptions>;
  readonly aggregator?: Partial<Omit<AggregatorOptions, 'namespace'>>;
}

export interface WsRole {
  readonly port: number;
  /** What the aggregator loaded at start and where it began reading events. */
  readonly started: AggregatorStart;
  readonly board: Board;
  readonly aggregator: Aggregator;
  readonly fanout: Fanout;
  stop(): Promise<void>;
}

/** Loads the board (aggregator), then listens: a dashboard never sees a half-loaded board. */
export async function startWsRole(deps: WsRoleDeps, opts: WsRoleOptions): Promise<WsRole> {
  const board = new Board(deps.clock, opts.board);
  const aggregator = new Aggregator(
    { board, redis: deps.redis, nats: deps.nats, sql: deps.sql, clock: deps.clock, log: deps.log, ...(deps.registry ? { registry: deps.registry } : {}) },
    { ...opts.aggregator, namespace: opts.namespace },
  );
  const started = await aggregator.start();
  const fanout = new Fanout({ board, auth: deps.auth, tokens: deps.tokens, catalog: deps.catalog, clock: deps.clock, log: deps.log, ...(deps.registry ? { registry: deps.registry } : {}) }, opts.fanout);
  let port: number;
  try {
    port = await fanout.listen();
  } catch (err) {
    await aggregator.stop();
    throw err;
  }
  return {
    port, started, board, aggregator, fanout,
    async stop() {
      await fanout.close();
      await aggregator.stop();
    },
  };
}
