// The orders.pool topic end to end on the real Redis, NATS and PostgreSQL:
// orders made through the real services (a signed Shopify webhook → intake
// stream → orders role → PostgreSQL + order.changed), the ws role rebuilding
// today's orders from PostgreSQL at start, then following order.changed live
// (a review releasing a held order), JSON and protobuf alike; events repeated
// and out of order on the stream; the start-up reader under row-level security.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEnvelope, subjectOf } from '../../src/adapters/events/envelope.codec.ts';
import { PgBoardOrdersRepo } from '../../src/adapters/postgres/board.orders.repo.ts';
import type { OrderPoolData, OrderUpdate } from '../../src/app/board/board.types.ts';
import { dayCalculator } from '../../src/app/board/day.ts';
import { webhookHmacBase64 } from '../../src/app/channel.signature.ts';
import { orderIdOf } from '../../src/app/order.ids.ts';
import { serve } from '../../src/main.ts';
import type { WsRole } from '../../src/roles/fanout.role.ts';
import { createWsHarness, deltasOf, type TenantFixture, type TestClient, type WsHarness } from './harness.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/channels/shopify.order.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const secret = 'shpss_ws_orders_0001';
const released = orderIdOf('shop1', '1001');
const held = orderIdOf('shop1', '1002');

let h: WsHarness;
let t: TenantFixture;
let other: TenantFixture;
let role: WsRole;
let stopOrders: (() => Promise<void>) | undefined;

function send(tenant: string, externalId: string) {
  const body = Buffer.from(JSON.stringify({ ...fixture, id: Number(externalId), processed_at: new Date(Date.now() - 60_000).toISOString() }));
  return h.rt.deps.intake.receive(tenant, 'shop1', {
    'x-shopify-hmac-sha256': webhookHmacBase64(secret, body), 'x-shopify-webhook-id': `d-${randomBytes(6).toString('hex')}`, 'x-shopify-topic': 'orders/create',
  }, body);
}

async function orderIn(tenant: string, id: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await h.rt.deps.orders.get(tenant, id)).ok) {
    if (Date.now() > deadline) throw new Error(`order ${id} of ${tenant} not stored in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const counts = (d: OrderPoolData): Record<string, number> => Object.fromEntries(d.counts.map((c) => [`${c.channel}/${c.status}`, c.count]));

beforeAll(async () => {
  h = await createWsHarness('orders');
  const stock = [{ warehouse: 'A', sku: 'SKU-1', onHand: 50 }, { warehouse: 'A', sku: 'SKU-2', onHand: 50 }];
  [t, other] = [await h.tenant({ skus: ['SKU-1', 'SKU-2'], stock }), await h.tenant({ skus: ['SKU-1', 'SKU-2'], stock })];
  const skuMap = { 'TEE-BLK-M': 'SKU-1', '44123456789013': 'SKU-2' };
  for (const x of [t, other]) {
    const ch = await h.rt.deps.channels.create(x.id, { id: 'shop1', type: 'shopify', name: 'Shop', webhookSecret: secret, skuMap });
    if (!ch.ok) throw new Error(`channel: ${ch.error.code} ${ch.error.detail}`);
  }
  stopOrders = (await serve(h.rt, ['orders'])).stop;
  // Before the ws role starts: one released order, one held by a rule (and one of another tenant).
  expect((await send(t.id, '1001')).ok).toBe(true);
  await orderIn(t.id, released);
  expect((await h.rt.deps.orders.setHoldRules(t.id, [{ kind: 'totalAtLeast', minor: 1 }])).ok).toBe(true);
  expect((await send(t.id, '1002')).ok).toBe(true);
  expect((await send(other.id, '1003')).ok).toBe(true);
  await orderIn(t.id, held);
  await orderIn(other.id, orderIdOf('shop1', '1003'));
  role = await h.startWs({ fanout: { coalesceMs: 20 } });
}, 90_000);

afterAll(async () => {
  await stopOrders?.();
  await h?.close();
}, 60_000);

describe('orders.pool', () => {
  let json: TestClient;
  let proto: TestClient;

  it('rebuilds today\'s orders from PostgreSQL at start and serves them as the snapshot, JSON and protobuf alike', async () => {
    expect(role.started.orders).toBe(3);
    json = await h.connect(role, h.tokens.issue(t.id).token, 'json');
    proto = await h.connect(role, h.tokens.issue(t.id).token, 'protobuf');
    for (const c of [json, proto]) c.subscribe('orders.pool');
    const [a, b] = [await json.snapshot('orders.pool'), await proto.snapshot('orders.pool')];
    expect(b).toEqual(a);
    const d = a.data as OrderPoolData;
    expect(counts(d)).toEqual({ 'shop1/on_hold': 1, 'shop1/released': 1 });
    expect(d).toMatchObject({ total: 2, heldCount: 1, paidToReleasedSamples: 1, approximate: false, unheld: [] });
    expect(d.held).toHaveLength(1);
    expect(d.held[0]).toMatchObject({ orderId: held, channel: 'shop1', externalId: '1002', currency: 'USD', version: 1 });
    expect(d.held[0]!.holds.map((x) => x.rule)).toEqual(['totalAtLeast']);
    expect(d.held[0]!.since).toBeGreaterThan(Date.now() - 120_000);
  });

  it('follows order.changed live: a review releases the held order (unheld, counts moved, two releases timed)', async () => {
    const reviewed = await h.rt.deps.orders.review(t.id, held, 'approve', 'checked', { kind: 'key', id: t.keyIds.admin });
    expect(reviewed.ok).toBe(true);
    for (const c of [json, proto]) {
      await c.waitFor((x) => deltasOf(x, 'orders.pool').find((f) => (f.data as OrderPoolData).unheld.includes(held)), 10_000, 'the held order released');
      const snap = c.of('orders.pool').find((f) => f.type === 'snapshot')!;
      const deltas = deltasOf(c, 'orders.pool');
      expect(deltas.map((f) => f.seq)).toEqual(deltas.map((_, i) => snap.seq + 1 + i));
      const last = deltas.at(-1)!.data as OrderPoolData;
      expect(counts(last)).toMatchObject({ 'shop1/on_hold': 0, 'shop1/released': 2 });
      expect(last).toMatchObject({ total: 2, heldCount: 0, paidToReleasedSamples: 2, paidToReleasedMeasured: 2 });
    }
    expect(deltasOf(proto, 'orders.pool')).toEqual(deltasOf(json, 'orders.pool'));
  });

  it('counts an order once at its latest version when its events arrive repeated and out of order', async () => {
    const publish = (id: string, version: number, status: string, msgId?: string) => {
      const at = Date.now();
      const data = encodeEnvelope({
        eventId: `order:${id}:v${version}`, tenant: t.id, type: 'order.changed', aggregateId: id, sequence: version, occurredAtMs: at,
        orderChanged: {
          orderId: id, channel: 'manual', externalId: id, status, version, action: 'test', currency: 'CNY', totalMinor: 100,
          holds: status === 'on_hold' ? [{ rule: 'channelFlag', detail: 'buyerMessage' }] : [], placedAtMs: at, paidAtMs: at,
        },
      });
      return h.rt.nats.js.publish(subjectOf(h.namespace, t.id, 'order.changed'), data, msgId === undefined ? {} : { msgID: msgId });
    };
    await publish('ord_x', 1, 'on_hold', 'order:ord_x:v1');
    await publish('ord_x', 3, 'cancelled', 'order:ord_x:v3');
    await publish('ord_x', 2, 'on_hold', 'order:ord_x:v2');
    // Repeats the stream keeps (no message id): the consumer sees them again.
    await publish('ord_x', 3, 'cancelled');
    await publish('ord_x', 1, 'on_hold');
    // A later message: once it shows, every message above has reached the board.
    await publish('ord_y', 1, 'paid', 'order:ord_y:v1');
    await json.waitFor((x) => deltasOf(x, 'orders.pool').find((f) => counts(f.data as OrderPoolData)['manual/paid'] === 1), 10_000, 'the marker order');
    const fresh = await h.connect(role, h.tokens.issue(t.id).token);
    fresh.subscribe('orders.pool');
    const d = (await fresh.snapshot('orders.pool')).data as OrderPoolData;
    expect(counts(d)).toEqual({ 'manual/paid': 1, 'manual/cancelled': 1, 'shop1/released': 2 });
    expect(d.held).toEqual([]);
    expect(d).toMatchObject({ total: 4, heldCount: 0 });
  });

  it('reads a tenant\'s orders of today with their audit times under row-level security, newest first when bounded', async () => {
    const got: { tenant: string; u: OrderUpdate }[] = [];
    const repo = new PgBoardOrdersRepo(h.rt.sql);
    const day = dayCalculator('UTC')(Date.now());
    const all = await repo.loadToday(day, { tenantsMax: 100, perTenantMax: 100, rowsMax: 1_000 }, { applyOrder: (tenant, u) => got.push({ tenant, u }) });
    expect(all).toMatchObject({ orders: 3, truncated: false });
    const mine = got.filter((g) => g.tenant === t.id).map((g) => g.u);
    expect(mine.map((u) => u.id)).toEqual([released, held]);
    const h2 = mine[1]!;
    expect(h2).toMatchObject({ status: 'released', version: 2, channel: 'shop1', externalId: '1002' });
    expect(h2.heldSince).toBeDefined();
    expect(h2.releasedAt!).toBeGreaterThanOrEqual(h2.heldSince!);
    expect(h2.paidAt).toBeGreaterThan(0);
    expect(mine[0]!.releasedAt).toBeGreaterThanOrEqual(mine[0]!.createdAt!);
    expect(mine[0]!.heldSince).toBeUndefined();
    expect(got.find((g) => g.tenant === other.id)?.u.id).toBe(orderIdOf('shop1', '1003'));
    const bounded: OrderUpdate[] = [];
    await repo.loadToday(day, { tenantsMax: 100, perTenantMax: 1, rowsMax: 1_000 }, { applyOrder: (tenant, u) => { if (tenant === t.id) bounded.push(u); } });
    expect(bounded.map((u) => u.id)).toEqual([held]);
    // Yesterday has none.
    const none = await repo.loadToday(dayCalculator('UTC')(Date.now() - 86_400_000), { tenantsMax: 100, perTenantMax: 100, rowsMax: 1_000 }, { applyOrder: () => undefined });
    expect(none).toMatchObject({ orders: 0 });
  });
});
