// QiMen warehouses end to end (issue 14), on real Redis, NATS and PostgreSQL:
// a warehouse connected in qimen mode gets each released order's pick task as
// one signed deliveryorder.create (a failure flag retried by the fulfilment
// consumer, the same deliveryOrderCode each time); the fake WMS checks every
// request's sign and structure and signs what it sends back: a confirm ships
// the order (once), a shortage report makes it an exception, stock reports
// adjust stock (once; above the tolerance held), and hostile requests — wrong
// sign, missing parameters, DTDs, oversized bodies, unknown methods — are
// answered with failure documents and change nothing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { webhookHmacBase64 } from '../../../src/app/channel.signature.ts';
import { orderIdOf } from '../../../src/app/order.ids.ts';
import type { PickTask } from '../../../src/core/pick-task.rules.ts';
import { deleteTopology } from '../../../src/adapters/nats/topology.ts';
import { serve } from '../../../src/main.ts';
import { createHttpHarness, type HttpHarness, type TenantFixture } from '../../helpers/http.ts';
import { FakeQimenWms } from '../../faults/fake-qimen.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/channels/shopify.order.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const channelSecret = 'shpss_test_secret_0003';
const skuMap = { 'TEE-BLK-M': 'SKU-1', '44123456789013': 'SKU-2' };
const qimen = { appKey: 'pallet-test-app', secret: 'qimen-app-secret-0123456789abcdef', customerId: 'OWNER01', warehouseCode: 'HZ-01' };
const bodyBytesMax = 4_096;
const tolerance = 10;

let h: HttpHarness;
let t: TenantFixture;
let stop: () => Promise<void>;
const wms = new FakeQimenWms(qimen);
const answerParser = new XMLParser({ parseTagValue: false });

beforeAll(async () => {
  await wms.start();
  h = await createHttpHarness({
    PALLET_CONSUMER_MAX_DELIVER: '4', PALLET_WMS_RETRY_DELAY_MS_MAX: '1000',
    PALLET_QIMEN_BODY_BYTES_MAX: String(bodyBytesMax), PALLET_QIMEN_STOCK_TOLERANCE_UNITS: String(tolerance),
  });
  t = await h.tenant({
    warehouses: [{ id: 'wh1' }], skus: [{ sku: 'SKU-1' }, { sku: 'SKU-2' }],
    stock: [{ warehouse: 'wh1', sku: 'SKU-1', onHand: 50 }, { warehouse: 'wh1', sku: 'SKU-2', onHand: 50 }],
  });
  const created = await h.rt.deps.channels.create(t.id, { id: 'shop1', type: 'shopify', name: 'Shop', webhookSecret: channelSecret, skuMap });
  expect(created.ok).toBe(true);
  const put = await h.call({ method: 'PUT', url: '/v1/warehouses/wh1/wms', key: t.keys.admin, body: { mode: 'qimen', url: wms.url, timeoutMs: 2_000, ...qimen } });
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

const router = () => `/v1/warehouses/wh1/qimen?tenant=${t.id}`;

/** Sends a request to Pallet's router as the fake WMS signed it; the parsed answer. */
async function callRouter(req: { url: string; body: string }) {
  const r = await h.call({ method: 'POST', url: req.url, payload: req.body, headers: { 'content-type': 'application/xml' } });
  expect(r.status, r.text).toBe(200);
  expect(String(r.headers['content-type'])).toMatch(/^application\/xml/);
  return answerParser.parse(r.text).response as { flag: string; code: string; message: string };
}

const orderOf = async (id: string) => {
  const o = await h.rt.deps.orders.get(t.id, id);
  if (!o.ok) throw new Error(o.error.detail);
  return o.value;
};
const onHand = async (sku: string) => {
  const r = await h.rt.deps.stock.read(t.id, [sku]);
  if (!r.ok) throw new Error(r.error.detail);
  return r.value[0]!.warehouses.find((w) => w.warehouse === 'wh1')!.onHand;
};

const confirmDoc = (code: string, outBizCode: string, packages: object[]) => ({
  request: { deliveryOrder: { deliveryOrderCode: code, warehouseCode: qimen.warehouseCode, orderType: 'JYCK', status: 'DELIVERED', outBizCode, confirmType: '0' },
    packages: { package: packages } },
});

describe('a qimen-mode warehouse', () => {
  const orderA = orderIdOf('shop1', String(fixture.id));

  it('is shown with its QiMen settings and never its secret; incomplete settings are refused naming the field', async () => {
    const got = await h.call({ method: 'GET', url: '/v1/warehouses/wh1/wms', key: t.keys.read });
    expect(got.body).toMatchObject({ mode: 'qimen', url: wms.url, qimen: { appKey: qimen.appKey, customerId: qimen.customerId, warehouseCode: qimen.warehouseCode } });
    expect(got.text).not.toContain(qimen.secret);
    const { appKey: _a, ...noAppKey } = qimen;
    const bad = await h.call({ method: 'PUT', url: '/v1/warehouses/wh1/wms', key: t.keys.admin, body: { mode: 'qimen', url: wms.url, ...noAppKey } });
    expect(bad.status).toBe(400);
    expect(bad.body.field ?? bad.body.errors?.[0]?.field).toBe('body.appKey');
    const stray = await h.call({ method: 'PUT', url: '/v1/warehouses/wh1/wms', key: t.keys.admin, body: { mode: 'push', url: wms.url, secret: qimen.secret, appKey: 'x' } });
    expect(stray.status).toBe(400);
  });

  it('gets one deliveryorder.create per task, signed and well-formed; a failure flag is retried with the same code', async () => {
    wms.answers = ['failure'];
    expect((await send(fixture, 'q-1')).ok).toBe(true);
    const [task] = await tasksWhen(orderA, (ts) => ts.length === 1 && ts[0]!.status === 'delivered');
    expect(task!.attempts).toBe(1);
    expect(task!.lastError).toContain('FAKE_FAIL');
    const creates = wms.creates().filter((c) => c.doc?.request?.deliveryOrder?.deliveryOrderCode === task!.id);
    expect(creates.map((c) => [c.problems, c.answered])).toEqual([[[], 'failure'], [[], 'success']]);
    const d = creates[1]!.doc.request;
    expect(d.deliveryOrder).toMatchObject({ orderType: 'JYCK', warehouseCode: qimen.warehouseCode, sourcePlatformCode: 'OTHER' });
    expect(d.orderLines.orderLine.map((l: any) => [l.itemCode, l.planQty])).toEqual([['SKU-1', '2'], ['SKU-2', '3']]);
  });

  it('a signed deliveryorder.confirm ships the order with its parcels, once', async () => {
    const [task] = await h.rt.deps.pickTasks.tasksOfOrder(t.id, orderA);
    const doc = confirmDoc(task!.id, 'CONFIRM-1', [{ logisticsCode: 'YD', expressCode: 'YD4300000001', weight: '0.8' }, { logisticsCode: 'SF', expressCode: 'SF1000000002' }]);
    const first = await callRouter(wms.signedRequest(router(), 'taobao.qimen.deliveryorder.confirm', doc));
    expect(first, JSON.stringify(first)).toMatchObject({ flag: 'success' });
    expect((await orderOf(orderA)).status).toBe('shipped');
    const again = await callRouter(wms.signedRequest(router(), 'taobao.qimen.deliveryorder.confirm', doc));
    expect(again).toMatchObject({ flag: 'success', message: expect.stringContaining('already applied') });
    const shipments = await h.rt.deps.fulfilment.shipments(t.id, orderA);
    // Both parcels (shipped at the same moment: in no particular order), the second confirm adding none.
    expect(shipments.ok && shipments.value.map((s) => [s.carrier, s.trackingNumber, s.weightGrams]).sort())
      .toEqual([['SF', 'SF1000000002', null], ['YUNDA', 'YD4300000001', 800]]);
  });

  it('hostile requests get failure documents naming the problem and change nothing', async () => {
    const orderB = orderIdOf('shop1', '777');
    expect((await send({ ...fixture, id: 777 }, 'q-2')).ok).toBe(true);
    const [task] = await tasksWhen(orderB, (ts) => ts.length === 1 && ts[0]!.status === 'delivered');
    const before = await orderOf(orderB);
    const doc = confirmDoc(task!.id, 'CONFIRM-B', [{ logisticsCode: 'ZTO', expressCode: 'ZT1' }]);
    const cases: [string, { url: string; body: string }, string][] = [
      ['wrong secret', wms.signedRequest(router(), 'taobao.qimen.deliveryorder.confirm', doc, { secret: 'not-the-secret-0000000000' }), 'SIGNATURE_INVALID'],
      ['missing customerId', wms.signedRequest(router(), 'taobao.qimen.deliveryorder.confirm', doc, { params: { customerId: undefined } }), 'PARAM_MISSING'],
      ['another app key', wms.signedRequest(router(), 'taobao.qimen.deliveryorder.confirm', doc, { params: { app_key: 'someone-else' } }), 'SIGNATURE_INVALID'],
      ['an old timestamp', wms.signedRequest(router(), 'taobao.qimen.deliveryorder.confirm', doc, { nowMs: Date.now() - 3_600_000 }), 'TIMESTAMP_EXPIRED'],
      ['format json', wms.signedRequest(router(), 'taobao.qimen.deliveryorder.confirm', doc, { params: { format: 'json' } }), 'PARAM_INVALID'],
      ['an unknown method', wms.signedRequest(router(), 'taobao.qimen.deliveryorder.create', doc), 'METHOD_UNKNOWN'],
      ['a DTD with entities', wms.signedRequest(router(), 'taobao.qimen.deliveryorder.confirm',
        `<?xml version="1.0"?><!DOCTYPE request [<!ENTITY x "${task!.id}">]><request><deliveryOrder><deliveryOrderCode>&x;</deliveryOrderCode><status>DELIVERED</status></deliveryOrder><packages><package><logisticsCode>SF</logisticsCode><expressCode>SF9</expressCode></package></packages></request>`), 'XML_DTD_REFUSED'],
      ['malformed XML', wms.signedRequest(router(), 'taobao.qimen.deliveryorder.confirm', '<request><deliveryOrder></request>'), 'XML_INVALID'],
      ['an oversized body', wms.signedRequest(router(), 'taobao.qimen.deliveryorder.confirm', `<request><remark>${'x'.repeat(bodyBytesMax)}</remark></request>`), 'BODY_TOO_LARGE'],
      ['another warehouse code', wms.signedRequest(router(), 'taobao.qimen.deliveryorder.confirm',
        { request: { ...doc.request, deliveryOrder: { ...doc.request.deliveryOrder, warehouseCode: 'SH-02' } } }), 'DOCUMENT_INVALID'],
      ['a delivery order never sent', wms.signedRequest(router(), 'taobao.qimen.deliveryorder.confirm', confirmDoc('tk_nope', 'X', [{ logisticsCode: 'SF', expressCode: 'S1' }])), 'ORDER_NOT_FOUND'],
    ];
    for (const [what, req, code] of cases) {
      const answer = await callRouter(req);
      expect(answer, what).toMatchObject({ flag: 'failure', code });
    }
    const noTenant = await h.call({ method: 'POST', url: '/v1/warehouses/wh1/qimen?method=x', payload: '<request/>', headers: { 'content-type': 'application/xml' } });
    expect(answerParser.parse(noTenant.text).response).toMatchObject({ flag: 'failure', code: 'PARAM_MISSING' });
    const after = await orderOf(orderB);
    expect({ status: after.status, version: after.version }).toEqual({ status: before.status, version: before.version });
    const shipments = await h.rt.deps.fulfilment.shipments(t.id, orderB);
    expect(shipments.ok && shipments.value).toEqual([]);
  });

  it('an itemlack.report makes the order an exception with the shortage as its reason', async () => {
    const orderB = orderIdOf('shop1', '777');
    const [task] = await h.rt.deps.pickTasks.tasksOfOrder(t.id, orderB);
    const answer = await callRouter(wms.signedRequest(router(), 'taobao.qimen.itemlack.report', {
      request: { warehouseCode: qimen.warehouseCode, deliveryOrderCode: task!.id, outBizCode: 'LACK-1',
        items: { item: [{ itemCode: 'SKU-2', planQty: '3', lackQty: '2', reason: '库位缺货' }] } },
    }));
    expect(answer).toMatchObject({ flag: 'success' });
    const order = await orderOf(orderB);
    expect(order.status).toBe('exception');
    expect(order.holds.map((x) => x.detail).join(' ')).toContain('SKU-2 short 2');
  });

  it('a stockchange.report adjusts on-hand with its reason, once; a movement above the tolerance is held, not applied', async () => {
    const start = await onHand('SKU-1');
    const report = { request: { items: { item: [
      { warehouseCode: qimen.warehouseCode, itemCode: 'SKU-1', inventoryType: 'ZP', quantity: '-2', orderType: 'PDCK', outBizCode: 'SC-1', remark: '盘亏' },
      { warehouseCode: qimen.warehouseCode, itemCode: 'SKU-1', inventoryType: 'CC', quantity: '-1', outBizCode: 'SC-1b' },
    ] } } };
    expect(await callRouter(wms.signedRequest(router(), 'taobao.qimen.stockchange.report', report))).toMatchObject({ flag: 'success' });
    expect(await onHand('SKU-1')).toBe(start - 2);
    expect(await callRouter(wms.signedRequest(router(), 'taobao.qimen.stockchange.report', report))).toMatchObject({ flag: 'success', message: 'already applied' });
    expect(await onHand('SKU-1')).toBe(start - 2);
    const big = { request: { items: { item: [{ warehouseCode: qimen.warehouseCode, itemCode: 'SKU-1', quantity: String(tolerance + 1), outBizCode: 'SC-2' }] } } };
    expect(await callRouter(wms.signedRequest(router(), 'taobao.qimen.stockchange.report', big))).toMatchObject({ flag: 'success', message: expect.stringContaining('held') });
    expect(await onHand('SKU-1')).toBe(start - 2);
    const unknownSku = { request: { items: { item: [{ itemCode: 'NO-SUCH-SKU', quantity: '1', outBizCode: 'SC-3' }] } } };
    expect(await callRouter(wms.signedRequest(router(), 'taobao.qimen.stockchange.report', unknownSku))).toMatchObject({ flag: 'failure', code: 'STOCK_REFUSED' });
  });

  it('an entryorder.confirm adds the received sellable quantities, once', async () => {
    const start = await onHand('SKU-2');
    const doc = { request: { entryOrder: { entryOrderCode: 'EO-1', warehouseCode: qimen.warehouseCode, outBizCode: 'EO-1-a', status: 'FULFILLED' },
      orderLines: { orderLine: [{ itemCode: 'SKU-2', actualQty: '25', inventoryType: 'ZP' }] } } };
    expect(await callRouter(wms.signedRequest(router(), 'taobao.qimen.entryorder.confirm', doc))).toMatchObject({ flag: 'success' });
    expect(await callRouter(wms.signedRequest(router(), 'taobao.qimen.entryorder.confirm', doc))).toMatchObject({ flag: 'success' });
    expect(await onHand('SKU-2')).toBe(start + 25);
  });

  it('cancelling an order whose delivery order was sent sends order.cancel', async () => {
    const orderC = orderIdOf('shop1', '778');
    expect((await send({ ...fixture, id: 778 }, 'q-3')).ok).toBe(true);
    const [task] = await tasksWhen(orderC, (ts) => ts.length === 1 && ts[0]!.status === 'delivered');
    const cancelled = await h.call({ method: 'POST', url: `/v1/orders/${orderC}/cancel`, key: t.keys.admin, body: { reason: 'buyer asked' } });
    expect([200, 201], cancelled.text).toContain(cancelled.status);
    const deadline = Date.now() + 15_000;
    while (!wms.received.some((r) => r.method === 'taobao.qimen.order.cancel' && r.doc?.request?.orderCode === task!.id)) {
      if (Date.now() > deadline) throw new Error('no order.cancel reached the WMS');
      await new Promise((r) => setTimeout(r, 100));
    }
    const cancel = wms.received.find((r) => r.method === 'taobao.qimen.order.cancel')!;
    expect(cancel.problems).toEqual([]);
  });
});
