import { describe, expect, it } from 'vitest';
import { checkWms, pushBody, pushRetryDelayMs, taskAmendmentsOf, tasksFromAllocations, warehousesPerOrderMax } from '../../src/core/pick-task.rules.ts';
import type { Amendment } from '../../src/core/amendment.rules.ts';
import type { Address } from '../../src/core/order.types.ts';

const address: Address = { name: 'Li Lei', phone: '13800000000', country: 'CN', province: 'Zhejiang', city: 'Hangzhou', address1: '1 West Lake Rd' };
const order = { id: 'o_1', shippingAddress: address };
const idOf = (o: string, w: string) => `tk_${o}_${w}`;

describe('tasks from a reservation', () => {
  it('makes one task per warehouse, lines summed per SKU and sorted, warehouses in allocation order', () => {
    const r = tasksFromAllocations(order, [
      { warehouse: 'wh2', sku: 'B', qty: 1 }, { warehouse: 'wh1', sku: 'C', qty: 2 }, { warehouse: 'wh2', sku: 'A', qty: 3 }, { warehouse: 'wh2', sku: 'B', qty: 4 },
    ], [], idOf);
    expect(r).toEqual({ ok: true, value: [
      { id: 'tk_o_1_wh2', orderId: 'o_1', warehouse: 'wh2', lines: [{ sku: 'A', qty: 3 }, { sku: 'B', qty: 5 }], shippingAddress: address, amendments: [] },
      { id: 'tk_o_1_wh1', orderId: 'o_1', warehouse: 'wh1', lines: [{ sku: 'C', qty: 2 }], shippingAddress: address, amendments: [] },
    ] });
  });

  it('skips empty allocations and makes no task without any', () => {
    expect(tasksFromAllocations(order, [{ warehouse: 'wh1', sku: 'A', qty: 0 }], [], idOf)).toEqual({ ok: true, value: [] });
  });

  it('refuses an order spread over more warehouses than the bound', () => {
    const many = Array.from({ length: warehousesPerOrderMax + 1 }, (_, i) => ({ warehouse: `w${i}`, sku: 'A', qty: 1 }));
    expect(tasksFromAllocations(order, many, [], idOf)).toMatchObject({ ok: false, error: { code: 'LIMIT_EXCEEDED' } });
  });

  it('carries only pending amendments, and the push body names them with ISO times', () => {
    const base = { orderId: 'o_1', orderVersion: 2, kind: 'address' as const, before: address, after: { ...address, city: 'Ningbo' }, createdAtMs: 0, actor: { kind: 'key' as const, id: 'k' } };
    const amendments: Amendment[] = [{ ...base, id: 'am_1', status: 'acknowledged' }, { ...base, id: 'am_2', status: 'pending' }];
    const r = tasksFromAllocations(order, [{ warehouse: 'wh1', sku: 'A', qty: 1 }], taskAmendmentsOf(amendments), idOf);
    if (!r.ok) throw new Error(r.error.detail);
    expect(pushBody(r.value[0]!)).toEqual({
      taskId: 'tk_o_1_wh1', orderId: 'o_1', warehouse: 'wh1', lines: [{ sku: 'A', qty: 1 }], shippingAddress: address,
      amendments: [{ id: 'am_2', kind: 'address', before: address, after: { ...address, city: 'Ningbo' }, createdAt: '1970-01-01T00:00:00.000Z' }],
    });
  });
});

describe('WMS connection rules', () => {
  const secret = 's'.repeat(16);
  it.each([
    [{ mode: 'push', secret }, 'body.url'],
    [{ mode: 'push', url: 'ftp://wms.example/tasks', secret }, 'body.url'],
    [{ mode: 'push', url: 'https://user:pw@wms.example/tasks', secret }, 'body.url'],
    [{ mode: 'push', url: 'not a url', secret }, 'body.url'],
    [{ mode: 'pull', secret: 'short' }, 'body.secret'],
    [{ mode: 'pull', secret: 'x'.repeat(1025) }, 'body.secret'],
    [{ mode: 'pull', secret, timeoutMs: 50 }, 'body.timeoutMs'],
    [{ mode: 'fax', secret }, 'body.mode'],
  ])('%j is refused naming %s', (input, field) => {
    expect(checkWms(input, 5_000)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', extra: { field } } });
  });

  it('accepts push over http or https and pull without url, defaulting the timeout', () => {
    expect(checkWms({ mode: 'push', url: 'http://127.0.0.1:9/t', secret }, 5_000)).toEqual({ ok: true, value: { mode: 'push', url: 'http://127.0.0.1:9/t', timeoutMs: 5_000, secret } });
    expect(checkWms({ mode: 'pull', secret, timeoutMs: 800 }, 5_000)).toEqual({ ok: true, value: { mode: 'pull', url: null, timeoutMs: 800, secret } });
  });
});

describe('push retry delay', () => {
  it('doubles from 250 ms and stops at the bound', () => {
    expect([1, 2, 3, 4].map((n) => pushRetryDelayMs(n, 30_000))).toEqual([250, 500, 1_000, 2_000]);
    expect(pushRetryDelayMs(50, 30_000)).toBe(30_000);
  });
});
