// Batch label printing (issue 12) through app.inject() against the real
// PostgreSQL, Redis and NATS (own namespace): paid storefront orders with
// CJK addresses are released by the orders role, get waybill numbers from
// the sandbox carrier, and are shipped by signed WMS callbacks naming those
// numbers (so the shipments are the real ones). POST /v1/labels for three
// orders answers one PDF; poppler (pdfinfo, pdftotext, pdftoppm) and zbar
// (zbarimg) — Debian packages installed by ops/fonts.sh — check the page
// count, the recipient's CJK name and order reference on each page, and
// that each page's Code128 decodes to its tracking number.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxCarrier } from '../../src/adapters/carriers/sandbox.carrier.ts';
import { buildApp } from '../../src/adapters/http/app.ts';
import { JetStreamOrderEvents } from '../../src/adapters/nats/order-events.ts';
import { PgFulfilmentStore } from '../../src/adapters/postgres/fulfilment.store.ts';
import { PublishingFulfilmentStore } from '../../src/app/order.fulfilment.publishing.ts';
import { OrderFulfilmentService } from '../../src/app/order.fulfilment.service.ts';
import { OrderStock } from '../../src/app/order.stock.ts';
import { signPayload } from '../../src/app/payment.signature.ts';
import type { PickTaskInfo } from '../../src/app/wms-callback.port.ts';
import { OrdersRole } from '../../src/roles/orders.role.ts';
import { createHttpHarness, expectProblem, type HttpHarness, type TenantFixture } from '../helpers/http.ts';
import { createNatsHarness, type NatsHarness } from '../helpers/nats.ts';

let h: HttpHarness;
let n: NatsHarness;
let role: OrdersRole;
let app: FastifyInstance;
let dir: string;
const secrets = new Map<string, string>();
const tasks = new Map<string, PickTaskInfo>();
const carrier = new SandboxCarrier({ nowMs: () => Date.now() });
const rid = (prefix: string): string => `${prefix}_${randomBytes(5).toString('hex')}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pallet-labels-'));
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
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

interface Shop { readonly t: TenantFixture; readonly secret: string; readonly opsKey: string }

async function shop(): Promise<Shop> {
  const t = await h.tenant({ warehouses: [{ id: 'w1', name: '杭州一号仓' }], skus: [{ sku: 'A' }], stock: [{ warehouse: 'w1', sku: 'A', onHand: 100 }] });
  const secret = `wms_${randomBytes(16).toString('hex')}`;
  secrets.set(`${t.id}/w1`, secret);
  const r = await h.call({ method: 'POST', url: `/v1/tenants/${t.id}/keys`, key: h.adminKey, body: { scopes: ['ops'] } });
  expect(r.status, r.text).toBe(201);
  return { t, secret, opsKey: r.body.key as string };
}

interface Placed { readonly orderId: string; readonly externalId: string; readonly name: string; readonly taskId: string }

/** A paid storefront order to a CJK address, released by the orders role, with its pick task at w1. */
async function released(s: Shop, name: string): Promise<Placed> {
  const externalId = rid('TB');
  const body = {
    externalId, paidAtMs: Date.now(), buyer: { name, phone: '13800138000' },
    shippingAddress: { name, phone: '13800138000', country: 'CN', province: '浙江省', city: '杭州市', district: '西湖区', address1: '文三路 100 号' },
    lines: [{ sku: 'A', qty: 1, unitPriceMinor: 5_000 }],
    totals: { currency: 'CNY', itemsMinor: 5_000, shippingMinor: 0, discountMinor: 0, totalMinor: 5_000 },
  };
  const r = await h.call({ method: 'POST', url: '/v1/orders', key: s.t.keys.checkout, body, headers: { 'idempotency-key': rid('idem') } });
  expect(r.status, r.text).toBe(202);
  const orderId = r.body.orderId as string;
  for (let attempt = 0; attempt < 100; attempt++) {
    const o = await h.call({ method: 'GET', url: `/v1/orders/${orderId}`, key: s.t.keys.read });
    if (o.status === 200 && o.body.status === 'released') {
      const taskId = rid('task');
      tasks.set(`${s.t.id}/${taskId}`, { orderId, warehouse: 'w1', status: 'delivered' });
      return { orderId, externalId, name, taskId };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`order ${orderId} not released within 10 s`);
}

/** The WMS reports the order picking, packed, then shipped with one parcel per tracking number. */
async function shipped(s: Shop, o: Placed, trackingNumbers: readonly string[]): Promise<void> {
  const parcels = trackingNumbers.map((trackingNumber) => ({ carrier: 'SBX', trackingNumber }));
  for (const status of ['picking', 'packed', 'shipped'] as const) {
    const raw = JSON.stringify({ callbackId: rid('cb'), taskId: o.taskId, orderId: o.orderId, status, ...(status === 'picking' ? {} : { parcels }) });
    const t = Math.floor(Date.now() / 1000);
    const res = await app.inject({
      method: 'POST', url: '/v1/warehouses/w1/callbacks', payload: raw,
      headers: { 'content-type': 'application/json', 'pallet-tenant': s.t.id, 'pallet-signature': `t=${t},v1=${signPayload(s.secret, t, Buffer.from(raw))}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe(status);
  }
}

const postLabels = (key: string, orders: unknown) =>
  app.inject({ method: 'POST', url: '/v1/labels', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload: JSON.stringify({ orders }) });

const run = (cmd: string, args: readonly string[]): string => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('POST /v1/labels', () => {
  it('prints one 100×150 mm page per parcel with the CJK recipient, order reference, sender and a Code128 of the tracking number', async () => {
    const s = await shop();
    const orders = [await released(s, '王小明'), await released(s, '李华'), await released(s, '张伟')];
    const issued = await carrier.requestWaybills({
      tenant: s.t.id, sender: { name: '杭州一号仓', phone: '0571-8888', province: '浙江省', city: '杭州市', address1: '仓前街 1 号' },
      parcels: [...orders.map((o) => ({ parcelId: o.orderId, orderId: o.orderId, recipient: { name: o.name, phone: '1', country: 'CN', province: '浙江省', city: '杭州市', address1: 'x' } })),
        { parcelId: `${orders[2]!.orderId}-2`, orderId: orders[2]!.orderId, recipient: { name: '张伟', phone: '1', country: 'CN', province: '浙江省', city: '杭州市', address1: 'x' } }],
    });
    if (!issued.ok) throw new Error(issued.error.detail);
    const numbers = issued.value.map((w) => w.waybillNo);
    await shipped(s, orders[0]!, [numbers[0]!]);
    await shipped(s, orders[1]!, [numbers[1]!]);
    await shipped(s, orders[2]!, [numbers[2]!, numbers[3]!]);

    const res = await postLabels(s.opsKey, orders.map((o) => o.orderId));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = join(dir, `${s.t.id}.pdf`);
    writeFileSync(pdf, res.rawPayload);
    const info = run('pdfinfo', [pdf]);
    expect(info).toMatch(/^Pages:\s+4$/m);
    expect(info).toMatch(/Page size:\s+283\.46\d* x 425\.19\d* pts/);

    // Labels in request order, one per parcel: order 3 has two.
    const expected = [[orders[0]!, numbers[0]!], [orders[1]!, numbers[1]!], [orders[2]!, numbers[2]!], [orders[2]!, numbers[3]!]] as const;
    run('pdftoppm', ['-r', '200', '-gray', '-png', pdf, join(dir, `${s.t.id}-p`)]);
    const images = readdirSync(dir).filter((f) => f.startsWith(`${s.t.id}-p`) && f.endsWith('.png')).sort();
    expect(images).toHaveLength(4);
    for (const [i, [o, tracking]] of expected.entries()) {
      const text = run('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', pdf, '-']);
      expect(text).toContain(o.name);
      expect(text).toContain('浙江省');
      expect(text).toContain('西湖区');
      expect(text).toContain(o.externalId);
      expect(text).toContain('杭州一号仓');
      const decoded = run('zbarimg', ['-q', '--raw', '-Scode128.enable', join(dir, images[i]!)]).trim();
      expect(decoded).toBe(tracking);
    }
  });

  it('refuses with 409 ORDER_NOT_SHIPPED naming the orders that have no shipments, and 404 naming unknown ones', async () => {
    const s = await shop();
    const a = await released(s, '赵六');
    const b = await released(s, '钱七');
    await shipped(s, a, ['SBX9000000001']);
    const res = await postLabels(s.opsKey, [a.orderId, b.orderId]);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'ORDER_NOT_SHIPPED', orders: [b.orderId], field: 'body.orders' });
    expect(res.json().detail).toContain(b.orderId);
    const unknown = await postLabels(s.opsKey, [a.orderId, 'o_nosuchorder']);
    expect(unknown.statusCode, unknown.body).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'ORDER_NOT_FOUND', orders: ['o_nosuchorder'] });
  });

  it('takes ops or admin keys only and bounds the batch', async () => {
    const s = await shop();
    expectProblem(await h.call({ method: 'POST', url: '/v1/labels', key: s.t.keys.read, body: { orders: ['o_x'] } }), 403, 'FORBIDDEN');
    const tooMany = await postLabels(s.opsKey, Array.from({ length: h.rt.config.labels.ordersMax + 1 }, (_, i) => `o_${i}`));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().code).toBe('VALIDATION_FAILED');
    expect((await postLabels(s.opsKey, [])).statusCode).toBe(400);
  });
});
