// Channel write-back end to end (issue 12), on real Redis, NATS and
// PostgreSQL: a signed Shopify order is released, its pick task pulled by a
// WMS, and the WMS's signed callbacks take it to shipped (through the
// callbacks route) → the writeback role pushes the fulfillment with the
// tracking number to a local fake Shopify (which fails once first), once; the
// same order.changed delivered again pushes nothing; a shop whose token is
// refused ends dead after the last try, visible on the order.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookHmacBase64 } from '../../src/app/channel.signature.ts';
import { orderIdOf } from '../../src/app/order.ids.ts';
import { signPayload } from '../../src/app/payment.signature.ts';
import { deleteTopology, topology } from '../../src/adapters/nats/topology.ts';
import { serve } from '../../src/main.ts';
import { createHttpHarness, type HttpHarness, type TenantFixture } from '../helpers/http.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/channels/shopify.order.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const channelSecret = 'shpss_test_secret_0003';
const wmsSecret = 'wms-secret-writeback-0123456789';
const goodToken = 'shpat_good_token';
const skuMap = { 'TEE-BLK-M': 'SKU-1', '44123456789013': 'SKU-2' };
const maxDeliver = 3;

interface Received { readonly path: string; readonly token: string; readonly body: any; readonly answered: number }

/** Shopify's order fulfillments resource: refuses a wrong token (401), answers the queued statuses, then 201. */
class FakeShopify {
  readonly received: Received[] = [];
  answers: number[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        const token = String(req.headers['x-shopify-access-token'] ?? '');
        const okPath = req.method === 'POST' && /^\/admin\/api\/2024-01\/orders\/[0-9]+\/fulfillments\.json$/.test(req.url ?? '');
        const answered = !okPath ? 404 : token !== goodToken ? 401 : (this.answers.shift() ?? 201);
        this.received.push({ path: req.url ?? '', token, body: JSON.parse(Buffer.concat(parts).toString('utf8')), answered });
        const body = answered === 201 ? { fulfillment: { id: 4000 + this.received.length, status: 'success' } } : { errors: `status ${answered}` };
        res.writeHead(answered, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server === null ? resolve() : this.server.close(() => resolve())));
  }

  of(externalId: string): Received[] {
    return this.received.filter((r) => r.path.includes(`/orders/${externalId}/`));
  }
}

let h: HttpHarness;
let t: TenantFixture;
let stop: () => Promise<void>;
const shopify = new FakeShopify();

beforeAll(async () => {
  await shopify.start();
  h = await createHttpHarness({ PALLET_CONSUMER_MAX_DELIVER: String(maxDeliver), PALLET_WRITEBACK_RETRY_DELAY_MS_MAX: '500' });
  t = await h.tenant({
    warehouses: [{ id: 'wh1' }], skus: [{ sku: 'SKU-1' }, { sku: 'SKU-2' }],
    stock: [{ warehouse: 'wh1', sku: 'SKU-1', onHand: 50 }, { warehouse: 'wh1', sku: 'SKU-2', onHand: 50 }],
  });
  for (const id of ['shop1', 'shop2']) {
    expect((await h.rt.deps.channels.create(t.id, { id, type: 'shopify', name: id, webhookSecret: channelSecret, skuMap })).ok).toBe(true);
  }
  const put = await h.call({ method: 'PUT', url: '/v1/warehouses/wh1/wms', key: t.keys.admin, body: { mode: 'pull', secret: wmsSecret } });
  expect(put.status, put.text).toBe(200);
  stop = (await serve(h.rt, ['orders', 'fulfilment', 'writeback'])).stop;
}, 60_000);

afterAll(async () => {
  await stop?.();
  if (h !== undefined) await deleteTopology(await h.rt.nats.jsm(), h.namespace);
  await h?.close();
  await shopify.stop();
});

function send(channel: string, doc: Record<string, unknown>, deliveryId: string) {
  const body = Buffer.from(JSON.stringify(doc));
  return h.rt.deps.intake.receive(t.id, channel, {
    'x-shopify-hmac-sha256': webhookHmacBase64(channelSecret, body), 'x-shopify-webhook-id': deliveryId, 'x-shopify-topic': 'orders/create',
  }, body);
}

async function until<T>(what: string, read: () => Promise<T>, ready: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ready(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what} not as expected in time: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A callback signed by the WMS, through the HTTP route. */
async function wmsCallback(body: Record<string, unknown>) {
  const raw = JSON.stringify(body);
  const ts = Math.floor(Date.now() / 1000);
  const r = await h.call({
    method: 'POST', url: '/v1/warehouses/wh1/callbacks', payload: raw,
    headers: { 'content-type': 'application/json', 'pallet-tenant': t.id, 'pallet-signature': `t=${ts},v1=${signPayload(wmsSecret, ts, Buffer.from(raw))}` },
  });
  expect(r.status, r.text).toBe(200);
  return r.body;
}

/** Sends the order in, waits for its pick task, and ships it through the WMS callbacks with one SF parcel. */
async function shipOrder(channel: string, externalId: string, tracking: string): Promise<string> {
  const orderId = orderIdOf(channel, externalId);
  expect((await send(channel, { ...fixture, id: Number(externalId) }, `d-${externalId}`)).ok).toBe(true);
  const [task] = await until('pick task', () => h.rt.deps.pickTasks.tasksOfOrder(t.id, orderId), (ts) => ts.length === 1);
  for (const status of ['accepted', 'picking', 'packed']) await wmsCallback({ callbackId: `${externalId}-${status}`, taskId: task!.id, orderId, status });
  const shipped = await wmsCallback({ callbackId: `${externalId}-shipped`, taskId: task!.id, orderId, status: 'shipped', parcels: [{ carrier: 'SF', trackingNumber: tracking, weightGrams: 900 }] });
  expect(shipped.status).toBe('shipped');
  return orderId;
}

const writebacksOf = async (orderId: string) => (await h.call({ method: 'GET', url: `/v1/orders/${orderId}/writebacks`, key: t.keys.read })).body.writebacks as any[];

async function writebackIdle(): Promise<void> {
  const jsm = await h.rt.nats.jsm();
  const tp = topology(h.namespace);
  await until('writeback consumer', () => jsm.consumers.info(tp.eventsStream, tp.consumers.writeback.durable),
    (i) => i.num_pending === 0 && i.num_ack_pending === 0);
}

describe('channel write-back', () => {
  const externalId = String(fixture.id);

  it('the write-back configuration is admin only, checked per type, and never shows the credentials', async () => {
    const url = '/v1/channels/shop1/writeback';
    const noToken = await h.call({ method: 'PATCH', url, key: t.keys.admin, body: { url: shopify.url } });
    expect(noToken.status).toBe(400);
    expect(noToken.body.field).toBe('body.accessToken');
    const badUrl = await h.call({ method: 'PATCH', url, key: t.keys.admin, body: { url: 'ftp://x', accessToken: goodToken } });
    expect([badUrl.status, badUrl.body.field]).toEqual([400, 'body.url']);
    expect((await h.call({ method: 'PATCH', url, key: t.keys.read, body: { url: shopify.url, accessToken: goodToken } })).status).toBe(403);
    expect((await h.call({ method: 'PATCH', url: '/v1/channels/nope/writeback', key: t.keys.admin, body: { url: shopify.url, accessToken: goodToken } })).status).toBe(404);
    const saved = await h.call({ method: 'PATCH', url, key: t.keys.admin, body: { url: shopify.url, accessToken: goodToken } });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ channel: 'shop1', url: shopify.url, credentialsSet: ['accessToken'] });
    expect(saved.text).not.toContain(goodToken);
    const other = await h.call({ method: 'PATCH', url: '/v1/channels/shop2/writeback', key: t.keys.admin, body: { url: shopify.url, accessToken: 'shpat_revoked' } });
    expect(other.status, other.text).toBe(200);
  });

  it('a shipped order gets its fulfillment pushed to Shopify once (after one 503), recorded with the fulfillment id', async () => {
    shopify.answers = [503];
    const orderId = await shipOrder('shop1', externalId, 'SF7001');
    const [record] = await until('write-back record', () => writebacksOf(orderId), (ws) => ws[0]?.status === 'pushed');
    const calls = shopify.of(externalId);
    expect(calls.map((c) => c.answered)).toEqual([503, 201]);
    expect(calls[1]!.body).toEqual({ fulfillment: { tracking_number: 'SF7001', tracking_company: 'SF', notify_customer: false } });
    expect(record).toMatchObject({ carrier: 'SF', trackingNumber: 'SF7001', channel: 'shop1', attempts: 2, reference: 'fulfillment:4002', pushedAt: expect.any(String) });
    expect(record.lastError).toContain('HTTP 503');
  });

  it('the same order.changed delivered again, and the shipped callback sent again, push nothing', async () => {
    await writebackIdle();
    const orderId = orderIdOf('shop1', externalId);
    const before = shopify.received.length;
    const jsm = await h.rt.nats.jsm();
    const subject = `${h.namespace}.${t.id}.order.changed`;
    const last = await jsm.streams.getMessage(topology(h.namespace).eventsStream, { last_by_subj: subject });
    await h.rt.nats.js.publish(subject, last!.data, { msgID: `again-${Date.now()}` });
    const [task] = await h.rt.deps.pickTasks.tasksOfOrder(t.id, orderId);
    const again = await wmsCallback({ callbackId: `${externalId}-shipped`, taskId: task!.id, orderId, status: 'shipped', parcels: [{ carrier: 'SF', trackingNumber: 'SF7001' }] });
    expect(again.duplicate).toBe(true);
    await writebackIdle();
    expect(shopify.received).toHaveLength(before);
    expect((await writebacksOf(orderId))).toEqual([expect.objectContaining({ status: 'pushed', attempts: 2 })]);
  });

  it('a shop that refuses the token: the write-back is dead after the last try, with the error, and in the DLQ', async () => {
    const orderId = await shipOrder('shop2', '7702', 'SF7702');
    const [record] = await until('dead write-back', () => writebacksOf(orderId), (ws) => ws[0]?.status === 'dead');
    expect(record).toMatchObject({ trackingNumber: 'SF7702', attempts: maxDeliver, pushedAt: null, reference: null });
    expect(record.lastError).toContain('HTTP 401');
    expect(shopify.of('7702').map((c) => c.token)).toEqual(Array(maxDeliver).fill('shpat_revoked'));
    const jsm = await h.rt.nats.jsm();
    const dlq = await jsm.streams.getMessage(topology(h.namespace).dlqStream, { last_by_subj: `${h.namespace}_dlq.writeback.${h.namespace}.${t.id}.order.changed` });
    expect(dlq?.header?.get('Pallet-Dead-Reason')).toContain('HTTP 401');
  });
});
