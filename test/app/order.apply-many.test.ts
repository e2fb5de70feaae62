// OrderApplyService.applyMany (the orders role's batches): documents of one
// tenant share a read and a write transaction, yet each keeps its own
// outcome, one order's documents apply in their order, replays and dead
// letters stay what they are, and a write that fails inside the shared
// transaction does not lose the others (each is applied alone). Real
// PostgreSQL, Redis and NATS through the HTTP harness's runtime.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeDocument } from '../../src/app/intake.port.ts';
import { OrderApplyService, type ApplyOutcome } from '../../src/app/order.apply.service.ts';
import { orderIdOf } from '../../src/app/order.ids.ts';
import type { OrderStore, OrderTx } from '../../src/app/order.port.ts';
import { createHttpHarness, type HttpHarness, type TenantFixture } from '../helpers/http.ts';

let h: HttpHarness;
const rid = (prefix: string): string => `${prefix}_${randomBytes(5).toString('hex')}`;

beforeAll(async () => {
  h = await createHttpHarness();
});

afterAll(async () => {
  await h?.close();
});

async function tenantWithChannel(): Promise<TenantFixture> {
  const t = await h.tenant({ warehouses: [{ id: 'w1' }], skus: [{ sku: 'A' }], stock: [{ warehouse: 'w1', sku: 'A', onHand: 100 }] });
  const r = await h.call({ method: 'POST', url: '/v1/channels', key: t.keys.admin, body: { id: 'gen', type: 'generic', name: 'Generic', webhookSecret: 'x'.repeat(32) } });
  expect(r.status, r.text).toBe(201);
  return t;
}

function doc(tenant: string, externalId: string, over: Record<string, unknown> = {}, deliveryId = rid('d')): IntakeDocument {
  const body = {
    externalId,
    buyer: { name: 'Li Lei', phone: '+86 138 0013 8000' },
    shippingAddress: { name: 'Li Lei', phone: '138-0013-8000', country: 'CN', province: 'Zhejiang', city: 'Hangzhou', district: 'Xihu', address1: '1 Wensan Road' },
    lines: [{ sku: 'A', qty: 1, unitPriceMinor: 1_000 }],
    totals: { currency: 'CNY', itemsMinor: 1_000, shippingMinor: 0, discountMinor: 0, totalMinor: 1_000 },
    placedAtMs: Date.UTC(2026, 11, 1),
    ...over,
  };
  return { tenant, channel: 'gen', deliveryId, receivedAtMs: Date.now(), source: 'webhook', topic: '', actor: 'channel:gen', body: Buffer.from(JSON.stringify(body)) };
}

const kinds = (outcomes: readonly (ApplyOutcome | Error)[]): string[] => outcomes.map((o) => (o instanceof Error ? `error: ${o.message}` : o.kind));

async function orderOf(t: TenantFixture, externalId: string): Promise<Record<string, unknown>> {
  const r = await h.call({ method: 'GET', url: `/v1/orders/${orderIdOf('gen', externalId)}`, key: t.keys.admin });
  expect(r.status, r.text).toBe(200);
  return r.body as Record<string, unknown>;
}

describe('applyMany', () => {
  it('gives each document its own outcome: new orders, one order twice in its order, a dead letter, a replay', async () => {
    const t = await tenantWithChannel();
    const [a, b, c] = [rid('a'), rid('b'), rid('c')];
    const replayed = doc(t.id, rid('r'));
    expect(kinds(await h.rt.orderApply.applyMany([replayed]))).toEqual(['created']);
    const bad = { ...doc(t.id, rid('x')), body: Buffer.from('{"externalId": 5') };
    const batch = [
      doc(t.id, a), doc(t.id, b),
      doc(t.id, c), doc(t.id, c, { paidAtMs: Date.UTC(2026, 11, 2) }),
      bad, { ...replayed, receivedAtMs: Date.now() },
    ];
    const outcomes = await h.rt.orderApply.applyMany(batch);
    expect(kinds(outcomes)).toEqual(['created', 'created', 'created', 'updated', 'dead_letter', 'replayed']);
    expect((await orderOf(t, a)).status).toBe('pending_payment');
    const paid = await orderOf(t, c);
    expect(paid.version).toBe(2);
    expect(paid.status).toBe('released');
    const audit = await h.call({ method: 'GET', url: `/v1/orders/${orderIdOf('gen', c)}/audit`, key: t.keys.admin });
    expect(audit.status, audit.text).toBe(200);
    expect((audit.body.entries as { action: string }[]).map((e) => e.action)).toEqual(['created', 'status_released']);
  });

  it('keeps tenants apart in one batch', async () => {
    const [t1, t2] = [await tenantWithChannel(), await tenantWithChannel()];
    const ids = [rid('p'), rid('q')];
    const outcomes = await h.rt.orderApply.applyMany([doc(t1.id, ids[0]!), doc(t2.id, ids[1]!), doc(t1.id, ids[1]!)]);
    expect(kinds(outcomes)).toEqual(['created', 'created', 'created']);
    expect((await orderOf(t1, ids[0]!)).externalId).toBe(ids[0]);
    expect((await orderOf(t2, ids[1]!)).externalId).toBe(ids[1]);
    expect((await orderOf(t1, ids[1]!)).externalId).toBe(ids[1]);
    const missing = await h.call({ method: 'GET', url: `/v1/orders/${orderIdOf('gen', ids[0]!)}`, key: t2.keys.admin });
    expect(missing.status).toBe(404);
  });

  it('a write failing inside the shared transaction rolls it back, and every document is then applied alone', async () => {
    const t = await tenantWithChannel();
    const failing = rid('fail');
    let injected = 0;
    const inner = (h.rt.orderApply as unknown as { orders: OrderStore }).orders;
    const wrapped: OrderStore = {
      ...inner,
      list: inner.list.bind(inner), audit: inner.audit.bind(inner), setHoldRules: inner.setHoldRules.bind(inner),
      inTenant: (tenant, fn) => inner.inTenant(tenant, (tx) => fn(Object.assign(Object.create(tx) as OrderTx, {
        noteDelivery: async (channel: string, deliveryId: string) => {
          if (deliveryId === failing && injected === 0) { injected++; throw new Error('injected write failure'); }
          return tx.noteDelivery(channel, deliveryId);
        },
      }))),
    };
    const parts = h.rt.orderApply as unknown as { channelStore: never; channels: never; stock: never; clock: never; limits: never };
    const apply = new OrderApplyService(wrapped, parts.channelStore, parts.channels, parts.stock, parts.clock, parts.limits);
    const ids = [rid('f1'), rid('f2'), rid('f3')];
    const outcomes = await apply.applyMany([doc(t.id, ids[0]!), doc(t.id, ids[1]!, {}, failing), doc(t.id, ids[2]!)]);
    expect(injected).toBe(1);
    expect(kinds(outcomes)).toEqual(['created', 'created', 'created']);
    for (const id of ids) expect((await orderOf(t, id)).version).toBe(1);
    // One reservation each: the stock steps repeated by the fallback moved nothing twice.
    expect((await h.cell(t.id, 'w1', 'A')).reserved).toBe(3);
  });
});
