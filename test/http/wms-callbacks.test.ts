// WMS callbacks (issue 12) through app.inject() against the real PostgreSQL,
// Redis and NATS JetStream (own namespace, removed afterwards), with the
// orders role running in this process so paid storefront orders arrive
// `released`: accepted → picking → packed → shipped move the order (status,
// audit entries, shipments, reservation fulfilled, stock down), a callback id
// counts once, a bad signature changes nothing, picking waits for a pending
// address amendment (acknowledged by the WMS), cannot_fulfil → exception.
//
// The WMS secret and the pick tasks belong to the WMS configuration
// (migration 008, built alongside): this test gives the service its own
// WmsSecrets and PickTaskLookup (in-memory ports); everything else is the
// runtime's real services.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/adapters/http/app.ts';
import { JetStreamOrderEvents } from '../../src/adapters/nats/order-events.ts';
import { PgFulfilmentStore } from '../../src/adapters/postgres/fulfilment.store.ts';
import { PublishingFulfilmentStore } from '../../src/app/order.fulfilment.publishing.ts';
import { OrderFulfilmentService } from '../../src/app/order.fulfilment.service.ts';
import { OrderStock } from '../../src/app/order.stock.ts';
import { signPayload } from '../../src/app/payment.signature.ts';
import type { PickTaskInfo } from '../../src/app/wms-callback.port.ts';
import { OrdersRole } from '../../src/roles/orders.role.ts';
import { createHttpHarness, type HttpHarness, type TenantFixture } from '../helpers/http.ts';
import { createNatsHarness, type NatsHarness } from '../helpers/nats.ts';

let h: HttpHarness;
let n: NatsHarness;
let role: OrdersRole;
let app: FastifyInstance;
const secrets = new Map<string, string>();
const tasks = new Map<string, PickTaskInfo>();

const rid = (prefix: string): string => `${prefix}_${randomBytes(5).toString('hex')}`;

beforeAll(async () => {
  h = await createHttpHarness();
  n = await createNatsHarness(h.namespace);
  const { rt } = h;
  role = new OrdersRole({ nats: rt.nats, namespace: rt.config.namespace, events: rt.config.events, orders: rt.config.orders, apply: rt.orderApply, log: rt.log, metrics: rt.metrics });
  role.start();
  const store = new PublishingFulfilmentStore(new PgFulfilmentStore(rt.sql, 3_600_000), new JetStreamOrderEvents(rt.nats.js, rt.config.namespace, 5_000), rt.log);
  const fulfilment = new OrderFulfilmentService(
    store, new OrderStock(rt.deps.reservations, rt.config.orders.unpaidTtlSeconds), rt.deps.orderAddresses,
    { secretsOf: async (tenant, warehouse) => { const s = secrets.get(`${tenant}/${warehouse}`); return s === undefined ? null : [s]; } },
    rt.clock, { timestampToleranceSeconds: 300 },
    { taskOf: async (tenant, taskId) => tasks.get(`${tenant}/${taskId}`) ?? null },
  );
  app = await buildApp({ ...rt.deps, fulfilment });
});

afterAll(async () => {
  await app?.close();
  await role?.stop();
  await n?.close();
  await h?.close();
});

interface Wms { readonly t: TenantFixture; readonly secret: string; readonly opsKey: string }

async function wmsTenant(): Promise<Wms> {
  const t = await h.tenant({ warehouses: [{ id: 'w1' }], skus: [{ sku: 'A' }], stock: [{ warehouse: 'w1', sku: 'A', onHand: 100 }] });
  const secret = `wms_${randomBytes(16).toString('hex')}`;
  secrets.set(`${t.id}/w1`, secret);
  const r = await h.call({ method: 'POST', url: `/v1/tenants/${t.id}/keys`, key: h.adminKey, body: { scopes: ['ops'] } });
  expect(r.status, r.text).toBe(201);
  return { t, secret, opsKey: r.body.key as string };
}

/** A paid storefront order for 2 × A, released by the orders role, with its pick task at w1. */
async function releasedOrder(w: Wms): Promise<{ orderId: string; taskId: string; reservationId: string }> {
  const body = {
    externalId: rid('web'), paidAtMs: Date.now(), buyer: { name: 'Li Lei', phone: '+86 138 0013 8000' },
    shippingAddress: { name: 'Li Lei', phone: '138-0013-8000', country: 'CN', province: 'Zhejiang', city: 'Hangzhou', address1: '1 Wensan Road' },
    lines: [{ sku: 'A', qty: 2, unitPriceMinor: 5_000 }],
    totals: { currency: 'CNY', itemsMinor: 10_000, shippingMinor: 0, discountMinor: 0, totalMinor: 10_000 },
  };
  const r = await h.call({ method: 'POST', url: '/v1/orders', key: w.t.keys.checkout, body, headers: { 'idempotency-key': rid('idem') } });
  expect(r.status, r.text).toBe(202);
  const orderId = r.body.orderId as string;
  const order = await orderWhen(w, orderId, (o) => o.status === 'released');
  const taskId = rid('task');
  tasks.set(`${w.t.id}/${taskId}`, { orderId, warehouse: 'w1', status: 'delivered' });
  return { orderId, taskId, reservationId: order.reservationId as string };
}

async function orderWhen(w: Wms, orderId: string, ready: (o: any) => boolean): Promise<any> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const r = await h.call({ method: 'GET', url: `/v1/orders/${orderId}`, key: w.t.keys.read });
    if (r.status === 200 && ready(r.body)) return r.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`order ${orderId} not as expected within 10 s`);
}

const getOrder = async (w: Wms, orderId: string) => (await h.call({ method: 'GET', url: `/v1/orders/${orderId}`, key: w.t.keys.read })).body;
const auditActions = async (w: Wms, orderId: string): Promise<string[]> =>
  ((await h.call({ method: 'GET', url: `/v1/orders/${orderId}/audit`, key: w.t.keys.read })).body.entries as any[]).map((e) => e.action);

/** A signed POST to the WMS routes: `secret` signs the raw body (another secret makes a wrong signature). */
async function signed(w: Wms, url: string, body: unknown, secret = w.secret) {
  const raw = body === undefined ? '' : JSON.stringify(body);
  const t = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'pallet-tenant': w.t.id, 'pallet-signature': `t=${t},v1=${signPayload(secret, t, Buffer.from(raw))}`,
  };
  if (raw !== '') headers['content-type'] = 'application/json';
  const res = await app.inject({ method: 'POST', url, headers, payload: raw });
  return { status: res.statusCode, body: res.body === '' ? null : JSON.parse(res.body), text: res.body };
}

const callback = (w: Wms, o: { orderId: string; taskId: string }, status: string, extra: Record<string, unknown> = {}, callbackId = rid('cb')) =>
  signed(w, '/v1/warehouses/w1/callbacks', { callbackId, taskId: o.taskId, orderId: o.orderId, status, ...extra });

describe('WMS callbacks move the order through the state machine', () => {
  it('accepted → picking → packed → shipped: status, audit entries, shipments with tracking numbers, reservation fulfilled, stock down', async () => {
    const w = await wmsTenant();
    const o = await releasedOrder(w);
    expect(await h.cell(w.t.id, 'w1', 'A')).toMatchObject({ onHand: 100, committed: 2, reserved: 0 });

    const accepted = await callback(w, o, 'accepted');
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toEqual({ applied: true, duplicate: false, changed: true, orderId: o.orderId, status: 'released' });
    expect((await callback(w, o, 'picking')).body.status).toBe('picking');
    const packed = await callback(w, o, 'packed', { parcels: [{ carrier: 'SF', trackingNumber: 'SF1001', weightGrams: 850 }] });
    expect(packed.body.status, packed.text).toBe('packed');
    const shipped = await callback(w, o, 'shipped', {
      parcels: [{ carrier: 'SF', trackingNumber: 'SF1001', weightGrams: 850 }, { carrier: 'SF', trackingNumber: 'SF1002' }],
    });
    expect(shipped.status, shipped.text).toBe(200);
    expect(shipped.body.status).toBe('shipped');

    expect((await getOrder(w, o.orderId)).status).toBe('shipped');
    const actions = await auditActions(w, o.orderId);
    expect(actions.slice(-4)).toEqual(['wms_accepted', 'wms_picking', 'wms_packed', 'wms_shipped']);
    const list = await h.call({ method: 'GET', url: `/v1/orders/${o.orderId}/shipments`, key: w.t.keys.read });
    expect(list.status, list.text).toBe(200);
    expect(list.body.shipments.map((s: any) => [s.warehouse, s.carrier, s.trackingNumber, s.weightGrams])).toEqual([
      ['w1', 'SF', 'SF1001', 850], ['w1', 'SF', 'SF1002', null],
    ]);
    const reservation = await h.call({ method: 'GET', url: `/v1/reservations/${o.reservationId}`, key: w.t.keys.read });
    expect(reservation.body.status).toBe('fulfilled');
    expect(await h.cell(w.t.id, 'w1', 'A')).toMatchObject({ onHand: 98, committed: 0, reserved: 0 });
  });

  it('the same callbackId twice has one effect: 200 with duplicate: true, no audit entry, no second fulfilment', async () => {
    const w = await wmsTenant();
    const o = await releasedOrder(w);
    await callback(w, o, 'picking');
    const id = rid('cb');
    const ship = { parcels: [{ carrier: 'ZTO', trackingNumber: 'ZT77' }] };
    expect((await callback(w, o, 'shipped', ship, id)).body).toMatchObject({ duplicate: false, status: 'shipped' });
    const auditBefore = await auditActions(w, o.orderId);
    const again = await callback(w, o, 'shipped', { parcels: [{ carrier: 'ZTO', trackingNumber: 'ZT78' }] }, id);
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual({ applied: true, duplicate: true, changed: false, orderId: o.orderId, status: 'shipped' });
    expect(await auditActions(w, o.orderId)).toEqual(auditBefore);
    const list = await h.call({ method: 'GET', url: `/v1/orders/${o.orderId}/shipments`, key: w.t.keys.read });
    expect(list.body.shipments.map((s: any) => s.trackingNumber)).toEqual(['ZT77']);
    expect(await h.cell(w.t.id, 'w1', 'A')).toMatchObject({ onHand: 98, committed: 0 });
  });

  it('a wrong signature, or a warehouse without a WMS secret: 401 and nothing changes', async () => {
    const w = await wmsTenant();
    const o = await releasedOrder(w);
    const before = await getOrder(w, o.orderId);
    const wrong = await signed(w, '/v1/warehouses/w1/callbacks', { callbackId: rid('cb'), taskId: o.taskId, orderId: o.orderId, status: 'picking' }, 'not-the-secret');
    expect(wrong.status, wrong.text).toBe(401);
    expect(wrong.body.code).toBe('SIGNATURE_INVALID');
    const otherWarehouse = await signed(w, '/v1/warehouses/w2/callbacks', { callbackId: rid('cb'), taskId: o.taskId, orderId: o.orderId, status: 'picking' });
    expect(otherWarehouse.status).toBe(401);
    const unsigned = await app.inject({ method: 'POST', url: '/v1/warehouses/w1/callbacks', headers: { 'pallet-tenant': w.t.id, 'content-type': 'application/json' }, payload: '{}' });
    expect(unsigned.statusCode).toBe(401);
    const after = await getOrder(w, o.orderId);
    expect({ status: after.status, version: after.version }).toEqual({ status: before.status, version: before.version });
  });

  it('picking while an address amendment is pending: 409 naming the state; the WMS acknowledges it, then the same callback picks', async () => {
    const w = await wmsTenant();
    const o = await releasedOrder(w);
    const changed = await h.call({
      method: 'PATCH', url: `/v1/orders/${o.orderId}/address`, key: w.opsKey,
      body: { name: 'Han Meimei', phone: '13900001111', country: 'CN', province: 'Shanghai', city: 'Shanghai', address1: '99 Nanjing Road' },
    });
    expect(changed.status, changed.text).toBe(200);
    const amendmentId = changed.body.amendment.id as string;
    const id = rid('cb');
    const refused = await callback(w, o, 'picking', {}, id);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body).toMatchObject({ code: 'ORDER_INVALID_TRANSITION', orderStatus: 'on_hold' });
    expect(refused.body.detail).toContain('amendment');

    const ack = await signed(w, `/v1/warehouses/w1/amendments/${amendmentId}/ack`, {});
    expect(ack.status, ack.text).toBe(200);
    expect(ack.body).toEqual({ amendmentId, orderId: o.orderId, status: 'acknowledged', changed: true, orderStatus: 'released' });
    const amendments = await h.call({ method: 'GET', url: `/v1/orders/${o.orderId}/amendments`, key: w.t.keys.read });
    expect(amendments.body.amendments[0].acknowledgedBy).toEqual({ kind: 'system', id: 'wms:w1' });
    const picked = await callback(w, o, 'picking', {}, id);
    expect(picked.body).toMatchObject({ duplicate: false, status: 'picking' });
    expect((await signed(w, '/v1/warehouses/w1/amendments/am_nothing/ack', undefined)).status).toBe(404);
  });

  it('cannot_fulfil and exception put the order in exception with the reason; a reason is required', async () => {
    const w = await wmsTenant();
    const o = await releasedOrder(w);
    const noReason = await callback(w, o, 'cannot_fulfil');
    expect(noReason.status).toBe(400);
    expect(noReason.body.field).toBe('body.reason');
    const failed = await callback(w, o, 'cannot_fulfil', { reason: 'bin A-12 is empty' });
    expect(failed.body.status, failed.text).toBe('exception');
    const order = await getOrder(w, o.orderId);
    expect(order.holds).toContainEqual({ rule: 'wms_cannot_fulfil', detail: 'warehouse w1: bin A-12 is empty' });
    expect((await auditActions(w, o.orderId)).at(-1)).toBe('wms_cannot_fulfil');

    const other = await releasedOrder(w);
    await callback(w, other, 'picking');
    expect((await callback(w, other, 'exception', { reason: 'parcel damaged' })).body.status).toBe('exception');
  });

  it('refuses a task of another order, an unknown task, shipped without parcels and fields outside the schema', async () => {
    const w = await wmsTenant();
    const o = await releasedOrder(w);
    const other = await releasedOrder(w);
    const mismatch = await callback(w, { orderId: o.orderId, taskId: other.taskId }, 'picking');
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.field).toBe('body.taskId');
    expect((await callback(w, { orderId: o.orderId, taskId: 'task_unknown' }, 'picking')).status).toBe(404);
    const noParcels = await callback(w, o, 'shipped');
    expect(noParcels.body.field).toBe('body.parcels');
    const extra = await callback(w, o, 'picking', { priority: 'high' });
    expect(extra.status).toBe(400);
    expect(extra.body.code).toBe('VALIDATION_FAILED');
    expect((await getOrder(w, o.orderId)).status).toBe('released');
  });
});

describe('as wired in the runtime (main.ts)', () => {
  it('verifies with the secret set by PUT /v1/warehouses/{id}/wms and looks the task up in pick_tasks', async () => {
    const w = await wmsTenant();
    const o = await releasedOrder(w);
    const secret = `wms_${randomBytes(16).toString('hex')}`;
    const put = await h.call({ method: 'PUT', url: '/v1/warehouses/w1/wms', key: w.t.keys.admin, body: { mode: 'pull', secret } });
    expect(put.status, put.text).toBe(200);
    const body = JSON.stringify({ callbackId: rid('cb'), taskId: 'task_not_made', orderId: o.orderId, status: 'picking' });
    const send = (key: string) => {
      const t = Math.floor(Date.now() / 1000);
      return h.app.inject({
        method: 'POST', url: '/v1/warehouses/w1/callbacks', payload: body,
        headers: { 'content-type': 'application/json', 'pallet-tenant': w.t.id, 'pallet-signature': `t=${t},v1=${signPayload(key, t, Buffer.from(body))}` },
      });
    };
    expect((await send('not-the-secret')).statusCode).toBe(401);
    const unknownTask = await send(secret);
    expect(unknownTask.statusCode, unknownTask.body).toBe(404);
    expect(JSON.parse(unknownTask.body).field).toBe('body.taskId');
    expect((await getOrder(w, o.orderId)).status).toBe('released');
  });
});
