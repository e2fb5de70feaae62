// Harness for HTTP tests: the real runtime (PostgreSQL schema + Redis keys
// under a random namespace), the Fastify app driven by app.inject(), and
// helpers that build tenants, keys, warehouses, SKUs and stock through the
// API itself. close() drops the schema, deletes `<ns>:*` by SCAN and closes
// every client. Never FLUSHALL: Redis and PostgreSQL are shared.

import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../../src/adapters/http/app.ts';
import { namespacePattern } from '../../src/adapters/redis/keys.ts';
import type { Clock } from '../../src/app/clock.port.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { buildRuntime, runMigrations, type Runtime } from '../../src/main.ts';
import { readCounters, type Counters } from './outbox.ts';
import { deleteMatching, dumpKeys, randomNamespace, scanKeys, type KeyDump } from './redis.ts';

export type Scope = 'admin' | 'checkout' | 'read';

export interface TenantFixture {
  readonly id: string;
  /** One key per scope, made through POST /v1/tenants/{id}/keys with the operator key. */
  readonly keys: Readonly<Record<Scope, string>>;
}

export interface WarehouseSpec { readonly id: string; readonly region?: string; readonly priority?: number; readonly name?: string }
export interface SkuSpec { readonly sku: string; readonly name?: string; readonly components?: readonly { sku: string; qty: number }[] }
export interface StockSpec { readonly warehouse: string; readonly sku: string; readonly onHand: number; readonly safetyStock?: number; readonly inTransit?: number }

export interface TenantSpec {
  readonly warehouses?: readonly WarehouseSpec[];
  readonly skus?: readonly SkuSpec[];
  readonly stock?: readonly StockSpec[];
}

export interface Call {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  readonly url: string;
  /** Bearer key; omit for no Authorization header. */
  readonly key?: string;
  /** Sent as JSON (content-type application/json). */
  readonly body?: unknown;
  /** Sent as is (raw JSON text, a form, a huge buffer); set content-type in headers. */
  readonly payload?: string | Buffer;
  readonly headers?: Record<string, string>;
}

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | number | undefined>;
  readonly text: string;
  /** The parsed JSON body (undefined when the body is not JSON). */
  readonly body: any;
}

/** Everything a bad request must leave unchanged, for one tenant. */
export interface TenantState {
  readonly outboxLength: number;
  readonly reservations: number;
  readonly catalogVersion: number;
  /** Every Redis key of the tenant, with type, value and TTL flag. */
  readonly keys: KeyDump;
}

export interface HttpHarness {
  readonly namespace: string;
  readonly adminKey: string;
  readonly config: Config;
  readonly rt: Runtime;
  readonly app: FastifyInstance;
  /** Moves the runtime's clock (reservation expiry, event times); reset() puts it back to real time. */
  readonly clock: { advance(ms: number): void; reset(): void };
  call(c: Call): Promise<Reply>;
  /** A new tenant with a key of each scope, then its warehouses, SKUs and stock, all through the API. */
  tenant(spec?: TenantSpec): Promise<TenantFixture>;
  /** POST /v1/reservations with the tenant's checkout key and a fresh Idempotency-Key unless given. */
  reserve(t: TenantFixture, body: unknown, idempotencyKey?: string): Promise<Reply>;
  cell(tenant: string, warehouse: string, sku: string): Promise<Counters>;
  outboxLength(tenant: string): Promise<number>;
  reservationCount(tenant: string): Promise<number>;
  state(tenant: string): Promise<TenantState>;
  close(): Promise<void>;
}

const randomId = (prefix: string): string => `${prefix}_${randomBytes(5).toString('hex')}`;

export async function createHttpHarness(env: Record<string, string> = {}): Promise<HttpHarness> {
  const namespace = randomNamespace('http');
  const adminKey = `op_${randomBytes(24).toString('base64url')}`;
  const config = loadConfig({
    ...process.env, PALLET_NAMESPACE: namespace, PALLET_ADMIN_KEY: adminKey, PALLET_LOG_LEVEL: 'silent', ...env,
  });
  let offsetMs = 0;
  const clock: Clock = { nowMs: () => Date.now() + offsetMs };
  const rt = await buildRuntime(config, { clock });
  let app: FastifyInstance | undefined;
  try {
    await runMigrations(rt);
    app = await buildApp(rt.deps);
  } catch (err) {
    await cleanup(rt, namespace, app);
    throw err;
  }
  const built = app;

  const call = async (c: Call): Promise<Reply> => {
    const headers: Record<string, string> = { ...c.headers };
    if (c.key !== undefined) headers.authorization = `Bearer ${c.key}`;
    const opts: InjectOptions = { method: c.method, url: c.url, headers };
    if (c.body !== undefined) {
      opts.payload = JSON.stringify(c.body);
      headers['content-type'] ??= 'application/json';
    } else if (c.payload !== undefined) {
      opts.payload = c.payload;
    }
    return replyOf(await built.inject(opts));
  };

  const must = async (c: Call, statuses: readonly number[]): Promise<Reply> => {
    const r = await call(c);
    if (!statuses.includes(r.status)) throw new Error(`${c.method} ${c.url} answered ${r.status}: ${r.text.slice(0, 500)}`);
    return r;
  };

  const redis = () => rt.redis.next();
  const prefix = (tenant: string) => rt.engine.keys(tenant).prefix;

  const harness: HttpHarness = {
    namespace, adminKey, config, rt, app: built,
    clock: { advance: (ms) => { offsetMs += ms; }, reset: () => { offsetMs = 0; } },
    call,
    async tenant(spec = {}) {
      const id = randomId('tn');
      await must({ method: 'POST', url: '/v1/tenants', key: adminKey, body: { id, name: `Tenant ${id}` } }, [201]);
      const keyOf = async (scope: Scope): Promise<string> => {
        const r = await must({ method: 'POST', url: `/v1/tenants/${id}/keys`, key: adminKey, body: { scopes: [scope], label: `test ${scope}` } }, [201]);
        return r.body.key as string;
      };
      const keys = { admin: await keyOf('admin'), checkout: await keyOf('checkout'), read: await keyOf('read') };
      for (const w of spec.warehouses ?? []) {
        await must({ method: 'PUT', url: `/v1/warehouses/${w.id}`, key: keys.admin, body: { name: w.name ?? `Warehouse ${w.id}`, region: w.region ?? 'CN-ZJ', priority: w.priority ?? 1 } }, [201]);
      }
      for (const s of spec.skus ?? []) {
        const body = { name: s.name ?? `SKU ${s.sku}`, ...(s.components === undefined ? {} : { components: s.components }) };
        await must({ method: 'PUT', url: `/v1/skus/${s.sku}`, key: keys.admin, body }, [201]);
      }
      for (const c of spec.stock ?? []) {
        const { warehouse, sku, ...level } = c;
        await must({ method: 'PUT', url: `/v1/stock/${warehouse}/${sku}`, key: keys.admin, body: { ...level, reason: 'test setup' } }, [200]);
      }
      return { id, keys };
    },
    reserve: (t, body, idempotencyKey) => call({
      method: 'POST', url: '/v1/reservations', key: t.keys.checkout, body,
      headers: { 'idempotency-key': idempotencyKey ?? randomId('idem') },
    }),
    cell: (tenant, warehouse, sku) => readCounters(redis(), rt.engine.keys(tenant), warehouse, sku),
    outboxLength: (tenant) => redis().xlen(rt.engine.keys(tenant).outbox),
    reservationCount: async (tenant) => (await scanKeys(redis(), `${prefix(tenant)}r:*`)).length,
    async state(tenant) {
      const [row] = await rt.sql<{ catalog_version: string }[]>`select catalog_version from tenants where id = ${tenant}`;
      return {
        outboxLength: await harness.outboxLength(tenant),
        reservations: await harness.reservationCount(tenant),
        catalogVersion: Number(row?.catalog_version ?? -1),
        keys: await dumpKeys(redis(), `${prefix(tenant)}*`),
      };
    },
    close: () => cleanup(rt, namespace, built),
  };
  return harness;
}

async function cleanup(rt: Runtime, namespace: string, app: FastifyInstance | undefined): Promise<void> {
  try {
    await app?.close();
    await dropNamespace(rt, namespace);
  } finally {
    await rt.close();
  }
}

/** Drops the namespace's schema and Redis keys, and checks that no key is left. */
export async function dropNamespace(rt: Runtime, namespace: string): Promise<void> {
  await rt.sql`drop schema if exists ${rt.sql(namespace)} cascade`;
  await deleteMatching(rt.redis.next(), namespacePattern(namespace));
  const left = await scanKeys(rt.redis.next(), namespacePattern(namespace));
  if (left.length > 0) throw new Error(`namespace ${namespace} still has ${left.length} Redis keys after cleanup`);
}

/** The field names a problem body gives: `field` and every `errors[].field`. */
export function problemFields(body: any): string[] {
  const out: string[] = [];
  if (typeof body?.field === 'string') out.push(body.field);
  if (Array.isArray(body?.errors)) for (const e of body.errors) if (typeof e?.field === 'string') out.push(e.field);
  return out;
}

/**
 * Asserts an application/problem+json answer with this status and code; when
 * `field` is given, that the problem names it in `field` or `errors[].field`.
 */
export function expectProblem(r: Reply, status: number, code: string, field?: string): void {
  expect({ status: r.status, code: r.body?.code }, r.text.slice(0, 600)).toEqual({ status, code });
  expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(r.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  if (field !== undefined) {
    expect(problemFields(r.body), r.text.slice(0, 600)).toContain(field);
  }
}

/** An injected response as a Reply: status, headers, text, and the body parsed when it is JSON. */
export function replyOf(res: { statusCode: number; headers: Reply['headers']; payload: string }): Reply {
  let body: unknown;
  try {
    body = JSON.parse(res.payload);
  } catch {
    body = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text: res.payload, body };
}
