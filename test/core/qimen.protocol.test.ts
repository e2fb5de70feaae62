// The QiMen protocol core (issue 14): the sign's known answers, system
// parameters, time stamps, carriers and the delivery order document.
//
// Signature vectors. Vector 1 is fixed and was computed outside Pallet with
// coreutils: printf '%s' '<the string below>' | md5sum →
// 3b6133edfe762ff5e482c17224550326 (upper-cased by the protocol). Vector 2
// is computed here with node:crypto over a string the test writes out by
// hand (its own sorting, not signFrame's), so a wrong order, a missing pair,
// a body in the wrong place or a lower-case sign all fail.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { qimenSign } from '../../src/app/qimen.signature.ts';
import {
  carrierOfLogisticsCode, deliveryOrderCreate, entryOrderCreate, orderFlagOf, readDeliveryOrderConfirm, readInventoryAnswer, readStockChangeReport,
} from '../../src/core/qimen.documents.ts';
import { checkSystemParams, formatQimenTime, parseQimenTime, signBase } from '../../src/core/qimen.protocol.ts';
import type { Order } from '../../src/core/order.types.ts';
import type { PickTask } from '../../src/core/pick-task.rules.ts';

const secret = 'sandbox-secret-0001';
const body1 = '<request><deliveryOrder><deliveryOrderCode>tk_1</deliveryOrderCode></deliveryOrder></request>';
const params1 = {
  method: 'taobao.qimen.deliveryorder.confirm', timestamp: '2026-01-02 03:04:05', format: 'xml', app_key: 'testkey',
  v: '2.0', sign_method: 'md5', customerId: 'c1001',
};

describe('the QiMen sign', () => {
  it('matches the fixed vector (computed with md5sum)', () => {
    expect(qimenSign(secret, params1, body1)).toBe('3B6133EDFE762FF5E482C17224550326');
    // sign itself is never part of what is signed
    expect(qimenSign(secret, { ...params1, sign: 'ANYTHING' }, body1)).toBe('3B6133EDFE762FF5E482C17224550326');
  });

  it('matches an independent node:crypto computation, with extra and non-ASCII parameters and a CJK body', () => {
    const params = { ...params1, tenant: 't1', extra: '上海', v: '2.0' };
    const body = '<request><remark>浦东 & 仓</remark></request>';
    const byHand = [['app_key', 'testkey'], ['customerId', 'c1001'], ['extra', '上海'], ['format', 'xml'], ['method', params1.method],
      ['sign_method', 'md5'], ['tenant', 't1'], ['timestamp', params1.timestamp], ['v', '2.0']].map(([k, v]) => `${k}${v}`).join('');
    const expected = createHash('md5').update(Buffer.from(`${secret}${byHand}${body}${secret}`, 'utf8')).digest('hex').toUpperCase();
    expect(qimenSign(secret, params, Buffer.from(body, 'utf8'))).toBe(expected);
    expect(signBase(secret, params, body)).toBe(`${secret}${byHand}${body}${secret}`);
  });

  it('changes with any byte of the body or any parameter', () => {
    const base = qimenSign(secret, params1, body1);
    expect(qimenSign(secret, params1, `${body1} `)).not.toBe(base);
    expect(qimenSign(secret, { ...params1, customerId: 'c1002' }, body1)).not.toBe(base);
    expect(qimenSign(`${secret}x`, params1, body1)).not.toBe(base);
  });
});

describe('system parameters', () => {
  const now = parseQimenTime('2026-01-02 03:04:05')!;
  const full = { ...params1, sign: '3B6133EDFE762FF5E482C17224550326' };

  it('are accepted when complete and the time stamp is near', () => {
    const r = checkSystemParams(full, now + 30_000, 300);
    expect(r).toEqual({ ok: true, value: expect.objectContaining({ method: params1.method, appKey: 'testkey', customerId: 'c1001', timestampMs: now }) });
  });

  it.each(['method', 'timestamp', 'format', 'app_key', 'v', 'sign_method', 'customerId', 'sign'])('a missing %s is PARAM_MISSING naming it', (name) => {
    const { [name]: _gone, ...rest } = full as Record<string, string>;
    expect(checkSystemParams(rest, now, 300)).toEqual({ ok: false, fault: expect.objectContaining({ code: 'PARAM_MISSING', param: name }) });
  });

  it.each([
    ['format', 'json'], ['sign_method', 'hmac'], ['timestamp', '2026/01/02 03:04:05'], ['timestamp', '2026-02-30 03:04:05'], ['sign', 'xyz'],
  ])('%s=%s is PARAM_INVALID naming it', (name, value) => {
    expect(checkSystemParams({ ...full, [name]: value }, now, 300)).toEqual({ ok: false, fault: expect.objectContaining({ code: 'PARAM_INVALID', param: name }) });
  });

  it('a time stamp too far from now is TIMESTAMP_EXPIRED', () => {
    expect(checkSystemParams(full, now + 301_000, 300)).toEqual({ ok: false, fault: expect.objectContaining({ code: 'TIMESTAMP_EXPIRED', param: 'timestamp' }) });
  });

  it('time stamps are Beijing time', () => {
    expect(formatQimenTime(Date.UTC(2026, 0, 1, 16, 30, 0))).toBe('2026-01-02 00:30:00');
    expect(parseQimenTime('2026-01-02 00:30:00')).toBe(Date.UTC(2026, 0, 1, 16, 30, 0));
  });
});

describe('carriers', () => {
  it.each([['SF', 'SF'], ['yto', 'YTO'], ['ZTO', 'ZTO'], ['YUNDA', 'YUNDA'], ['YD', 'YUNDA'], ['STO', 'STO'], ['JDWL', 'JD'], ['EMS', 'EMS'], ['BEST', 'HTKY'], ['NEWCO', 'NEWCO']])(
    '%s → %s', (code, carrier) => expect(carrierOfLogisticsCode(code)).toBe(carrier));
  it('a code that is not a code is refused', () => expect(carrierOfLogisticsCode('S F<')).toBeNull());
});

const order: Order = {
  id: 'o_1', tenant: 't1', channel: 'tb-shop', status: 'released', externalId: 'TB20260102', placedAtMs: Date.UTC(2026, 0, 1, 0, 0, 0),
  paidAtMs: Date.UTC(2026, 0, 1, 0, 1, 0), buyer: { name: '张三' },
  shippingAddress: { name: '张三', phone: '13800000000', country: 'CN', province: '浙江省', city: '杭州市', district: '西湖区', address1: '文三路 1 号', postalCode: '310000' },
  lines: [{ sku: 'SKU-1', qty: 2, unitPriceMinor: 1999 }, { sku: '007', qty: 1, unitPriceMinor: 500 }],
  totals: { currency: 'CNY', itemsMinor: 4498, shippingMinor: 1000, discountMinor: 0, totalMinor: 5498 },
  flags: { cod: true, presell: false }, holds: [], version: 3,
};
const task: PickTask = {
  id: 'tk_abc', orderId: 'o_1', warehouse: 'wh1', tenant: 't1', seq: 1, status: 'pending', attempts: 0, lastError: null, dead: false,
  lines: [{ sku: '007', qty: 1 }, { sku: 'SKU-1', qty: 2 }], shippingAddress: order.shippingAddress, amendments: [],
  createdAtMs: Date.UTC(2026, 0, 1, 0, 2, 0), deliveredAtMs: null, updatedAtMs: 0,
};

describe('deliveryorder.create', () => {
  it('is one JYCK delivery order named by the task, with the platform, receiver split, item codes and flags', () => {
    const doc = deliveryOrderCreate(task, order, { warehouseCode: 'HZ01', ownerCode: 'c1001', channelType: 'taobao', tasksOfOrder: 2, nowMs: 0 });
    expect(doc.request.deliveryOrder).toMatchObject({
      deliveryOrderCode: 'tk_abc', orderType: 'JYCK', warehouseCode: 'HZ01', sourcePlatformCode: 'TB', orderFlag: 'COD^SPLIT',
      placeOrderTime: '2026-01-01 08:00:00', payTime: '2026-01-01 08:01:00', totalAmount: '54.98', freight: '10.00',
      receiverInfo: { name: '张三', mobile: '13800000000', province: '浙江省', city: '杭州市', area: '西湖区', detailAddress: '文三路 1 号', zipCode: '310000' },
    });
    expect(doc.request.orderLines.orderLine).toEqual([
      expect.objectContaining({ orderLineNo: '1', itemCode: '007', planQty: '1', ownerCode: 'c1001', sourceOrderCode: 'TB20260102', actualPrice: '5.00' }),
      expect.objectContaining({ orderLineNo: '2', itemCode: 'SKU-1', planQty: '2', actualPrice: '19.99' }),
    ]);
  });

  it.each([['jd', 'JD'], ['pinduoduo', 'PDD'], ['douyin', 'DY'], ['shopify', 'OTHER'], [null, 'OTHER']] as const)('channel %s → %s', (type, code) => {
    const doc = deliveryOrderCreate(task, order, { warehouseCode: 'HZ01', ownerCode: 'c', channelType: type, tasksOfOrder: 1, nowMs: 0 });
    expect(doc.request.deliveryOrder.sourcePlatformCode).toBe(code);
  });

  it('flags: none, presell', () => {
    expect(orderFlagOf({ flags: {} }, 1)).toBeUndefined();
    expect(orderFlagOf({ flags: { presell: true } }, 1)).toBe('PRESELL');
  });
});

describe('reading reports', () => {
  it('a confirm with packages: carriers mapped, kg → grams, a key of its own', () => {
    const tree = { request: { deliveryOrder: { deliveryOrderCode: 'tk_abc', status: 'DELIVERED', outBizCode: 'ob-1' },
      packages: { package: [{ logisticsCode: 'YD', expressCode: '4300001', weight: '1.25' }] } } };
    expect(readDeliveryOrderConfirm(tree)).toEqual({ ok: true, value: expect.objectContaining({
      deliveryOrderCode: 'tk_abc', final: true, confirmKey: 'ob-1', parcels: [{ carrier: 'YUNDA', trackingNumber: '4300001', weightGrams: 1250 }] }) });
  });

  it('a confirm without its code names the missing element', () => {
    expect(readDeliveryOrderConfirm({ request: { deliveryOrder: { status: 'DELIVERED' } } }))
      .toEqual({ ok: false, fault: expect.objectContaining({ code: 'DOCUMENT_INVALID', param: 'request.deliveryOrder.deliveryOrderCode' }) });
  });

  it('a stock change needs whole quantities', () => {
    expect(readStockChangeReport({ request: { items: { item: [{ itemCode: 'A', quantity: '1.5' }] } } }))
      .toEqual({ ok: false, fault: expect.objectContaining({ param: 'request.items.item[0].quantity' }) });
    expect(readStockChangeReport({ request: { items: { item: [{ itemCode: 'A', quantity: '-3' }] } } }))
      .toEqual({ ok: true, value: [expect.objectContaining({ itemCode: 'A', quantity: -3, inventoryType: 'ZP' })] });
  });

  it('an inventory answer: sellable lines of this warehouse per item, batches summed; a bad quantity is named, not guessed', () => {
    const answer = { response: { flag: 'success', items: { item: [
      { itemCode: 'A', warehouseCode: 'W1', inventoryType: 'ZP', quantity: '4', lockQuantity: '1' },
      { itemCode: 'A', warehouseCode: 'W1', quantity: '6' },
      { itemCode: 'A', warehouseCode: 'W1', inventoryType: 'CC', quantity: '50' },
      { itemCode: 'B', warehouseCode: 'W2', quantity: '9' },
    ] } } };
    const read = readInventoryAnswer(answer, { warehouseCode: 'W1' }, 100);
    expect(read.ok && [...read.value]).toEqual([['A', { quantity: 10, lockQuantity: 1 }]]);
    expect(readInventoryAnswer({ response: { flag: 'success' } }, { warehouseCode: 'W1' }, 100)).toEqual({ ok: true, value: new Map() });
    expect(readInventoryAnswer({ response: { items: { item: [{ itemCode: 'A', quantity: '2.5' }] } } }, { warehouseCode: 'W1' }, 100))
      .toEqual({ ok: false, fault: expect.objectContaining({ code: 'DOCUMENT_INVALID', param: 'response.items.item[0].quantity' }) });
    expect(readInventoryAnswer({ response: { items: { item: [{ itemCode: 'A', quantity: '1' }, { itemCode: 'B', quantity: '1' }] } } }, { warehouseCode: 'W1' }, 1))
      .toEqual({ ok: false, fault: expect.objectContaining({ code: 'DOCUMENT_INVALID' }) });
  });

  it('an entry order: CGRK, the expected time in Beijing time, one sellable line per sku', () => {
    const doc = entryOrderCreate({ entryOrderCode: 'PO-1', lines: [{ sku: 'A', qty: 3 }], expectedAtMs: Date.UTC(2027, 0, 31, 20, 0, 0) },
      { warehouseCode: 'W1', ownerCode: 'O1', nowMs: Date.UTC(2027, 0, 1, 0, 0, 0) });
    expect(doc).toEqual({ request: {
      entryOrder: { entryOrderCode: 'PO-1', ownerCode: 'O1', warehouseCode: 'W1', orderType: 'CGRK', orderCreateTime: '2027-01-01 08:00:00',
        expectStartTime: '2027-02-01 04:00:00', remark: 'pallet entry order' },
      orderLines: { orderLine: [{ orderLineNo: '1', ownerCode: 'O1', itemCode: 'A', planQty: '3', inventoryType: 'ZP' }] },
    } });
  });
});
