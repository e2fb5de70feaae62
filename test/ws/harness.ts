// Harness for the dashboard (ws role) tests against the real Redis, NATS and
// PostgreSQL: a random namespace (schema, keys, streams), the runtime's
// services to make tenants, stock and reservations, the outbox relay moving
// events to JetStream, ws roles started on free ports, dashboard tokens (the
// board's only credential) issued for a tenant's keys, and WebSocket clients
// (undici's WebSocket) that collect decoded frames. close() stops everything it
// started and deletes the namespace's schema, keys and streams.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Registry } from 'prom-client';
import { WebSocket } from 'undici';
import { createMetrics } from '../../src/adapters/metrics/metrics.ts';
import { decodeProtoFrame, type Frame, type FrameFormat } from '../../src/adapters/ws/frames.codec.ts';
import { systemClock, type Clock } from '../../src/app/clock.port.ts';
import { DashboardTokens, randomDashboardSecret } from '../../src/app/dashboard.token.ts';
import { KeyStatusRepo } from '../../src/adapters/postgres/key-status.repo.ts';
import type { KeyStatus } from '../../src/app/board.port.ts';
import { loadConfig } from '../../src/config.ts';
import { buildRuntime, runMigrations, type Runtime } from '../../src/main.ts';
import { dashboardPath } from '../../src/adapters/ws/ws.options.ts';
import { startWsRole, type WsRole, type WsRoleOptions } from '../../src/roles/fanout.role.ts';
import { OutboxRelay } from '../../src/roles/relay/relay.role.ts';
import { dropNamespace } from '../helpers/http.ts';
import { createNatsHarness, type NatsHarness } from '../helpers/nats.ts';
import { randomNamespace } from '../helpers/redis.ts';

export interface TenantFixture {
  readonly id: string;
  readonly keys: { readonly read: string; readonly checkout: string; readonly admin: string };
  /** api_keys.id of each key. */
  readonly keyIds: { readonly read: string; readonly checkout: string; readonly admin: string };
}

/**
 * Dashboard tokens as POST /v1/dashboard/tokens issues them. Without a key id, a token of the
 * tenant's read key (made by tenant()); a tenant the harness did not make gets an unknown key id.
 */
export class HarnessTokens extends DashboardTokens {
  readonly readKeyOf = new Map<string, string>();

  override issue(tenant: string, keyId?: string, ttlSeconds?: number): { token: string; expiresAtMs: number } {
    return super.issue(tenant, keyId ?? this.readKeyOf.get(tenant) ?? 'key_not_in_this_harness', ttlSeconds);
  }
}

export interface StockSpec { readonly warehouse: string; readonly sku: string; readonly onHand: number; readonly safetyStock?: number; readonly inTransit?: number }

export interface WsRoleSpec {
  readonly fanout?: Partial<WsRoleOptions['fanout']>;
  readonly board?: WsRoleOptions['board'];
  readonly aggregator?: WsRoleOptions['aggregator'];
  /** Default: the runtime's PostgreSQL. */
  readonly sql?: Runtime['sql'] | null;
  readonly clock?: Clock;
  readonly registry?: Registry;
  /** Default: the harness's (api_keys in PostgreSQL). */
  readonly keys?: KeyStatus;
}

export interface WsHarness {
  readonly namespace: string;
  readonly rt: Runtime;
  readonly nats: NatsHarness;
  readonly tokens: HarnessTokens;
  /** Live API keys, as the ws role checks them (PostgreSQL). */
  readonly keys: KeyStatus;
  tenant(spec?: { warehouses?: string[]; skus?: string[]; stock?: StockSpec[] }): Promise<TenantFixture>;
  setStock(tenant: string, s: StockSpec): Promise<void>;
  /** Reserves through the reservation service (Redis Lua + outbox); returns the reservation id. */
  reserve(tenant: string, sku: string, qty: number, warehouse?: string): Promise<string>;
  transition(tenant: string, op: 'confirm' | 'release' | 'fulfil', id: string): Promise<void>;
  startWs(spec?: WsRoleSpec): Promise<WsRole>;
  url(role: WsRole | number, token: string, format?: FrameFormat): string;
  connect(role: WsRole | number, token: string, format?: FrameFormat): Promise<TestClient>;
  close(): Promise<void>;
}

export async function createWsHarness(kind: string): Promise<WsHarness> {
  const namespace = randomNamespace(`ws_${kind}`);
  const config = loadConfig({ ...process.env, PALLET_NAMESPACE: namespace, PALLET_LOG_LEVEL: 'silent', PALLET_ADMIN_KEY: `op_${randomBytes(24).toString('base64url')}` });
  const rt = await buildRuntime(config, { metrics: createMetrics({ defaults: false }) });
  const tenants: string[] = [];
  const roles: WsRole[] = [];
  const clients: TestClient[] = [];
  let nats: NatsHarness | null = null;
  let relay: OutboxRelay | null = null;
  const tokens = new HarnessTokens({ secret: randomDashboardSecret(), ttlSecondsDefault: 300, ttlSecondsMax: 3_600 }, systemClock);
  const keys = new KeyStatusRepo(rt.sql);

  const close = async (): Promise<void> => {
    try {
      for (const c of clients) c.close();
      for (const r of roles) await r.stop();
      await relay?.stop();
      await nats?.close();
      await dropNamespace(rt, namespace);
    } finally {
      await rt.close();
    }
  };

  try {
    await runMigrations(rt);
    nats = await createNatsHarness(namespace);
    relay = new OutboxRelay({
      redis: rt.redis, nats: nats.nats, namespace, events: nats.events, listTenants: async () => [...tenants],
      log: rt.log, metrics: rt.metrics, instanceId: `test-relay-${randomBytes(3).toString('hex')}`, tenantsRefreshMs: 20,
    });
    relay.start();
  } catch (err) {
    await close();
    throw err;
  }
  const natsH = nats;

  const must = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string; detail: string } }, what: string): T => {
    if (!r.ok) throw new Error(`${what}: ${r.error.code} ${r.error.detail}`);
    return r.value;
  };

  const harness: WsHarness = {
    namespace, rt, nats: natsH, tokens, keys,
    async tenant(spec = {}) {
      const id = `tn_${randomBytes(4).toString('hex')}`;
      await rt.store.createTenant(id, `Tenant ${id}`);
      const key = async (scope: 'read' | 'checkout' | 'admin') => (await rt.store.createApiKey(id, [scope], `ws test ${scope}`))!;
      const [read, checkout, admin] = [await key('read'), await key('checkout'), await key('admin')];
      const keys = { read: read.key, checkout: checkout.key, admin: admin.key };
      const keyIds = { read: read.id, checkout: checkout.id, admin: admin.id };
      tokens.readKeyOf.set(id, read.id);
      for (const w of spec.warehouses ?? ['A']) {
        must(await rt.deps.catalogs.putWarehouse(id, { id: w, name: `Warehouse ${w}`, region: 'CN-ZJ', priority: 1 }), `warehouse ${w}`);
      }
      for (const s of spec.skus ?? []) must(await rt.deps.catalogs.putSku(id, { sku: s, name: `Name of ${s}`, components: [] }), `sku ${s}`);
      tenants.push(id);
      for (const s of spec.stock ?? []) await harness.setStock(id, s);
      return { id, keys, keyIds };
    },
    async setStock(tenant, s) {
      const { warehouse, sku, ...level } = s;
      must(await rt.deps.stock.set(tenant, warehouse, sku, { ...level, reason: 'ws test' }), `stock ${warehouse}/${sku}`);
    },
    async reserve(tenant, sku, qty, warehouse) {
      const r = must(await rt.deps.reservations.reserve(tenant, { lines: [{ sku, qty }], ...(warehouse ? { warehouse } : {}) }, `idem_${randomBytes(8).toString('hex')}`), `reserve ${sku}`);
      return r.reservation.id;
    },
    async transition(tenant, op, id) {
      must(await rt.deps.reservations.transition(tenant, op, id), `${op} ${id}`);
    },
    async startWs(spec = {}) {
      const role = await startWsRole({
        redis: rt.redis, nats: natsH.nats, sql: spec.sql === undefined ? rt.sql : spec.sql, tokens, keys: spec.keys ?? keys,
        catalog: rt.deps.catalogs, clock: spec.clock ?? systemClock, log: rt.log, ...(spec.registry ? { registry: spec.registry } : {}),
      }, {
        namespace,
        fanout: { host: '127.0.0.1', port: 0, ...spec.fanout },
        board: spec.board,
        aggregator: { driftPollMs: 100, ...spec.aggregator },
      });
      roles.push(role);
      return role;
    },
    url: (role, token, format = 'json') => {
      const port = typeof role === 'number' ? role : role.port;
      return `ws://127.0.0.1:${port}${dashboardPath}?token=${encodeURIComponent(token)}${format === 'protobuf' ? '&format=protobuf' : ''}`;
    },
    async connect(role, token, format = 'json') {
      const c = new TestClient(harness.url(role, token, format), format);
      clients.push(c);
      await c.opened;
      return c;
    },
    close,
  };
  return harness;
}

/** A dashboard client: every frame decoded (JSON or protobuf) in arrival order. */
export class TestClient {
  readonly frames: Frame[] = [];
  readonly opened: Promise<void>;
  closed: { code: number; reason: string } | null = null;
  private readonly ws: WebSocket;
  private waiters: (() => void)[] = [];

  constructor(url: string, readonly format: FrameFormat) {
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'arraybuffer';
    this.opened = new Promise((resolve, reject) => {
      this.ws.addEventListener('open', () => resolve());
      this.ws.addEventListener('error', () => reject(new Error(`WebSocket to ${url.replace(/token=[^&]+/, 'token=…')} failed`)));
    });
    this.opened.catch(() => undefined);
    this.ws.addEventListener('message', (e) => {
      const data = e.data as string | ArrayBuffer;
      this.frames.push(typeof data === 'string' ? (JSON.parse(data) as Frame) : decodeProtoFrame(new Uint8Array(data)));
      this.wake();
    });
    this.ws.addEventListener('close', (e) => {
      this.closed = { code: e.code, reason: e.reason };
      this.wake();
    });
  }

  send(msg: unknown): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  subscribe(topic: string): void {
    this.send({ op: 'subscribe', topic });
  }

  /** Frames of a topic (any type), in order. */
  of(topic: string): Frame[] {
    return this.frames.filter((f) => f.topic === topic);
  }

  /** Waits until `pick` returns something other than undefined (checked on every frame and close). */
  async waitFor<T>(pick: (c: TestClient) => T | undefined, timeoutMs = 10_000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = pick(this);
      if (v !== undefined) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; frames: ${JSON.stringify(this.frames.map((f) => [f.type, f.topic, f.seq])).slice(0, 2_000)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  /** The snapshot of a topic (waits for it). */
  snapshot(topic: string, timeoutMs?: number): Promise<Frame> {
    return this.waitFor((c) => c.of(topic).find((f) => f.type === 'snapshot'), timeoutMs, `snapshot of ${topic}`);
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

/** The HTTP answer to a WebSocket upgrade request (101 when accepted), with its body. */
export function upgradeStatus(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url.replace(/^ws:/, 'http:'));
    const req = request({
      host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`,
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': randomBytes(16).toString('base64'), 'Sec-WebSocket-Version': '13' },
      timeout: 5_000,
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('upgrade request timed out')));
    req.on('error', reject);
    req.end();
  });
}

/** Deltas of a topic in order, after its snapshot. */
export const deltasOf = (c: TestClient, topic: string): Frame[] => c.of(topic).filter((f) => f.type === 'delta');
