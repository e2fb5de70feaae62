// The dashboard fanout server: uWebSockets.js serving the board to dashboards.
// Protocol, frames and close codes: docs/dashboard-protocol.md.
//
// This file is the server itself — the upgrade and its authentication, the
// connection limits, the connection lifecycle and the guard around every uWS
// handler. Subscriptions, snapshots and deltas: subscriptions.ts; sending and
// the per-connection buffer bound: connection.ts; control messages:
// control.ts; revocation: revocation.ts.
//
// - Upgrade `GET /v1/dashboard/ws?token=<dashboard token>[&format=protobuf]`:
//   authenticated before the upgrade (401 otherwise). Only dashboard tokens:
//   an API key in a URL ends up in proxy logs, so one is refused unread. The
//   tenant comes from the token, so a connection only ever sees its own tenant.
//   A token of a revoked key is refused at the upgrade (401).
// - Heartbeats: uWS pings idle connections and closes those that stay silent
//   for idleTimeoutSeconds.
// - Nothing a client sends can throw out of a uWS handler or leave a promise
//   rejection unhandled: such errors are logged and counted
//   (pallet_ws_errors_total{where}), and the connection answered or closed.
import uWS, { type HttpRequest, type HttpResponse, type TemplatedApp, type WebSocket, type us_listen_socket, type us_socket_context_t } from 'uWebSockets.js';
import type { Registry } from 'prom-client';
import type { KeyStatus } from '../../app/board.port.ts';
import type { Board } from '../../app/board/board.ts';
import type { Clock } from '../../app/clock.port.ts';
import { isDashboardToken, type DashboardTokens } from '../../app/dashboard.token.ts';
import type { Log } from '../../app/log.port.ts';
import type { Catalog } from '../../core/catalog.types.ts';
import { mono, Sender, zeroCounters, type Conn, type FanoutCounters } from './connection.ts';
import { parseControl } from './control.ts';
import { KeyWatch } from './key-watch.ts';
import { Revocations } from './revocation.ts';
import { Snapshots } from './snapshots.ts';
import { Subscriptions } from './subscriptions.ts';
import { fanoutMetrics, type FanoutMetrics } from './ws.metrics.ts';
import { assertOptions, CloseCode, dashboardPath, fanoutDefaults, type FanoutOptions } from './ws.options.ts';

export interface FanoutDeps {
  readonly board: Board;
  /** Dashboard tokens (`?token=pdt1...`), the only credential taken. */
  readonly tokens: DashboardTokens;
  /** Whether the API keys the tokens were issued for are still live (PostgreSQL). */
  readonly keys: KeyStatus;
  /** Warehouse and SKU names and the bundles for stock snapshots; null: ids only. */
  readonly catalog: { fresh(tenant: string): Promise<Catalog | null> } | null;
  readonly clock: Clock;
  readonly log: Log;
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

type AuthOutcome = { ok: true; tenant: string; keyId: string } | { ok: false; status: 401; code: string; detail: string };

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class Fanout {
  private readonly opts: FanoutOptions;
  private readonly app: TemplatedApp;
  private readonly perTenant = new Map<string, number>();
  private readonly conns = new Set<Conn>();
  private readonly counters: FanoutCounters = zeroCounters();
  private readonly metrics: FanoutMetrics | null;
  private readonly keyWatch: KeyWatch;
  private readonly sender: Sender;
  private readonly subs: Subscriptions;
  private readonly revocations: Revocations;
  private listenSocket: us_listen_socket | null = null;
  private nextId = 1;
  private closing = false;

  constructor(private readonly deps: FanoutDeps, opts: Pick<FanoutOptions, 'host' | 'port'> & Partial<FanoutOptions>) {
    this.opts = { ...fanoutDefaults, ...opts };
    assertOptions(this.opts);
    this.metrics = deps.registry === undefined ? null : fanoutMetrics(deps.registry, () => ({
      connections: this.conns.size, frames: this.sender.framesByType, bytes: this.counters.bytesSent, dropped: this.counters.framesDropped,
    }));
    const unexpected = (where: string, err: unknown, conn?: Conn): void => this.unexpected(where, err, conn);
    this.keyWatch = new KeyWatch(deps.keys, this.opts.keyCheckMs, Math.max(1_000, this.opts.connectionsMax), mono);
    this.sender = new Sender({ counters: this.counters, metrics: this.metrics, clock: deps.clock, log: deps.log }, this.opts.bufferedBytesMax);
    const snapshots = new Snapshots({ board: deps.board, catalog: deps.catalog, clock: deps.clock, log: deps.log }, this.opts.namesTtlMs);
    this.subs = new Subscriptions({ board: deps.board, sender: this.sender, snapshots, counters: this.counters, clock: deps.clock, unexpected }, this.opts);
    this.revocations = new Revocations({ keyWatch: this.keyWatch, counters: this.counters, metrics: this.metrics, log: deps.log, unexpected }, this.opts.keyCheckMs);
    this.app = this.makeApp();
    deps.board.onPending(() => this.subs.schedule());
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
        this.revocations.start();
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
    this.subs.stop();
    this.revocations.stop();
    if (this.listenSocket !== null) uWS.us_listen_socket_close(this.listenSocket);
    this.listenSocket = null;
    for (const conn of [...this.conns]) conn.ws?.end(CloseCode.GOING_AWAY, 'server shutting down');
    // Let uWS flush the close frames before the caller tears the process down.
    await new Promise((r) => setTimeout(r, 20));
  }

  stats(): FanoutStats {
    return { connections: this.conns.size, byTenant: Object.fromEntries(this.perTenant), ...this.counters };
  }

  private makeApp(): TemplatedApp {
    const app = uWS.App();
    app.ws<Conn>(dashboardPath, {
      maxPayloadLength: this.opts.messageBytesMax,
      idleTimeout: this.opts.idleTimeoutSeconds,
      sendPingsAutomatically: true,
      maxBackpressure: this.opts.bufferedBytesMax * 2,
      closeOnBackpressureLimit: 0,
      // Keep DISABLED: Sender.send passes compress=true as a workaround (see there); with compression on, each
      // frame would be deflated once per connection.
      compression: uWS.DISABLED,
      // Every handler guarded: an exception must not leave a uWS callback (it would end the process).
      upgrade: (res, req, context) => this.guard('upgrade', () => this.onUpgrade(res, req, context), () => this.reject(res, 503, 'UNAVAILABLE', 'server error; retry')),
      open: (ws) => this.guard('open', () => this.onOpen(ws), () => ws.end(CloseCode.INTERNAL_ERROR, 'server error')),
      message: (ws, message) => this.guard('message', () => this.onMessage(ws, message), () => ws.end(CloseCode.INTERNAL_ERROR, 'server error')),
      drain: (ws) => this.guard('drain', () => this.subs.onDrain(ws)),
      close: (ws, code) => this.guard('close', () => this.onClose(ws, code)),
    });
    app.get('/healthz', (res) => void res.writeStatus('200 OK').writeHeader('content-type', 'text/plain').end('ok'));
    app.any('/*', (res) => void res.writeStatus('404 Not Found').writeHeader('content-type', 'text/plain').end('not found'));
    return app;
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
    this.revocations.add(conn);
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
    const n = (this.perTenant.get(conn.tenant) ?? 1) - 1;
    if (n <= 0) this.perTenant.delete(conn.tenant);
    else this.perTenant.set(conn.tenant, n);
    this.revocations.remove(conn);
    this.subs.drop(conn);
    if (code !== CloseCode.SLOW_CONSUMER && code !== CloseCode.KEY_REVOKED) {
      this.metrics?.closed.inc({ reason: code === CloseCode.GOING_AWAY ? 'shutdown' : code === CloseCode.INTERNAL_ERROR ? 'error' : 'peer' });
    }
  }

  // ---- control messages ------------------------------------------------------------------------

  private onMessage(ws: WebSocket<Conn>, message: ArrayBuffer): void {
    const conn = ws.getUserData();
    const control = parseControl(message, this.opts.skuLengthMax);
    switch (control.op) {
      case 'invalid': return this.sender.control(conn, 'error', control.topic, control.error);
      case 'ping': return this.sender.control(conn, 'pong', '', null);
      case 'unsubscribe': return this.subs.unsubscribe(conn, control.topic.name);
      case 'subscribe': {
        const topic = control.topic;
        this.subs.subscribe(conn, topic).catch((err: unknown) => {
          this.unexpected('subscribe', err, conn);
          this.guard('subscribe', () => {
            this.subs.unsubscribe(conn, topic.name);
            this.sender.control(conn, 'error', topic.name, { code: 'INTERNAL', detail: 'the server could not answer this subscribe; try again' });
          });
        });
      }
    }
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
}
