// The order pool end to end (issue 11), on real Redis, NATS and PostgreSQL:
// a signed Shopify webhook → intake stream → orders role → order row, audit
// entry and stock through the engine; redeliveries, a platform cancel, hold
// rules and review, an unmappable document's dead letter and its replay.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookHmacBase64 } from '../../src/app/channel.signature.ts';
import { orderIdOf } from '../../src/app/order.ids.ts';
import { verifyChain } from '../../src/core/audit.chain.ts';
import type { Order } from '../../src/core/order.types.ts';
import { deleteTopology, topology } from '../../src/adapters/nats/topology.ts';
import { decodeEnvelope } from '../../src/adapters/events/envelope.codec.ts';
import { serve } from '../../src/main.ts';
import { createHttpHarness, type HttpHarness, type TenantFixture } from '../helpers/http.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/channels/shopify.order.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const secret = 'shpss_test_secret_0001';
const skuMap = { 'TEE-BLK-M': 'SKU-1', '44123456789013': 'SKU-2' };
const sha256 = (data: Uint8Array): Uint8Array => createHash('sha256').update(data).digest();

let h: HttpHarness;
let t: TenantFixture;
let stop: () => Promise<void>;

beforeAll(async () => {
  h = await createHttpHarness();
  t = await h.tenant({
    warehouses: [{ id: 'wh1' }], skus: [{ sku: 'SKU-1' }, { sku: 'SKU-2' }],
    stock: [{ warehouse: 'wh1', sku: 'SKU-1', onHand: 10 }, { warehouse: 'wh1', sku: 'SKU-2', onHand: 10 }],
  });
  const created = await h.rt.deps.channels.create(t.id, { id: 'shop1', type: 'shopify', name: 'Shop', webhookSecret: secret, skuMap });
  expect(created.ok).toBe(true);
  stop = (await serve(h.rt, ['orders'])).stop;
}, 60_000);

afterAll(async () => {
  await stop?.();
  if (h !== undefined) await deleteTopology(await h.rt.nats.jsm(), h.namespace);
  await h?.close();
});

function send(doc: Record<string, unknown>, deliveryId: string) {
  const body = Buffer.from(JSON.stringify(doc));
  return h.rt.deps.intake.receive(t.id, 'shop1', {
    'x-shopify-hmac-sha256': webhookHmacBase64(secret, body), 'x-shopify-webhook-id': deliveryId, 'x-shopify-topic': 'orders/create',
  }, body);
}

async function orderWhen(id: string, ready: (o: Order) => boolean): Promise<Order> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const got = await h.rt.deps.orders.get(t.id, id);
    if (got.ok && ready(got.value)) return got.value;
    if (Date.now() > deadline) throw new Error(`order ${id} not as expected in time: ${JSON.stringify(got)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const reservationOf = async (id: string) => {
  const r = await h.rt.deps.reservations.get(t.id, id);
  if (!r.ok) throw new Error(r.error.detail);
  return r.value;
};

describe('orders from a channel, end to end', () => {
  const orderId = orderIdOf('shop1', String(fixture.id));

  it('a paid Shopify order becomes one released order with confirmed stock and an audit entry', async () => {
    expect(await send(fixture, 'd-1')).toEqual({ ok: true, value: { accepted: true } });
    const order = await orderWhen(orderId, () => true);
    expect(order).toMatchObject({ status: 'released', channel: 'shop1', externalId: String(fixture.id), version: 1, holds: [] });
    expect(order.lines.map((l) => [l.sku, l.channelSku, l.qty])).toEqual([['SKU-1', 'TEE-BLK-M', 2], ['SKU-2', '44123456789013', 3]]);
    expect((await reservationOf(order.reservationId!)).status).toBe('confirmed');
    expect(await h.cell(t.id, 'wh1', 'SKU-1')).toMatchObject({ onHand: 10, reserved: 0, committed: 2 });
    const audit = await h.rt.deps.orders.audit(t.id, orderId, 0, 100);
    expect(audit.ok && audit.value.map((e) => [e.seq, e.action, e.actor.kind])).toEqual([[1, 'created', 'channel']]);
  });

  it('the same delivery again is refused as a replay; a new delivery of the same document changes nothing', async () => {
    expect(await send(fixture, 'd-1')).toMatchObject({ ok: false, error: { code: 'CALLBACK_REPLAYED' } });
    expect((await send(fixture, 'd-2')).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 1_000));
    const order = await orderWhen(orderId, () => true);
    expect(order.version).toBe(1);
    expect(await h.cell(t.id, 'wh1', 'SKU-1')).toMatchObject({ committed: 2 });
  });

  it('a wrong signature is refused and appends nothing', async () => {
    const body = Buffer.from(JSON.stringify({ ...fixture, id: 1 }));
    const r = await h.rt.deps.intake.receive(t.id, 'shop1', { 'x-shopify-hmac-sha256': webhookHmacBase64('other', body), 'x-shopify-webhook-id': 'd-x' }, body);
    expect(r).toMatchObject({ ok: false, error: { code: 'SIGNATURE_INVALID' } });
  });

  it('the platform cancels: the order is cancelled, its stock released, the audit chain verifies', async () => {
    expect((await send({ ...fixture, cancelled_at: '2026-12-01T10:00:00Z', cancel_reason: 'customer' }, 'd-3')).ok).toBe(true);
    const order = await orderWhen(orderId, (o) => o.status === 'cancelled');
    expect(order.version).toBe(2);
    expect((await reservationOf(order.reservationId!)).status).toBe('released');
    expect(await h.cell(t.id, 'wh1', 'SKU-1')).toMatchObject({ reserved: 0, committed: 0 });
    const audit = await h.rt.deps.orders.audit(t.id, orderId, 0, 100);
    if (!audit.ok) throw new Error(audit.error.detail);
    expect(audit.value.map((e) => e.action)).toEqual(['created', 'status_cancelled']);
    expect(audit.value[1]!.changes.status).toEqual({ before: 'released', after: 'cancelled' });
    expect(verifyChain(audit.value, sha256)).toMatchObject({ ok: true });
  });

  it('a hold rule holds a new paid order with its reason; review approves it to released', async () => {
    expect((await h.rt.deps.orders.setHoldRules(t.id, [{ kind: 'totalAtLeast', minor: 1 }])).ok).toBe(true);
    const id = orderIdOf('shop1', '777');
    expect((await send({ ...fixture, id: 777 }, 'd-4')).ok).toBe(true);
    const held = await orderWhen(id, () => true);
    expect(held.status).toBe('on_hold');
    expect(held.holds.map((r) => r.rule)).toEqual(['totalAtLeast']);
    expect((await reservationOf(held.reservationId!)).status).toBe('confirmed');
    const reviewed = await h.rt.deps.orders.review(t.id, id, 'approve', 'checked with the buyer', { kind: 'key', id: 'k1' });
    expect(reviewed).toMatchObject({ ok: true, value: { status: 'released', holds: [], version: 2 } });
    const again = await h.rt.deps.orders.review(t.id, id, 'approve', '', { kind: 'key', id: 'k1' });
    expect(again).toMatchObject({ ok: false, error: { code: 'ORDER_INVALID_TRANSITION' } });
    await h.rt.deps.orders.setHoldRules(t.id, []);
  });

  it('short stock keeps the order as an exception naming the short lines', async () => {
    const id = orderIdOf('shop1', '888');
    const items = (fixture.line_items as Record<string, unknown>[]).map((l, i) => (i === 0 ? { ...l, quantity: 50 } : l));
    expect((await send({ ...fixture, id: 888, line_items: items }, 'd-5')).ok).toBe(true);
    const order = await orderWhen(id, () => true);
    expect(order.status).toBe('exception');
    expect(order.holds.map((r) => r.rule)).toEqual(['stock']);
    expect(order.holds[0]!.detail).toContain('STOCK_INSUFFICIENT');
  });

  it('an unmappable document becomes a dead letter naming the source field and rule, and can be replayed once', async () => {
    const { shipping_address: _s, billing_address: _b, ...rest } = fixture;
    expect((await send({ ...rest, id: 999 }, 'd-6')).ok).toBe(true);
    const deadline = Date.now() + 15_000;
    let letters: { id: string; rule: string | null; sourcePath: string | null }[] = [];
    while (letters.length === 0 && Date.now() < deadline) {
      const page = await h.rt.deps.channels.deadLetters(t.id, 'shop1', {}, null, 10);
      letters = page.ok ? page.value.deadLetters : [];
      if (letters.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(letters).toHaveLength(1);
    expect(letters[0]!.rule).toMatch(/^(buyer|shippingAddress)\./);
    expect(letters[0]!.sourcePath).not.toBeNull();
    expect((await h.rt.deps.orders.get(t.id, orderIdOf('shop1', '999'))).ok).toBe(false);
    expect((await h.rt.deps.channels.replayDeadLetter(t.id, 'shop1', letters[0]!.id, 'key:k1')).ok).toBe(true);
    expect(await h.rt.deps.channels.replayDeadLetter(t.id, 'shop1', letters[0]!.id, 'key:k1')).toMatchObject({ ok: false, error: { code: 'CALLBACK_REPLAYED' } });
  });

  it('every committed change is announced as order.changed on the event stream, in version order', async () => {
    const consumer = await h.rt.nats.js.consumers.get(topology(h.namespace).eventsStream, { filter_subjects: `${h.namespace}.${t.id}.order.changed` });
    const seen: { id: string; version: number; status: string; previous: string; action: string }[] = [];
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const batch = await consumer.fetch({ max_messages: 100, expires: 1_000 });
      let n = 0;
      for await (const m of batch) {
        n++;
        const e = decodeEnvelope(m.data);
        const c = e.orderChanged!;
        seen.push({ id: c.orderId!, version: Number(c.version), status: c.status!, previous: c.previousStatus!, action: c.action! });
      }
      if (n === 0) break;
    }
    expect(seen.filter((e) => e.id === orderId).map((e) => [e.version, e.previous, e.status, e.action])).toEqual([
      [1, '', 'released', 'created'], [2, 'released', 'cancelled', 'status_cancelled'],
    ]);
    expect(seen.filter((e) => e.id === orderIdOf('shop1', '777')).map((e) => [e.version, e.status])).toEqual([[1, 'on_hold'], [2, 'released']]);
  });
});
