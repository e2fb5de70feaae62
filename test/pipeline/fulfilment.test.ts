// Pick tasks end to end (issue 12), on real Redis, NATS and PostgreSQL: a
// signed Shopify order is released → the fulfilment role makes its pick task
// and pushes it, signed, to a local fake WMS (which fails twice first); a
// repeated order.changed makes no second task; a WMS that keeps failing
// dead-letters the task, and redelivery by API sends it; a pull-mode WMS
// lists and acks its tasks with signed requests; cancelling the order
// cancels its task.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookHmacBase64 } from '../../src/app/channel.signature.ts';
import { orderIdOf } from '../../src/app/order.ids.ts';
import { parseSignature, signPayload } from '../../src/app/payment.signature.ts';
import type { PickTask } from '../../src/core/pick-task.rules.ts';
import { deleteTopology, topology } from '../../src/adapters/nats/topology.ts';
import { serve } from '../../src/main.ts';
import { createHttpHarness, type HttpHarness, type TenantFixture } from '../helpers/http.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/channels/shopify.order.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const channelSecret = 'shpss_test_secret_0002';
const wmsSecret = 'wms-secret-0123456789abcdef';
const skuMap = { 'TEE-BLK-M': 'SKU-1', '44123456789013': 'SKU-2' };
const maxDeliver = 4;

interface Received { readonly body: Record<string, any>; readonly signed: boolean; readonly answered: number }

/** A WMS: checks each push's Pallet-Signature, answers the statuses queued (then `fallback`). */
class FakeWms {
  readonly received: Received[] = [];
  answers: number[] = [];
  fallback = 200;
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(parts);
        const sig = parseSignature(String(req.headers['pallet-signature'] ?? ''));
        const signed = sig !== null && sig.v1.some((v) => v.toString('hex') === signPayload(wmsSecret, sig.t, raw));
        const answered = signed ? (this.answers.shift() ?? this.fallback) : 401;
        this.received.push({ body: JSON.parse(raw.toString('utf8')) as Record<string, any>, signed, answered });
        res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered === 200 ? 'ok' : 'wms is down');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${addr.port}/tasks`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server === null ? resolve() : this.server.close(() => resolve())));
  }

  pushesOf(orderId: string): Received[] {
    return this.received.filter((r) => r.body.orderId === orderId);
  }
}

let h: HttpHarness;
let t: TenantFixture;
let stop: () => Promise<void>;
const wms = new FakeWms();

beforeAll(async () => {
  await wms.start();
  h = await createHttpHarness({ PALLET_CONSUMER_MAX_DELIVER: String(maxDeliver), PALLET_WMS_RETRY_DELAY_MS_MAX: '1000' });
  t = await h.tenant({
    warehouses: [{ id: 'wh1' }], skus: [{ sku: 'SKU-1' }, { sku: 'SKU-2' }],
    stock: [{ warehouse: 'wh1', sku: 'SKU-1', onHand: 10 }, { warehouse: 'wh1', sku: 'SKU-2', onHand: 10 }],
  });
  const created = await h.rt.deps.channels.create(t.id, { id: 'shop1', type: 'shopify', name: 'Shop', webhookSecret: channelSecret, skuMap });
  expect(created.ok).toBe(true);
  const put = await h.call({ method: 'PUT', url: '/v1/warehouses/wh1/wms', key: t.keys.admin, body: { mode: 'push', url: wms.url, secret: wmsSecret, timeoutMs: 2_000 } });
  expect(put.status, put.text).toBe(200);
  stop = (await serve(h.rt, ['orders', 'fulfilment'])).stop;
}, 60_000);

afterAll(async () => {
  await stop?.();
  if (h !== undefined) await deleteTopology(await h.rt.nats.jsm(), h.namespace);
  await h?.close();
  await wms.stop();
});

function send(doc: Record<string, unknown>, deliveryId: string) {
  const body = Buffer.from(JSON.stringify(doc));
  return h.rt.deps.intake.receive(t.id, 'shop1', {
    'x-shopify-hmac-sha256': webhookHmacBase64(channelSecret, body), 'x-shopify-webhook-id': deliveryId, 'x-shopify-topic': 'orders/create',
  }, body);
}

async function tasksWhen(orderId: string, ready: (tasks: PickTask[]) => boolean, timeoutMs = 15_000): Promise<PickTask[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tasks = await h.rt.deps.pickTasks.tasksOfOrder(t.id, orderId);
    if (ready(tasks)) return tasks;
    if (Date.now() > deadline) throw new Error(`tasks of ${orderId} not as expected in time: ${JSON.stringify(tasks)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the fulfilment consumer has nothing pending or unacknowledged. */
async function fulfilmentIdle(): Promise<void> {
  const jsm = await h.rt.nats.jsm();
  const tp = topology(h.namespace);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const info = await jsm.consumers.info(tp.eventsStream, tp.consumers.fulfilment.durable);
    if (info.num_pending === 0 && info.num_ack_pending === 0) return;
    if (Date.now() > deadline) throw new Error(`fulfilment consumer not idle: ${JSON.stringify({ pending: info.num_pending, ackPending: info.num_ack_pending })}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const signedHeaders = (target: string, secret = wmsSecret): Record<string, string> => {
  const ts = Math.floor(Date.now() / 1000);
  return { 'pallet-tenant': t.id, 'pallet-signature': `t=${ts},v1=${signPayload(secret, ts, Buffer.from(target))}` };
};

describe('pick tasks from released orders', () => {
  const orderA = orderIdOf('shop1', String(fixture.id));

  it('the WMS connection is shown without its secret; bad settings are refused naming the field', async () => {
    const got = await h.call({ method: 'GET', url: '/v1/warehouses/wh1/wms', key: t.keys.read });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ warehouse: 'wh1', mode: 'push', url: wms.url, timeoutMs: 2_000 });
    expect(got.text).not.toContain(wmsSecret);
    const noUrl = await h.call({ method: 'PUT', url: '/v1/warehouses/wh1/wms', key: t.keys.admin, body: { mode: 'push', secret: wmsSecret } });
    expect(noUrl.status).toBe(400);
    expect(noUrl.body.field ?? noUrl.body.errors?.[0]?.field).toBe('body.url');
    const unknown = await h.call({ method: 'PUT', url: '/v1/warehouses/nowhere/wms', key: t.keys.admin, body: { mode: 'pull', secret: wmsSecret } });
    expect(unknown.status).toBe(404);
    const readOnly = await h.call({ method: 'PUT', url: '/v1/warehouses/wh1/wms', key: t.keys.read, body: { mode: 'pull', secret: wmsSecret } });
    expect(readOnly.status).toBe(403);
  });

  it('a released order gets one task, pushed signed; two 500s then a 200 deliver it once', async () => {
    wms.answers = [500, 500];
    expect((await send(fixture, 'f-1')).ok).toBe(true);
    const [task] = await tasksWhen(orderA, (ts) => ts.length === 1 && ts[0]!.status === 'delivered');
    expect(task).toMatchObject({ warehouse: 'wh1', attempts: 2, dead: false, lines: [{ sku: 'SKU-1', qty: 2 }, { sku: 'SKU-2', qty: 3 }] });
    expect(task!.lastError).toContain('HTTP 500');
    const pushes = wms.pushesOf(orderA);
    expect(pushes.map((p) => [p.signed, p.answered])).toEqual([[true, 500], [true, 500], [true, 200]]);
    expect(pushes[2]!.body).toEqual({
      taskId: task!.id, orderId: orderA, warehouse: 'wh1', lines: [{ sku: 'SKU-1', qty: 2 }, { sku: 'SKU-2', qty: 3 }],
      shippingAddress: task!.shippingAddress, amendments: [],
    });
    const viaApi = await h.call({ method: 'GET', url: `/v1/orders/${orderA}/tasks`, key: t.keys.read });
    expect(viaApi.body.tasks).toEqual([expect.objectContaining({ id: task!.id, status: 'delivered', deliveredAt: expect.any(String) })]);
  });

  it('the same order.changed delivered again makes no second task and no second push', async () => {
    const jsm = await h.rt.nats.jsm();
    const tp = topology(h.namespace);
    const subject = `${h.namespace}.${t.id}.order.changed`;
    const last = await jsm.streams.getMessage(tp.eventsStream, { last_by_subj: subject });
    await h.rt.nats.js.publish(subject, last!.data, { msgID: `again-${Date.now()}` });
    await fulfilmentIdle();
    expect(await h.rt.deps.pickTasks.tasksOfOrder(t.id, orderA)).toHaveLength(1);
    expect(wms.pushesOf(orderA)).toHaveLength(3);
  });

  it('a WMS that keeps failing: the task is dead after the last try, in the DLQ, and redelivery by API sends it', async () => {
    const orderB = orderIdOf('shop1', '555');
    wms.fallback = 503;
    expect((await send({ ...fixture, id: 555 }, 'f-2')).ok).toBe(true);
    const [dead] = await tasksWhen(orderB, (ts) => ts.length === 1 && ts[0]!.dead);
    expect(dead).toMatchObject({ status: 'pending', attempts: maxDeliver });
    expect(dead!.lastError).toContain('HTTP 503');
    const jsm = await h.rt.nats.jsm();
    const dlq = await jsm.streams.getMessage(topology(h.namespace).dlqStream, { last_by_subj: `${h.namespace}_dlq.fulfilment.${h.namespace}.${t.id}.order.changed` });
    expect(dlq?.header?.get('Pallet-Dead-Reason')).toContain('HTTP 503');
    wms.fallback = 200;
    const again = await h.call({ method: 'POST', url: `/v1/warehouses/wh1/tasks/${dead!.id}/redeliver`, key: t.keys.admin });
    expect(again.status, again.text).toBe(200);
    expect(again.body).toMatchObject({ delivered: true, error: null, task: { id: dead!.id, status: 'delivered', dead: false } });
    const read = await h.call({ method: 'POST', url: `/v1/warehouses/wh1/tasks/${dead!.id}/redeliver`, key: t.keys.read });
    expect(read.status).toBe(403);
  });

  it('a pull-mode WMS lists pending tasks with signed requests and acks them', async () => {
    const put = await h.call({ method: 'PUT', url: '/v1/warehouses/wh1/wms', key: t.keys.admin, body: { mode: 'pull', secret: wmsSecret } });
    expect(put.status, put.text).toBe(200);
    const orderC = orderIdOf('shop1', '556');
    const pushed = wms.received.length;
    expect((await send({ ...fixture, id: 556 }, 'f-3')).ok).toBe(true);
    const [task] = await tasksWhen(orderC, (ts) => ts.length === 1);
    await fulfilmentIdle();
    expect(task!.status).toBe('pending');
    expect(wms.received).toHaveLength(pushed);

    const target = '/v1/warehouses/wh1/tasks?limit=10';
    const listed = await h.call({ method: 'GET', url: target, headers: signedHeaders(target) });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body).toEqual({ tasks: [expect.objectContaining({ id: task!.id, orderId: orderC, status: 'pending' })], nextCursor: null });
    const forged = await h.call({ method: 'GET', url: target, headers: signedHeaders(target, 'another-secret-0123456789') });
    expect(forged.status).toBe(401);
    const otherTarget = await h.call({ method: 'GET', url: '/v1/warehouses/wh1/tasks?limit=11', headers: signedHeaders(target) });
    expect(otherTarget.status).toBe(401);
    const byKey = await h.call({ method: 'GET', url: target, key: t.keys.admin });
    expect(byKey.body.tasks).toHaveLength(1);

    const ackTarget = `/v1/warehouses/wh1/tasks/${task!.id}/ack`;
    const acked = await h.call({ method: 'POST', url: ackTarget, headers: signedHeaders(ackTarget) });
    expect(acked.status, acked.text).toBe(200);
    expect(acked.body).toMatchObject({ id: task!.id, status: 'delivered' });
    expect((await h.call({ method: 'GET', url: target, headers: signedHeaders(target) })).body.tasks).toEqual([]);
  });

  it('cancelling the order cancels its task', async () => {
    expect((await send({ ...fixture, cancelled_at: '2026-12-01T10:00:00Z', cancel_reason: 'customer' }, 'f-4')).ok).toBe(true);
    const [task] = await tasksWhen(orderA, (ts) => ts[0]?.status === 'cancelled');
    expect(task!.warehouse).toBe('wh1');
  });
});
