// Fault test of the order pool (issue 11): kill -9 of the core during a burst
// of signed channel webhooks, each delivered 1-3 times (a platform's retries),
// concurrently. Private Redis (AOF) and NATS, the core as a child process;
// PostgreSQL is the shared one in this file's own schema. Every document that
// got a 202 (or a 409: accepted before) must become exactly one order, with
// one `created` audit entry, and the stock committed must be exactly what
// the orders hold: nothing lost, nothing applied twice. Deliveries cut by the
// kill (no answer) may or may not have been applied; at most one order each.

import { createHmac, randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Held, faultEnv, migrateCore } from './held.ts';
import { createTenant, type Tenant } from './client.ts';
import { sleep, waitFor, type Core, type CoreEnv } from './servers.ts';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const adminKey = `op_${randomBytes(24).toString('base64url')}`;
const secret = 'fault-webhook-secret-0001';
const documents = 240;
const concurrency = 6;

const held = new Held();
afterAll(() => held.release(databaseUrl), 60_000);

interface Outcome { acknowledged: Set<string>; unanswered: Set<string>; deliveries: number; statuses: Map<number, number>; okTimes: number[] }

function shopifyDocument(n: number): Record<string, unknown> {
  return {
    id: 9_000_000 + n, created_at: '2026-12-03T08:00:00Z', processed_at: '2026-12-03T08:00:05Z', financial_status: 'paid', cancelled_at: null,
    currency: 'CNY', total_line_items_price: '30.00', total_discounts: '0.00', total_price: '30.00',
    total_shipping_price_set: { shop_money: { amount: '0.00', currency_code: 'CNY' } },
    email: `buyer${n}@example.com`, phone: '+8613800138000',
    shipping_address: { name: `Buyer ${n}`, phone: '13800138000', country_code: 'CN', province: '浙江省', city: '杭州市', address1: '文三路 1 号' },
    line_items: [{ sku: 'SKU-1', quantity: 1, price: '10.00' }, { sku: 'SKU-2', quantity: 2, price: '10.00' }],
  };
}

/** Posts one delivery until it gets an answer that is not a 5xx or a cut connection, or the core stays away too long. */
async function deliver(core: Core, tenant: string, n: number, deliveryId: string, out: Outcome): Promise<void> {
  const body = JSON.stringify(shopifyDocument(n));
  const externalId = String(9_000_000 + n);
  for (let attempt = 0; attempt < 60; attempt++) {
    out.deliveries++;
    try {
      const r = await fetch(`${core.base}/v1/channels/shop/orders?tenant=${tenant}`, {
        method: 'POST', body, signal: AbortSignal.timeout(5_000),
        headers: {
          'content-type': 'application/json', 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': deliveryId,
          'x-shopify-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64'),
        },
      });
      out.statuses.set(r.status, (out.statuses.get(r.status) ?? 0) + 1);
      if (r.status === 202 || r.status === 409) {
        out.acknowledged.add(externalId);
        out.okTimes.push(Date.now());
        return;
      }
      if (r.status < 500) throw new Error(`delivery ${deliveryId} answered ${r.status}: ${await r.text()}`);
    } catch (err) {
      if ((err as Error).message.startsWith('delivery ')) throw err;
    }
    await sleep(100);
  }
  out.unanswered.add(externalId);
}

describe('faults: orders under kill -9 of the core', () => {
  let core: Core;
  let env: CoreEnv;
  let tenant: Tenant;

  beforeAll(async () => {
    const redis = await held.redis(true);
    const nats = await held.nats();
    env = faultEnv({
      redisUrl: redis.url, natsUrl: nats.url, databaseUrl, namespace: held.namespace(), adminKey, ackWaitMs: 2_000, sweepIntervalMs: 250,
      extra: { PALLET_SECRETS_KEY: randomBytes(32).toString('hex') },
    });
    await migrateCore(env);
    core = await held.core(env, held.dir('core'));
    tenant = await createTenant(core.base, adminKey);
    const r = await fetch(`${core.base}/v1/channels`, {
      method: 'POST', headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'shop', type: 'shopify', name: 'Fault shop', webhookSecret: secret }),
    });
    expect(r.status).toBe(201);
  }, 90_000);

  it('every acknowledged webhook becomes exactly one order, with its stock committed once', async () => {
    const out: Outcome = { acknowledged: new Set(), unanswered: new Set(), deliveries: 0, statuses: new Map(), okTimes: [] };
    // 1-3 deliveries of each document (the same delivery id: a platform retry), shuffled, `concurrency` at a time.
    const queue = Array.from({ length: documents }, (_, n) => Array.from({ length: 1 + (n % 3) }, () => n)).flat().sort(() => Math.random() - 0.5);
    let next = 0;
    let killedAt = 0;
    const workers = Array.from({ length: concurrency }, async () => {
      while (next < queue.length) {
        const n = queue[next++]!;
        await deliver(core, tenant.id, n, `wh-${n}`, out);
      }
    });
    await waitFor('answers before the kill', async () => out.okTimes.length > 60, 60_000);
    killedAt = Date.now();
    await core.proc.kill9();
    await sleep(300);
    await core.start();
    await Promise.all(workers);
    expect(out.okTimes.filter((t) => t < killedAt).length).toBeGreaterThan(50);
    expect(out.okTimes.filter((t) => t > killedAt).length).toBeGreaterThan(50);

    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const schema = env.PALLET_NAMESPACE;
      const count = async () => (await sql<{ n: number }[]>`select count(*)::int as n from ${sql(schema)}.orders where tenant_id = ${tenant.id}`)[0]!.n;
      // The orders role drains the intake stream: wait until every acknowledged document has its order.
      await waitFor('every acknowledged document applied', async () => (await count()) >= out.acknowledged.size, 60_000, 250);
      await sleep(1_000); // anything still in flight (cut deliveries that were applied) lands too
      const rows = await sql<{ external_id: string; status: string; version: number; created: number }[]>`
        select o.external_id, o.status, o.version,
          (select count(*)::int from ${sql(schema)}.order_audit a where a.tenant_id = o.tenant_id and a.order_id = o.id and a.action = 'created') as created
        from ${sql(schema)}.orders o where o.tenant_id = ${tenant.id}`;
      const byExternal = new Map(rows.map((r) => [r.external_id, r]));
      const lost = [...out.acknowledged].filter((id) => !byExternal.has(id));
      const unexplained = rows.filter((r) => !out.acknowledged.has(r.external_id) && !out.unanswered.has(r.external_id));
      const statuses = [...out.statuses].map(([s, n]) => `${s}:${n}`).join(',');
      console.log(`[fault] orders kill -9: documents=${documents} deliveries=${out.deliveries} (${statuses}) acknowledged=${out.acknowledged.size} unanswered=${out.unanswered.size} orders=${rows.length} lost=${lost.length} unexplained=${unexplained.length}`);
      expect(lost).toEqual([]);
      expect(unexplained).toEqual([]);
      expect(rows.every((r) => r.created === 1 && r.version === 1 && r.status === 'released')).toBe(true);
      // Stock: each order commits SKU-1 ×1 and SKU-2 ×2, once.
      await waitFor('ledger caught up', async () => {
        const c = await sql<{ n: string }[]>`select coalesce(sum(d_committed), 0)::text as n from ${sql(schema)}.stock_ledger where tenant_id = ${tenant.id} and sku = 'SKU-1'`;
        return Number(c[0]!.n) === rows.length;
      }, 30_000, 250).catch(() => undefined); // the assertion below names the figures
      const ledger = await sql<{ sku: string; committed: string }[]>`
        select sku, sum(d_committed)::text as committed from ${sql(schema)}.stock_ledger
        where tenant_id = ${tenant.id} and sku in ('SKU-1', 'SKU-2') group by sku order by sku`;
      expect(ledger.map((r) => [r.sku, Number(r.committed)])).toEqual([['SKU-1', rows.length], ['SKU-2', 2 * rows.length]]);
    } finally {
      await sql.end({ timeout: 2 });
    }
  }, 180_000);
});
