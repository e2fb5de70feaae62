// The dashboard fanout server (ws role): uWebSockets.js serving the board to
// dashboards. Protocol, frames and close codes: docs/dashboard-protocol.md.
//
// - Upgrade `GET /v1/dashboard/ws?token=<dashboard token>[&format=protobuf]`:
//   authenticated before the upgrade (401 otherwise). Only dashboard tokens:
//   an API key in a URL ends up in proxy logs, so one is refused unread. The
//   tenant comes from the token, so a connection only ever sees its own tenant.
// - Revocation: every connection remembers the API key its token was issued
//   for; every keyCheckMs the keys of open connections are checked against
//   PostgreSQL and the connections of a revoked key are closed with 4003. A
//   token of a revoked key is refused at the upgrade (401).
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
// - Nothing a client sends can throw out of a uWS handler or leave a promise
//   rejection unhandled: such errors are logged and counted
//   (pallet_ws_errors_total{where}), and the connection answered or closed.
import { performance } from 'node:perf_hooks';
import uWS, { type HttpRequest, type HttpResponse, type TemplatedApp, type WebSocket, type us_listen_socket, type us_socket_context_t } from 'uWebSockets.js';
import { Counter, Gauge, type Registry } from 'prom-client';
import { Board, parseTopic, type BoardOptions, type BundleView, type Named, type StockData, type Topic, type TopicData, type TopicKind } from '../app/board.ts';
import type { Clock } from '../app/catalog.port.ts';
import { expandLines } from '../core/bundle.rules.ts';
import { isBundle, type Catalog } from '../core/catalog.types.ts';
import { isDashboardToken, type DashboardTokens } from '../app/dashboard.token.ts';
import { encodeJsonFrame, encodeProtoFrame, type ErrorData, type Frame, type FrameFormat, type FrameType } from '../adapters/ws/frames.codec.ts';
import type { Nats } from '../adapters/nats/connection.ts';
import type { RedisPool } from '../adapters/redis/connection.ts';
import type { Sql } from '../adapters/postgres/sql.ts';
import { KeyStatusRepo, type KeyStatus } from '../adapters/postgres/key-status.repo.ts';
import { KeyWatch } from '../adapters/ws/key-watch.ts';
import { Aggregator, wsErrorsCounter, type AggregatorLog, type AggregatorOptions, type AggregatorStart } from './aggregator.role.ts';

/** WebSocket close codes the server sends (docs/dashboard-protocol.md). */
export const CloseCode = Object.freeze({
  /** Server shutting down: reconnect (another instance, or this one when back). */
  GOING_AWAY: 1001,
  /** A control message above messageBytesMax (sent by uWS itself). */
  MESSAGE_TOO_BIG: 1009,
  /** The server failed unexpectedly on this connection (logged and counted): reconnect. */
  INTERNAL_ERROR: 1011,
  /** The API key the dashboard token was issued for has been revoked: do not reconnect with a token of it. */
  KEY_REVOKED: 4003,
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
  /** How often the API keys behind open connections are checked for revocation (and how long a check is reused at upgrades). */
  readonly keyCheckMs: number;
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
  keyCheckMs: 5_000,
});

export interface FanoutLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface FanoutDeps {
  readonly board: Board;
  /** Dashboard tokens (`?token=pdt1...`), the only credential taken. */
  readonly tokens: DashboardTokens;
  /** Whether the API keys the tokens were issued for are still live (PostgreSQL). */
  readonly keys: KeyStatus;
  /** Warehouse and SKU names and the bundles for stock snapshots; null: ids only. */
  readonly catalog: { fresh(tenant: string): Promise<Catalog | null> } | null;
  readonly clock: Clock;
  readonly log: FanoutLog;
  /** Where to register pallet_ws_* metrics (served by the process's metrics listener, never on the ws port). */
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
  readonly closedRevoked: number;
  readonly rejected: number;
  /** Unexpected errors caught (logged; pallet_ws_errors_total). */
  readonly errors: number;
}

interface Sub {
  readonly topic: Topic;
  active: boolean;
  stale: boolean;
}

interface Conn {
  readonly id: number;
  readonly tenant: string;
  /** The API key the connection's token was issued for. */
  readonly keyId: string;
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

type AuthOutcome = { ok: true; tenant: string; keyId: string } | { ok: false; status: 401; code: string; detail: string };

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
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
  /** Open connections by the API key their token was issued for. */
  private readonly byKey = new Map<string, Set<Conn>>();
  private readonly keyWatch: KeyWatch;
  private keyTimer: NodeJS.Timeout | null = null;
  private readonly names = new Map<string, { at: number; names: Promise<Names> }>();
  private readonly snapshots = new Map<string, { seq: number; at: number; encoded: Encoded }>();
  private readonly metrics: FanoutMetrics | null;
  private listenSocket: us_listen_socket | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private lastFlushMs = -Infinity;
  private nextId = 1;
  private closing = false;
  private counters = { framesSent: 0, framesDropped: 0, bytesSent: 0, closedSlow: 0, closedLimit: 0, closedRevoked: 0, rejected: 0, errors: 0 };
  /** Frames sent by type; the hot-path counters reach Prometheus at scrape time (collect), not per frame. */
  private readonly framesByType: Record<FrameType, number> = { snapshot: 0, delta: 0, error: 0, pong: 0 };

  constructor(private readonly deps: FanoutDeps, opts: Pick<FanoutOptions, 'host' | 'port'> & Partial<FanoutOptions>) {
    this.opts = { ...fanoutDefaults, ...opts };
    assertOptions(this.opts);
    this.metrics = deps.registry === undefined ? null : fanoutMetrics(deps.registry, () => ({
      connections: this.conns.size, frames: this.framesByType, bytes: this.counters.bytesSent, dropped: this.counters.framesDropped,
    }));
    this.keyWatch = new KeyWatch(deps.keys, this.opts.keyCheckMs, Math.max(1_000, this.opts.connectionsMax), mono);
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
      // Every handler guarded: an exception must not leave a uWS callback (it would end the process).
      upgrade: (res, req, context) => this.guard('upgrade', () => this.onUpgrade(res, req, context), () => this.reject(res, 503, 'UNAVAILABLE', 'server error; retry')),
      open: (ws) => this.guard('open', () => this.onOpen(ws), () => ws.end(CloseCode.INTERNAL_ERROR, 'server error')),
      message: (ws, message) => this.guard('message', () => this.onMessage(ws, message), () => ws.end(CloseCode.INTERNAL_ERROR, 'server error')),
      drain: (ws) => this.guard('drain', () => this.onDrain(ws)),
      close: (ws, code) => this.guard('close', () => this.onClose(ws, code)),
    });
    this.app.get('/healthz', (res) => void res.writeStatus('200 OK').writeHeader('content-type', 'text/plain').end('ok'));
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
        this.scheduleKeyCheck();
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
    if (this.keyTimer !== null) clearTimeout(this.keyTimer);
    this.keyTimer = null;
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
          id: this.nextId++, tenant: outcome.tenant, keyId: outcome.keyId, format, subs: new Map(), ws: null, counted: false, dropped: 0,
          lagSinceMs: 0, windowStartMs: 0, subscribesInWindow: 0,
        };
        res.upgrade<Conn>(conn, key, protocol, extensions, context);
      });
    }, (err: unknown) => {
      this.deps.log.error({ err: errorText(err) }, 'ws authentication failed: could not check the API key of a dashboard token');
      if (!aborted) res.cork(() => this.reject(res, 503, 'UNAVAILABLE', 'authentication unavailable; retry'));
    }).catch((err: unknown) => {
      this.unexpected('upgrade', err);
      if (!aborted) this.guard('upgrade', () => res.cork(() => this.reject(res, 503, 'UNAVAILABLE', 'server error; retry')));
    });
  }

  /** Dashboard tokens only, of a live key; rejects only when PostgreSQL cannot tell whether the key is live. */
  private async authorize(token: string): Promise<AuthOutcome> {
    const refused = (detail: string): AuthOutcome => ({ ok: false, status: 401, code: 'UNAUTHENTICATED', detail });
    if (token === '') return refused('missing ?token= (a dashboard token from POST /v1/dashboard/tokens)');
    // Never looked up: a key in a URL lands in proxy and server logs. The answer says what to do instead.
    if (!isDashboardToken(token)) {
      return refused('?token= takes only a dashboard token (pdt1.…), never an API key: get one with POST /v1/dashboard/tokens');
    }
    const check = this.deps.tokens.verify(token);
    if (!check.ok) return refused(check.reason === 'expired' ? 'the dashboard token has expired; get a new one' : 'invalid dashboard token');
    const { tenant, keyId } = check.claims;
    if (!(await this.keyWatch.isLive(tenant, keyId))) return refused('the API key this dashboard token was issued for has been revoked');
    return { ok: true, tenant, keyId };
  }

  private reject(res: HttpResponse, status: 400 | 401 | 503, code: string, detail: string): void {
    this.counters.rejected++;
    this.metrics?.rejected.inc({ status });
    const titles = { 400: 'Bad Request', 401: 'Unauthorized', 503: 'Service Unavailable' } as const;
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
    let sameKey = this.byKey.get(conn.keyId);
    if (sameKey === undefined) this.byKey.set(conn.keyId, (sameKey = new Set()));
    sameKey.add(conn);
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
    const sameKey = this.byKey.get(conn.keyId);
    sameKey?.delete(conn);
    if (sameKey?.size === 0) this.byKey.delete(conn.keyId);
    for (const sub of conn.subs.values()) this.unindex(conn, sub);
    conn.subs.clear();
    if (code !== CloseCode.SLOW_CONSUMER && code !== CloseCode.KEY_REVOKED) {
      this.metrics?.closed.inc({ reason: code === CloseCode.GOING_AWAY ? 'shutdown' : code === CloseCode.INTERNAL_ERROR ? 'error' : 'peer' });
    }
  }

  private closeSlow(conn: Conn, why: string): void {
    const ws = conn.ws;
    if (ws === null) return;
    this.counters.closedSlow++;
    this.metrics?.closed.inc({ reason: 'slow' });
    this.deps.log.warn({ tenant: conn.tenant, conn: conn.id, dropped: conn.dropped, buffered: ws.getBufferedAmount(), why }, 'slow dashboard connection closed');
    ws.end(CloseCode.SLOW_CONSUMER, `slow consumer: ${why}; reconnect and subscribe again`);
  }

  // ---- key revocation --------------------------------------------------------------------------

  private scheduleKeyCheck(): void {
    if (this.closing) return;
    this.keyTimer = setTimeout(() => {
      this.checkKeys().catch((err: unknown) => this.unexpected('key_check', err)).finally(() => this.scheduleKeyCheck());
    }, this.opts.keyCheckMs);
    this.keyTimer.unref();
  }

  /** Closes (4003) the connections whose token came from a key that is no longer live. */
  private async checkKeys(): Promise<void> {
    if (this.byKey.size === 0) return;
    const keys = new Map<string, string>();
    for (const [keyId, conns] of this.byKey) for (const c of conns) keys.set(keyId, c.tenant);
    let dead: Set<string>;
    try {
      dead = await this.keyWatch.recheck(keys);
    } catch (err) {
      // PostgreSQL down: open boards stay (new ones get 503 until it is back); the next round checks again.
      this.deps.log.warn({ err: errorText(err), keys: keys.size }, 'dashboard key check failed; retrying next round');
      return;
    }
    for (const keyId of dead) {
      for (const conn of [...(this.byKey.get(keyId) ?? [])]) this.closeRevoked(conn);
    }
  }

  private closeRevoked(conn: Conn): void {
    const ws = conn.ws;
    if (ws === null) return;
    this.counters.closedRevoked++;
    this.metrics?.closed.inc({ reason: 'key_revoked' });
    this.deps.log.info({ tenant: conn.tenant, keyId: conn.keyId, conn: conn.id }, 'dashboard connection closed: its API key was revoked');
    ws.end(CloseCode.KEY_REVOKED, 'key revoked');
  }

  // ---- unexpected errors -------------------------------------------------------------------------

  /** Runs a uWS handler; an exception is logged, counted and handed to `recover` instead of leaving the callback. */
  private guard(where: string, run: () => void, recover?: () => void): void {
    try {
      run();
    } catch (err) {
      this.unexpected(where, err);
      if (recover === undefined) return;
      try {
        recover();
      } catch (again) {
        this.unexpected(where, again);
      }
    }
  }

  private unexpected(where: string, err: unknown, conn?: Conn): void {
    this.counters.errors++;
    this.metrics?.errors.inc({ where });
    this.deps.log.error({ where, err: errorText(err), stack: err instanceof Error ? err.stack : undefined, tenant: conn?.tenant, conn: conn?.id },
      'dashboard fanout: unexpected error (caught; the server keeps running)');
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
    if (typeof msg.topic !== 'string') {
      return this.sendControl(conn, 'error', '', { code: 'BAD_MESSAGE', detail: 'topic must be a string' });
    }
    const topic = parseTopic(msg.topic, this.opts.skuLengthMax);
    if (topic === null) {
      return this.sendControl(conn, 'error', msg.topic.slice(0, 100), {
        code: 'UNKNOWN_TOPIC', detail: 'topics: orders.today, stock.all, stock.sku.<sku>, stock.low, exceptions',
      });
    }
    if (msg.op === 'unsubscribe') return this.unsubscribe(conn, topic.name);
    this.subscribe(conn, topic).catch((err: unknown) => {
      this.unexpected('subscribe', err, conn);
      this.guard('subscribe', () => {
        this.unsubscribe(conn, topic.name);
        this.sendControl(conn, 'error', topic.name, { code: 'INTERNAL', detail: 'the server could not answer this subscribe; try again' });
      });
    });
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
      (names?.names ?? Promise.resolve(noNames)).then((n) => {
        if (conn.ws !== null && conn.subs.get(sub.topic.name) === sub && sub.stale) this.sendSnapshot(conn, sub, needsNames(sub.topic.kind) ? n : noNames);
      }).catch((err: unknown) => this.unexpected('resync', err, conn));
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
  if (!(Number.isSafeInteger(o.keyCheckMs) && o.keyCheckMs >= 10 && o.keyCheckMs <= 600_000)) throw new Error('fanout keyCheckMs must be 10..600000');
}

interface FanoutMetrics {
  readonly closed: Counter<'reason'>;
  readonly rejected: Counter<'status'>;
  readonly errors: Counter<'where'>;
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
    errors: wsErrorsCounter(registry),
  };
}

// ---- the ws role: aggregator + fanout ----------------------------------------------------------------

export interface WsRoleDeps {
  readonly redis: RedisPool;
  readonly nats: Nats;
  /** The ledger for the aggregator's start-up snapshot (null: from events only); also checks API keys unless `keys` is given. */
  readonly sql: Sql | null;
  readonly tokens: DashboardTokens;
  /** Default: api_keys in `sql` (required when sql is null). */
  readonly keys?: KeyStatus;
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
  const keys = deps.keys ?? (deps.sql === null ? null : new KeyStatusRepo(deps.sql));
  if (keys === null) throw new Error('the ws role needs PostgreSQL (or a KeyStatus) to check the API keys behind dashboard tokens');
  const board = new Board(deps.clock, opts.board);
  const aggregator = new Aggregator(
    { board, redis: deps.redis, nats: deps.nats, sql: deps.sql, clock: deps.clock, log: deps.log, ...(deps.registry ? { registry: deps.registry } : {}) },
    { ...opts.aggregator, namespace: opts.namespace },
  );
  const started = await aggregator.start();
  const fanout = new Fanout({ board, tokens: deps.tokens, keys, catalog: deps.catalog, clock: deps.clock, log: deps.log, ...(deps.registry ? { registry: deps.registry } : {}) }, opts.fanout);
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
