// Re-allocation on cannot_fulfil (issue 12), on the real PostgreSQL, Redis
// and NATS JetStream: stock of A in w1 (ranked first) and w2; a paid order is
// released to w1 by the orders role.
//
//  - Crashes first, with the fulfilment role not running so nothing else
//    finishes the switch: a callbacks service whose stock steps throw once
//    (right after the new reservation is confirmed, or right after the old one
//    is released) leaves a state the next run completes — the same callback
//    again, or the fulfilment role's prepare — with the stock reserved once.
//  - Then, with the fulfilment role running and everything as main.ts wires
//    it, over HTTP: w1 says cannot_fulfil → the order moves to w2 (counters in
//    both cells, one open task, at w2, w1's cancelled, audit, order.changed);
//    the same callback again changes nothing; w2 says cannot_fulfil with no
//    third warehouse → exception with the reason, the stock released.
//
// A released order's reservation is confirmed, so its stock counts in the
// `committed` tier of a cell (held-but-unconfirmed would be `reserved`).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JetStreamOrderEvents } from '../../src/adapters/nats/order-events.ts';
import { deleteTopology } from '../../src/adapters/nats/topology.ts';
import { PgFulfilmentStore, PgPickTaskLookup } from '../../src/adapters/postgres/fulfilment.store.ts';
import { PublishingFulfilmentStore } from '../../src/app/order.fulfilment.publishing.ts';
import { OrderFulfilmentService } from '../../src/app/order.fulfilment.service.ts';
import { OrderStock } from '../../src/app/order.stock.ts';
import { signPayload } from '../../src/app/payment.signature.ts';
import type { Result } from '../../src/core/errors.ts';
import type { PickTask } from '../../src/core/pick-task.rules.ts';
import { serve } from '../../src/main.ts';
import { createHttpHarness, type HttpHarness, type TenantFixture } from '../helpers/http.ts';

const rid = (prefix: string): string => `${prefix}_${randomBytes(5).toString('hex')}`;
const secretOf = (warehouse: string) => `wms-secret-${warehouse}-0123456789abcdef`;

let h: HttpHarness;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  h = await createHttpHarness();
  stops.push((await serve(h.rt, ['orders'])).stop);
}, 60_000);

afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  if (h !== undefined) await deleteTopology(await h.rt.nats.jsm(), h.namespace);
  await h?.close();
});

/** w1 (ranked first) and w2 with 10 × A each, or `stock` per warehouse; pull-mode WMSs (tasks wait, nothing is pushed). */
async function twoWarehouses(stock: Record<string, number> = { w1: 10, w2: 10 }): Promise<TenantFixture> {
  const t = await h.tenant({
    warehouses: [{ id: 'w1', priority: 1 }, { id: 'w2', priority: 2 }], skus: [{ sku: 'A' }],
    stock: Object.entries(stock).map(([warehouse, onHand]) => ({ warehouse, sku: 'A', onHand })),
  });
  for (const w of Object.keys(stock)) {
    const put = await h.call({ method: 'PUT', url: `/v1/warehouses/${w}/wms`, key: t.keys.admin, body: { mode: 'pull', secret: secretOf(w) } });
    expect(put.status, put.text).toBe(200);
  }
  return t;
}

async function until<T>(what: string, read: () => Promise<T>, ready: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ready(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what} not as expected in time: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const getOrder = async (t: TenantFixture, id: string) => (await h.call({ method: 'GET', url: `/v1/orders/${id}`, key: t.keys.read })).body;
const getReservation = async (t: TenantFixture, id: string) => (await h.call({ method: 'GET', url: `/v1/reservations/${id}`, key: t.keys.read })).body;
const audit = async (t: TenantFixture, id: string): Promise<any[]> =>
  (await h.call({ method: 'GET', url: `/v1/orders/${id}/audit`, key: t.keys.read })).body.entries as any[];
const tasksOf = (t: TenantFixture, orderId: string): Promise<PickTask[]> => h.rt.deps.pickTasks.tasksOfOrder(t.id, orderId);
/** [onHand, reserved, committed] of A in w1 and w2. */
const cells = async (t: TenantFixture) => Promise.all(['w1', 'w2'].map(async (w) => {
  const c = await h.cell(t.id, w, 'A');
  return [c.onHand, c.reserved, c.committed];
}));

/** A paid order for 2 × A, released (to w1) by the orders role. */
async function releasedOrder(t: TenantFixture): Promise<{ orderId: string; reservationId: string }> {
  const body = {
    externalId: rid('web'), paidAtMs: Date.now(), buyer: { name: 'Li Lei', phone: '+86 138 0013 8000' },
    shippingAddress: { name: 'Li Lei', phone: '138-0013-8000', country: 'CN', province: 'Zhejiang', city: 'Hangzhou', address1: '1 Wensan Road' },
    lines: [{ sku: 'A', qty: 2, unitPriceMinor: 5_000 }],
    totals: { currency: 'CNY', itemsMinor: 10_000, shippingMinor: 0, discountMinor: 0, totalMinor: 10_000 },
  };
  const r = await h.call({ method: 'POST', url: '/v1/orders', key: t.keys.checkout, body, headers: { 'idempotency-key': rid('idem') } });
  expect(r.status, r.text).toBe(202);
  const orderId = r.body.orderId as string;
  const order = await until(`order ${orderId}`, () => getOrder(t, orderId), (o) => o?.status === 'released');
  return { orderId, reservationId: order.reservationId as string };
}

/** A stock that fails once, right after the step named (the step itself done): a crash at that point. */
class CrashingStock extends OrderStock {
  crashAfter: 'confirm' | 'release' | null = null;

  override async move(tenant: string, step: 'confirm' | 'release', id: string): Promise<Result<void>> {
    const done = await super.move(tenant, step, id);
    if (this.crashAfter === step) {
      this.crashAfter = null;
      throw new Error(`simulated crash after ${step}`);
    }
    return done;
  }
}

describe('a crash in the middle of a re-allocation is finished by the next run (fulfilment role not running)', () => {
  let stock: CrashingStock;
  let crashing: OrderFulfilmentService;

  beforeAll(() => {
    const { rt } = h;
    stock = new CrashingStock(rt.deps.reservations, rt.config.orders.unpaidTtlSeconds);
    crashing = new OrderFulfilmentService(
      new PublishingFulfilmentStore(new PgFulfilmentStore(rt.sql, 3_600_000), new JetStreamOrderEvents(rt.nats.js, rt.config.namespace, 5_000), rt.log),
      stock, rt.deps.orderAddresses, { secretsOf: async () => null }, rt.clock, { timestampToleranceSeconds: 300 }, new PgPickTaskLookup(rt.sql),
    );
  });

  /** The order released to w1 with its task made (what the fulfilment role would do). */
  async function atW1(t: TenantFixture) {
    const o = await releasedOrder(t);
    const prepared = await h.rt.deps.pickTasks.prepare(t.id, o.orderId);
    expect(prepared.kind).toBe('tasks');
    const [task] = await tasksOf(t, o.orderId);
    expect(task).toMatchObject({ warehouse: 'w1', status: 'pending' });
    expect(await cells(t)).toEqual([[10, 0, 2], [10, 0, 0]]);
    return { ...o, taskId: task!.id };
  }

  it('after the new reservation is confirmed: both held for a moment; the same callback again completes it, reserving once', async () => {
    const t = await twoWarehouses();
    const o = await atW1(t);
    const cb = { callbackId: rid('cb'), taskId: o.taskId, orderId: o.orderId, status: 'cannot_fulfil' as const, reason: 'bin A-12 is empty' };
    stock.crashAfter = 'confirm';
    await expect(crashing.callback(t.id, 'w1', cb)).rejects.toThrow('simulated crash after confirm');

    // The refusal is recorded and the new reservation exists, the order still names the old one.
    const mid = await getOrder(t, o.orderId);
    expect({ status: mid.status, reservationId: mid.reservationId }).toEqual({ status: 'released', reservationId: o.reservationId });
    expect(await cells(t)).toEqual([[10, 0, 2], [10, 0, 2]]);
    expect((await tasksOf(t, o.orderId)).map((x) => [x.warehouse, x.status])).toEqual([['w1', 'cancelled']]);
    expect((await audit(t, o.orderId)).at(-1).action).toBe('wms_refused');

    const again = await crashing.callback(t.id, 'w1', cb);
    expect(again.ok && { duplicate: again.value.duplicate, status: again.value.order.status }).toEqual({ duplicate: true, status: 'released' });
    const after = await getOrder(t, o.orderId);
    expect(after.reservationId).not.toBe(o.reservationId);
    expect((await getReservation(t, after.reservationId)).allocations).toEqual([{ warehouse: 'w2', sku: 'A', qty: 2 }]);
    expect((await getReservation(t, after.reservationId)).status).toBe('confirmed');
    expect((await getReservation(t, o.reservationId)).status).toBe('released');
    expect(await cells(t)).toEqual([[10, 0, 0], [10, 0, 2]]);

    // A third time: nothing more.
    await crashing.callback(t.id, 'w1', cb);
    expect((await getOrder(t, o.orderId)).version).toBe(after.version);
    expect(await cells(t)).toEqual([[10, 0, 0], [10, 0, 2]]);
  });

  it('after the old reservation is released: the fulfilment role\'s prepare finds the task cancelled and completes it', async () => {
    const t = await twoWarehouses();
    const o = await atW1(t);
    stock.crashAfter = 'release';
    const cb = { callbackId: rid('cb'), taskId: o.taskId, orderId: o.orderId, status: 'cannot_fulfil' as const, reason: 'damaged stock' };
    await expect(crashing.callback(t.id, 'w1', cb)).rejects.toThrow('simulated crash after release');
    expect((await getOrder(t, o.orderId)).reservationId).toBe(o.reservationId);
    expect((await getReservation(t, o.reservationId)).status).toBe('released');
    expect(await cells(t)).toEqual([[10, 0, 0], [10, 0, 2]]);

    const prepared = await h.rt.deps.pickTasks.prepare(t.id, o.orderId);
    expect(prepared.kind === 'tasks' && prepared.tasks.map((x) => [x.warehouse, x.status])).toEqual([['w1', 'cancelled'], ['w2', 'pending']]);
    const after = await getOrder(t, o.orderId);
    expect((await getReservation(t, after.reservationId)).allocations).toEqual([{ warehouse: 'w2', sku: 'A', qty: 2 }]);
    expect(await cells(t)).toEqual([[10, 0, 0], [10, 0, 2]]);
    expect((await audit(t, o.orderId)).map((e) => e.action).slice(-2)).toEqual(['wms_refused', 'wms_reallocated']);
  });
});

describe('cannot_fulfil over HTTP, as main.ts wires it, with the fulfilment role', () => {
  beforeAll(async () => {
    stops.push((await serve(h.rt, ['fulfilment'])).stop);
  });

  async function signedCallback(t: TenantFixture, warehouse: string, body: Record<string, unknown>) {
    const raw = JSON.stringify(body);
    const ts = Math.floor(Date.now() / 1000);
    const res = await h.app.inject({
      method: 'POST', url: `/v1/warehouses/${warehouse}/callbacks`, payload: raw,
      headers: { 'content-type': 'application/json', 'pallet-tenant': t.id, 'pallet-signature': `t=${ts},v1=${signPayload(secretOf(warehouse), ts, Buffer.from(raw))}` },
    });
    return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, any>, text: res.body };
  }

  let t: TenantFixture;
  let o: { orderId: string; reservationId: string };
  let w1Task: PickTask;
  let w2Task: PickTask;
  let first: Record<string, unknown>;

  it('w1 cannot fulfil: the order moves to w2 — stock back in w1, held in w2, w1\'s task cancelled, one open task at w2', async () => {
    t = await twoWarehouses();
    o = await releasedOrder(t);
    w1Task = (await until('the w1 task', () => tasksOf(t, o.orderId), (ts) => ts.length === 1))[0]!;
    expect(w1Task!.warehouse).toBe('w1');
    expect(await cells(t)).toEqual([[10, 0, 2], [10, 0, 0]]);

    first = { callbackId: rid('cb'), taskId: w1Task!.id, orderId: o.orderId, status: 'cannot_fulfil', reason: 'bin A-12 is empty' };
    const r = await signedCallback(t, 'w1', first);
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual({ applied: true, duplicate: false, changed: true, orderId: o.orderId, status: 'released' });

    expect(await cells(t)).toEqual([[10, 0, 0], [10, 0, 2]]);
    const order = await getOrder(t, o.orderId);
    expect(order.status).toBe('released');
    expect(order.reservationId).not.toBe(o.reservationId);
    expect(await getReservation(t, order.reservationId)).toMatchObject({ status: 'confirmed', allocations: [{ warehouse: 'w2', sku: 'A', qty: 2 }] });
    expect((await getReservation(t, o.reservationId)).status).toBe('released');

    // order.changed reached the fulfilment role, which made w2's task as for any released order.
    const tasks = await until('the w2 task', () => tasksOf(t, o.orderId), (ts) => ts.length === 2);
    expect(tasks.map((x) => [x.warehouse, x.status])).toEqual([['w1', 'cancelled'], ['w2', 'pending']]);
    w2Task = tasks[1]!;
    expect(w2Task.lines).toEqual([{ sku: 'A', qty: 2 }]);

    const entries = await audit(t, o.orderId);
    const moved = entries.find((e) => e.action === 'wms_reallocated');
    expect(moved).toMatchObject({
      actor: { kind: 'system', id: 'wms:w1' },
      changes: { warehouse: { before: 'w1', after: 'w2' }, reservationId: { before: o.reservationId, after: order.reservationId }, reason: { after: 'bin A-12 is empty' } },
    });
    expect(entries.map((e) => e.action).slice(-2)).toEqual(['wms_refused', 'wms_reallocated']);
  });

  it('the same callback again answers duplicate and changes nothing', async () => {
    const before = await getOrder(t, o.orderId);
    const entries = (await audit(t, o.orderId)).length;
    const r = await signedCallback(t, 'w1', first);
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual({ applied: true, duplicate: true, changed: false, orderId: o.orderId, status: 'released' });
    const after = await getOrder(t, o.orderId);
    expect({ version: after.version, reservationId: after.reservationId }).toEqual({ version: before.version, reservationId: before.reservationId });
    expect(await cells(t)).toEqual([[10, 0, 0], [10, 0, 2]]);
    expect((await audit(t, o.orderId)).length).toBe(entries);
    expect((await tasksOf(t, o.orderId)).map((x) => [x.warehouse, x.status])).toEqual([['w1', 'cancelled'], ['w2', 'pending']]);
  });

  it('w2 cannot fulfil either, with no third warehouse: exception with the reason, the stock released', async () => {
    const current = await getOrder(t, o.orderId);
    const r = await signedCallback(t, 'w2', { callbackId: rid('cb'), taskId: w2Task.id, orderId: o.orderId, status: 'cannot_fulfil', reason: 'shelf count was wrong' });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ duplicate: false, changed: true, status: 'exception' });
    const order = await getOrder(t, o.orderId);
    expect(order.status).toBe('exception');
    expect(order.holds).toContainEqual({ rule: 'wms_cannot_fulfil', detail: 'warehouse w2: shelf count was wrong' });
    expect((await getReservation(t, current.reservationId)).status).toBe('released');
    expect(await cells(t)).toEqual([[10, 0, 0], [10, 0, 0]]);
    const last = (await audit(t, o.orderId)).at(-1);
    expect(last).toMatchObject({ action: 'wms_cannot_fulfil', actor: { id: 'wms:w2' }, changes: { status: { before: 'released', after: 'exception' } } });
    expect(last.changes.reallocation.after).toContain('STOCK_INSUFFICIENT');
  });

  it('a warehouse whose stock cannot take the order is passed over: with w2 short, w1\'s refusal is an exception', async () => {
    const short = await twoWarehouses({ w1: 10, w2: 1 });
    const order = await releasedOrder(short);
    const [task] = await until('the w1 task', () => tasksOf(short, order.orderId), (ts) => ts.length === 1);
    const r = await signedCallback(short, 'w1', { callbackId: rid('cb'), taskId: task!.id, orderId: order.orderId, status: 'cannot_fulfil', reason: 'flooded' });
    expect(r.body.status, r.text).toBe('exception');
    const [w1, w2] = await cells(short);
    expect([w1, w2]).toEqual([[10, 0, 0], [1, 0, 0]]);
  });
});
