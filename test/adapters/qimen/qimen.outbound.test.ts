// What operators ask a QiMen WMS through Pallet (issue 14), on real Redis,
// NATS and PostgreSQL, against the fake WMS (test/faults/fake-qimen.ts, which
// checks each request's sign and structure with its own code):
// - GET /v1/warehouses/{id}/qimen/inventory-drift: inventory.query in batches
//   (PALLET_QIMEN_INVENTORY_BATCH_SIZE), pages of SKUs
//   (PALLET_QIMEN_INVENTORY_SKUS_MAX), Pallet's on-hand against the WMS's
//   scripted sellable book stock per SKU; drift reported, nothing changed;
// - POST /v1/warehouses/{id}/qimen/entry-orders: entryorder.create, 201 with
//   what the WMS said, 502 WMS_FAILED naming its code and message; the WMS's
//   entryorder.confirm then adds the received stock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { createHttpHarness, type HttpHarness, type TenantFixture } from '../../helpers/http.ts';
import { FakeQimenWms } from '../../faults/fake-qimen.ts';

const qimen = { appKey: 'pallet-outbound-app', secret: 'qimen-outbound-secret-0123456789', customerId: 'OWNER02', warehouseCode: 'SZ-07' };
const wms = new FakeQimenWms(qimen);
const answerParser = new XMLParser({ parseTagValue: false });
let h: HttpHarness;
let t: TenantFixture;

beforeAll(async () => {
  await wms.start();
  h = await createHttpHarness({ PALLET_QIMEN_INVENTORY_BATCH_SIZE: '2', PALLET_QIMEN_INVENTORY_SKUS_MAX: '3' });
  t = await h.tenant({
    warehouses: [{ id: 'wq' }, { id: 'wj' }],
    skus: [{ sku: 'A' }, { sku: 'B' }, { sku: 'C' }, { sku: 'D' }, { sku: 'KIT', components: [{ sku: 'A', qty: 2 }] }],
    stock: [
      { warehouse: 'wq', sku: 'A', onHand: 10 }, { warehouse: 'wq', sku: 'B', onHand: 5 }, { warehouse: 'wq', sku: 'D', onHand: 7 },
      { warehouse: 'wj', sku: 'A', onHand: 3 },
    ],
  });
  const put = await h.call({ method: 'PUT', url: '/v1/warehouses/wq/wms', key: t.keys.admin, body: { mode: 'qimen', url: wms.url, timeoutMs: 2_000, ...qimen } });
  expect(put.status, put.text).toBe(200);
}, 60_000);

afterAll(async () => {
  await h?.close();
  await wms.stop();
});

const onHand = async (warehouse: string, sku: string) => (await h.cell(t.id, warehouse, sku)).onHand;
const sent = (method: string) => wms.received.filter((r) => r.method === method);

describe('inventory drift against a QiMen WMS', () => {
  it('answers per SKU Pallet on-hand, the WMS book stock and the difference, in batches and pages, changing nothing', async () => {
    wms.inventory = new Map([
      ['A', [{ quantity: 10, lockQuantity: 1 }]],
      // A damaged (CC) line and another warehouse's line are not sellable stock here.
      ['B', [{ quantity: 3 }, { quantity: 40, inventoryType: 'CC' }, { quantity: 9, warehouseCode: 'OTHER-WH' }]],
      // Two batches of one item are summed.
      ['D', [{ quantity: 4 }, { quantity: 5 }]],
    ]);
    const before = sent('taobao.qimen.inventory.query').length;
    const first = await h.call({ method: 'GET', url: '/v1/warehouses/wq/qimen/inventory-drift', key: t.keys.admin });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ warehouse: 'wq', warehouseCode: 'SZ-07', drifted: 1, nextAfter: 'C' });
    expect(first.body.items).toEqual([
      { sku: 'A', pallet: { onHand: 10, reserved: 0, committed: 0 }, wms: { quantity: 10, lockQuantity: 1 }, difference: 0 },
      { sku: 'B', pallet: { onHand: 5, reserved: 0, committed: 0 }, wms: { quantity: 3, lockQuantity: 0 }, difference: -2 },
      { sku: 'C', pallet: { onHand: 0, reserved: 0, committed: 0 }, wms: null, difference: 0 },
    ]);
    // Three SKUs (the bundle KIT has no stock of its own) in queries of at most two item codes, each well signed and formed.
    const queries = sent('taobao.qimen.inventory.query').slice(before);
    expect(queries.map((q) => [q.problems, q.doc.request.criteriaList.criteria.map((c: { itemCode: string }) => c.itemCode)]))
      .toEqual([[[], ['A', 'B']], [[], ['C']]]);

    const second = await h.call({ method: 'GET', url: '/v1/warehouses/wq/qimen/inventory-drift?after=C', key: t.keys.admin });
    expect(second.status, second.text).toBe(200);
    expect(second.body).toMatchObject({ drifted: 1, nextAfter: null });
    expect(second.body.items).toEqual([{ sku: 'D', pallet: { onHand: 7, reserved: 0, committed: 0 }, wms: { quantity: 9, lockQuantity: 0 }, difference: 2 }]);

    // Reported, never applied.
    expect([await onHand('wq', 'A'), await onHand('wq', 'B'), await onHand('wq', 'C'), await onHand('wq', 'D')]).toEqual([10, 5, 0, 7]);
  });

  it('a WMS failure is 502 WMS_FAILED naming its code and message; a warehouse not in qimen mode is 409; keys are checked', async () => {
    wms.answers = ['failure'];
    const failed = await h.call({ method: 'GET', url: '/v1/warehouses/wq/qimen/inventory-drift', key: t.keys.admin });
    expect(failed.status, failed.text).toBe(502);
    expect(failed.body).toMatchObject({ code: 'WMS_FAILED', wmsCode: 'FAKE_FAIL', wmsMessage: 'scripted failure' });
    expect(failed.body.detail).toContain('FAKE_FAIL');

    const notQimen = await h.call({ method: 'GET', url: '/v1/warehouses/wj/qimen/inventory-drift', key: t.keys.admin });
    expect([notQimen.status, notQimen.body.code]).toEqual([409, 'WMS_NOT_QIMEN']);
    const unknown = await h.call({ method: 'GET', url: '/v1/warehouses/nope/qimen/inventory-drift', key: t.keys.admin });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'UNKNOWN_WAREHOUSE']);
    const reader = await h.call({ method: 'GET', url: '/v1/warehouses/wq/qimen/inventory-drift', key: t.keys.read });
    expect(reader.status).toBe(403);
    const badAfter = await h.call({ method: 'GET', url: '/v1/warehouses/wq/qimen/inventory-drift?after=%20x', key: t.keys.admin });
    expect(badAfter.status).toBe(400);
  });
});

describe('entry orders to a QiMen WMS', () => {
  it('sends a signed entryorder.create and answers 201 with what the WMS said; its confirm then adds the stock', async () => {
    const start = await onHand('wq', 'B');
    const r = await h.call({
      method: 'POST', url: '/v1/warehouses/wq/qimen/entry-orders', key: t.keys.admin,
      body: { entryOrderCode: 'PO-2027-001', items: [{ sku: 'B', qty: 12 }, { sku: 'D', qty: 3 }], expectedAt: '2027-03-01T02:00:00Z', supplier: 'SUP-9' },
    });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toEqual({ warehouse: 'wq', entryOrderCode: 'PO-2027-001', wms: { code: '0', message: 'ok', entryOrderId: 'WMS-PO-2027-001' } });
    const [create] = sent('taobao.qimen.entryorder.create').slice(-1);
    expect(create!.problems).toEqual([]);
    expect(create!.doc.request.entryOrder).toMatchObject({
      entryOrderCode: 'PO-2027-001', warehouseCode: 'SZ-07', ownerCode: 'OWNER02', orderType: 'CGRK', supplierCode: 'SUP-9',
      // 02:00 UTC is 10:00 in Beijing.
      expectStartTime: '2027-03-01 10:00:00',
    });
    expect(create!.doc.request.orderLines.orderLine.map((l: { itemCode: string; planQty: string }) => [l.itemCode, l.planQty])).toEqual([['B', '12'], ['D', '3']]);
    // Announced, not received: stock does not change until the WMS confirms.
    expect(await onHand('wq', 'B')).toBe(start);

    const confirm = wms.signedRequest(`/v1/warehouses/wq/qimen?tenant=${t.id}`, 'taobao.qimen.entryorder.confirm', {
      request: { entryOrder: { entryOrderCode: 'PO-2027-001', warehouseCode: 'SZ-07', outBizCode: 'PO-2027-001-r1', status: 'FULFILLED' },
        orderLines: { orderLine: [{ itemCode: 'B', actualQty: '11', inventoryType: 'ZP' }] } },
    });
    const answer = await h.call({ method: 'POST', url: confirm.url, payload: confirm.body, headers: { 'content-type': 'application/xml' } });
    expect(answerParser.parse(answer.text).response).toMatchObject({ flag: 'success' });
    expect(await onHand('wq', 'B')).toBe(start + 11);
  });

  it('a WMS that refuses or fails is 502 WMS_FAILED naming its code and message, and Pallet changes nothing', async () => {
    const start = await onHand('wq', 'A');
    wms.answers = ['failure'];
    const refused = await h.call({ method: 'POST', url: '/v1/warehouses/wq/qimen/entry-orders', key: t.keys.admin, body: { entryOrderCode: 'PO-2', items: [{ sku: 'A', qty: 1 }] } });
    expect(refused.status, refused.text).toBe(502);
    expect(refused.body).toMatchObject({ code: 'WMS_FAILED', method: 'taobao.qimen.entryorder.create', wmsCode: 'FAKE_FAIL', wmsMessage: 'scripted failure' });
    wms.answers = ['http500'];
    const down = await h.call({ method: 'POST', url: '/v1/warehouses/wq/qimen/entry-orders', key: t.keys.admin, body: { entryOrderCode: 'PO-3', items: [{ sku: 'A', qty: 1 }] } });
    expect([down.status, down.body.code]).toEqual([502, 'WMS_FAILED']);
    expect(down.body.detail).toContain('HTTP 500');
    expect(await onHand('wq', 'A')).toBe(start);
  });

  it('bad input is a 4xx naming the field, and nothing reaches the WMS', async () => {
    const before = wms.received.length;
    const cases: [string, unknown, number, string][] = [
      ['no items', { entryOrderCode: 'PO-4', items: [] }, 400, 'body.items'],
      ['qty 0', { entryOrderCode: 'PO-4', items: [{ sku: 'A', qty: 0 }] }, 400, 'body.items[0].qty'],
      ['a code with spaces', { entryOrderCode: 'PO 4', items: [{ sku: 'A', qty: 1 }] }, 400, 'body.entryOrderCode'],
      ['an unknown sku', { entryOrderCode: 'PO-4', items: [{ sku: 'A', qty: 1 }, { sku: 'ZZZ', qty: 1 }] }, 404, 'body.items[1].sku'],
      ['a sku twice', { entryOrderCode: 'PO-4', items: [{ sku: 'A', qty: 1 }, { sku: 'A', qty: 2 }] }, 400, 'body.items[1].sku'],
      ['a bundle', { entryOrderCode: 'PO-4', items: [{ sku: 'KIT', qty: 1 }] }, 409, 'body.items[0].sku'],
      ['an unknown field', { entryOrderCode: 'PO-4', items: [{ sku: 'A', qty: 1 }], price: 3 }, 400, 'body'],
    ];
    for (const [what, body, status, field] of cases) {
      const r = await h.call({ method: 'POST', url: '/v1/warehouses/wq/qimen/entry-orders', key: t.keys.admin, body });
      expect(r.status, `${what}: ${r.text}`).toBe(status);
      expect(r.body.field ?? r.body.errors?.[0]?.field, what).toContain(field);
    }
    const notQimen = await h.call({ method: 'POST', url: '/v1/warehouses/wj/qimen/entry-orders', key: t.keys.admin, body: { entryOrderCode: 'PO-5', items: [{ sku: 'A', qty: 1 }] } });
    expect([notQimen.status, notQimen.body.code]).toEqual([409, 'WMS_NOT_QIMEN']);
    expect(wms.received.length).toBe(before);
  });
});
