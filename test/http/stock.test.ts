// Stock levels through the HTTP API: set, adjust, read one SKU and a batch.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpHarness, expectProblem, type HttpHarness, type TenantFixture } from '../helpers/http.ts';

let h: HttpHarness;

beforeAll(async () => {
  h = await createHttpHarness();
});

afterAll(async () => {
  await h?.close();
});

const setStock = (t: TenantFixture, wh: string, sku: string, body: object, headers?: Record<string, string>) =>
  h.call({ method: 'PUT', url: `/v1/stock/${wh}/${sku}`, key: t.keys.admin, body, ...(headers ? { headers } : {}) });
const adjust = (t: TenantFixture, wh: string, sku: string, body: object) =>
  h.call({ method: 'POST', url: `/v1/stock/${wh}/${sku}/adjustments`, key: t.keys.admin, body });

const basic = () => h.tenant({
  warehouses: [{ id: 'w1', region: 'CN-ZJ', priority: 1 }, { id: 'w2', region: 'CN-GD', priority: 2 }],
  skus: [{ sku: 'A' }, { sku: 'B' }, { sku: 'KIT', components: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 2 }] }],
});

describe('PUT /v1/stock/{warehouse}/{sku}', () => {
  it('sets the levels and answers the cell; omitted safetyStock and inTransit keep their values', async () => {
    const t = await basic();
    const first = await setStock(t, 'w1', 'A', { onHand: 40, safetyStock: 5, inTransit: 7, reason: 'count' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ warehouse: 'w1', sku: 'A', onHand: 40, reserved: 0, committed: 0, inTransit: 7, safetyStock: 5, available: 40, version: 1 });
    const second = await setStock(t, 'w1', 'A', { onHand: 25 });
    expect(second.body).toEqual({ warehouse: 'w1', sku: 'A', onHand: 25, reserved: 0, committed: 0, inTransit: 7, safetyStock: 5, available: 25, version: 2 });
    expect(await h.cell(t.id, 'w1', 'A')).toEqual({ onHand: 25, reserved: 0, committed: 0, v: 2 });
    expect(await h.outboxLength(t.id)).toBe(2);
  });

  it('refuses an onHand below reserved + committed with 409 STOCK_INVARIANT and changes nothing', async () => {
    const t = await basic();
    await setStock(t, 'w1', 'A', { onHand: 10 });
    const held = await h.reserve(t, { lines: [{ sku: 'A', qty: 4 }] });
    expect(held.status).toBe(201);
    const confirmed = await h.reserve(t, { lines: [{ sku: 'A', qty: 3 }] });
    await h.call({ method: 'POST', url: `/v1/reservations/${confirmed.body.id}/confirm`, key: t.keys.checkout });
    const before = await h.state(t.id);
    const r = await setStock(t, 'w1', 'A', { onHand: 6, reason: 'count' });
    expectProblem(r, 409, 'STOCK_INVARIANT');
    expect(r.body).toMatchObject({ reserved: 4, committed: 3 });
    expect(await h.state(t.id)).toEqual(before);
    const atLimit = await setStock(t, 'w1', 'A', { onHand: 7 });
    expect(atLimit.body).toMatchObject({ onHand: 7, reserved: 4, committed: 3, available: 0 });
  });

  it('refuses a bundle (SKU_IS_BUNDLE), an unknown warehouse and an unknown SKU, changing nothing', async () => {
    const t = await basic();
    const before = await h.state(t.id);
    expectProblem(await setStock(t, 'w1', 'KIT', { onHand: 5 }), 409, 'SKU_IS_BUNDLE');
    const wh = await setStock(t, 'w9', 'A', { onHand: 5 });
    expectProblem(wh, 404, 'UNKNOWN_WAREHOUSE');
    expect(wh.body.warehouse).toBe('w9');
    const sku = await setStock(t, 'w1', 'Z', { onHand: 5 });
    expectProblem(sku, 404, 'UNKNOWN_SKU');
    expect(sku.body.skus).toEqual(['Z']);
    expect(await h.state(t.id)).toEqual(before);
  });

  it('replays a set with the same Idempotency-Key once, and refuses the key with another body', async () => {
    const t = await basic();
    const first = await setStock(t, 'w1', 'A', { onHand: 9 }, { 'idempotency-key': 'count-1' });
    const again = await setStock(t, 'w1', 'A', { onHand: 9 }, { 'idempotency-key': 'count-1' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await h.outboxLength(t.id)).toBe(1);
    const other = await setStock(t, 'w1', 'A', { onHand: 10 }, { 'idempotency-key': 'count-1' });
    expectProblem(other, 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await h.cell(t.id, 'w1', 'A')).toMatchObject({ onHand: 9, v: 1 });
  });
});

describe('POST /v1/stock/{warehouse}/{sku}/adjustments', () => {
  it('adds and removes units with a reason and answers the cell', async () => {
    const t = await basic();
    await setStock(t, 'w1', 'A', { onHand: 10 });
    const up = await adjust(t, 'w1', 'A', { delta: 5, reason: 'received PO-1' });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ warehouse: 'w1', sku: 'A', onHand: 15, available: 15, version: 2 });
    const down = await adjust(t, 'w1', 'A', { delta: -3, reason: 'damaged' });
    expect(down.body).toMatchObject({ onHand: 12, available: 12, version: 3 });
    expect(await h.cell(t.id, 'w1', 'A')).toMatchObject({ onHand: 12 });
  });

  it('refuses delta 0 (body.delta) and a missing reason (body.reason), changing nothing', async () => {
    const t = await basic();
    await setStock(t, 'w1', 'A', { onHand: 10 });
    const before = await h.state(t.id);
    expectProblem(await adjust(t, 'w1', 'A', { delta: 0, reason: 'nothing' }), 400, 'VALIDATION_FAILED', 'body.delta');
    expectProblem(await adjust(t, 'w1', 'A', { delta: 2 }), 400, 'VALIDATION_FAILED', 'body.reason');
    expectProblem(await adjust(t, 'w1', 'A', { delta: 2, reason: '' }), 400, 'VALIDATION_FAILED', 'body.reason');
    expect(await h.state(t.id)).toEqual(before);
  });

  it('refuses a delta that would take onHand below reserved + committed with STOCK_INVARIANT', async () => {
    const t = await basic();
    await setStock(t, 'w1', 'A', { onHand: 10 });
    expect((await h.reserve(t, { lines: [{ sku: 'A', qty: 8 }] })).status).toBe(201);
    const before = await h.state(t.id);
    const r = await adjust(t, 'w1', 'A', { delta: -3, reason: 'shrinkage' });
    expectProblem(r, 409, 'STOCK_INVARIANT');
    expect(r.body).toMatchObject({ reserved: 8, committed: 0 });
    expect(await h.state(t.id)).toEqual(before);
    expect((await adjust(t, 'w1', 'A', { delta: -2, reason: 'shrinkage' })).body).toMatchObject({ onHand: 8, available: 0 });
  });

  it('refuses an adjustment of a bundle, an unknown warehouse or SKU', async () => {
    const t = await basic();
    const before = await h.state(t.id);
    expectProblem(await adjust(t, 'w1', 'KIT', { delta: 1, reason: 'x' }), 409, 'SKU_IS_BUNDLE');
    expectProblem(await adjust(t, 'nope', 'A', { delta: 1, reason: 'x' }), 404, 'UNKNOWN_WAREHOUSE');
    expectProblem(await adjust(t, 'w1', 'nope', { delta: 1, reason: 'x' }), 404, 'UNKNOWN_SKU');
    expect(await h.state(t.id)).toEqual(before);
  });
});

describe('GET /v1/stock/{sku}', () => {
  it('answers every warehouse with its tiers and the totals, flagging stock below safety', async () => {
    const t = await basic();
    await setStock(t, 'w1', 'A', { onHand: 10, safetyStock: 5, inTransit: 100 });
    await setStock(t, 'w2', 'A', { onHand: 20, safetyStock: 2 });
    const res = await h.reserve(t, { lines: [{ sku: 'A', qty: 6 }], warehouse: 'w1' });
    expect(res.status).toBe(201);
    const r = await h.call({ method: 'GET', url: '/v1/stock/A', key: t.keys.read });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      sku: 'A', bundle: false,
      warehouses: [
        { warehouse: 'w1', onHand: 10, reserved: 6, committed: 0, inTransit: 100, safetyStock: 5, available: 4, belowSafety: true, version: 2 },
        { warehouse: 'w2', onHand: 20, reserved: 0, committed: 0, inTransit: 0, safetyStock: 2, available: 20, belowSafety: false, version: 1 },
      ],
      totals: { onHand: 30, reserved: 6, committed: 0, inTransit: 100, safetyStock: 7, available: 24, belowSafety: true },
    });
  });

  it('answers a SKU with no stock anywhere as zeros', async () => {
    const t = await basic();
    const r = await h.call({ method: 'GET', url: '/v1/stock/B', key: t.keys.checkout });
    expect(r.status).toBe(200);
    expect(r.body.totals).toEqual({ onHand: 0, reserved: 0, committed: 0, inTransit: 0, safetyStock: 0, available: 0, belowSafety: false });
    expect(r.body.warehouses.map((w: { warehouse: string }) => w.warehouse)).toEqual(['w1', 'w2']);
  });

  it('answers a bundle as available as often as its scarcest component allows, per warehouse', async () => {
    const t = await basic();
    // KIT = 1 A + 2 B. w1: A 10, B 7 (3 reserved below) → min(10, floor(4/2)) = 2. w2: A 1, B 50 → 1.
    await setStock(t, 'w1', 'A', { onHand: 10 });
    await setStock(t, 'w1', 'B', { onHand: 7 });
    await setStock(t, 'w2', 'A', { onHand: 1 });
    await setStock(t, 'w2', 'B', { onHand: 50 });
    expect((await h.reserve(t, { lines: [{ sku: 'B', qty: 3 }], warehouse: 'w1' })).status).toBe(201);
    const r = await h.call({ method: 'GET', url: '/v1/stock/KIT', key: t.keys.read });
    expect(r.status).toBe(200);
    expect(r.body.bundle).toBe(true);
    expect(r.body.warehouses.map((w: { warehouse: string; available: number }) => [w.warehouse, w.available])).toEqual([['w1', 2], ['w2', 1]]);
    expect(r.body.totals.available).toBe(3);
  });

  it('answers 404 UNKNOWN_SKU for a SKU not in the catalog', async () => {
    const t = await basic();
    const r = await h.call({ method: 'GET', url: '/v1/stock/NOPE', key: t.keys.read });
    expectProblem(r, 404, 'UNKNOWN_SKU');
    expect(r.body.skus).toEqual(['NOPE']);
  });
});

describe('GET /v1/stock?skus=', () => {
  it('answers several SKUs in the order asked, each once', async () => {
    const t = await basic();
    await setStock(t, 'w1', 'A', { onHand: 3 });
    await setStock(t, 'w2', 'B', { onHand: 4 });
    const r = await h.call({ method: 'GET', url: '/v1/stock?skus=B,A,B,KIT', key: t.keys.read });
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: { sku: string; totals: { available: number } }) => [i.sku, i.totals.available])).toEqual([['B', 4], ['A', 3], ['KIT', 0]]);
  });

  it('answers 404 UNKNOWN_SKU listing every unknown SKU of the batch', async () => {
    const t = await basic();
    const r = await h.call({ method: 'GET', url: '/v1/stock?skus=A,X1,B,X2', key: t.keys.read });
    expectProblem(r, 404, 'UNKNOWN_SKU');
    expect(r.body.skus).toEqual(['X1', 'X2']);
  });

  it('refuses more SKUs than the limit, a bad SKU, a missing list and unknown parameters, naming the query field', async () => {
    const t = await basic();
    const max = h.config.limits.skusPerBatchReadMax;
    const over = Array.from({ length: max + 1 }, (_, i) => `S${i}`).join(',');
    const tooMany = await h.call({ method: 'GET', url: `/v1/stock?skus=${over}`, key: t.keys.read });
    expectProblem(tooMany, 400, 'VALIDATION_FAILED', 'querystring.skus');
    expect(tooMany.body.detail).toContain(String(max));
    const longList = Array.from({ length: max + 1 }, (_, i) => `${'S'.repeat(60)}${i}`).join(',');
    expectProblem(await h.call({ method: 'GET', url: `/v1/stock?skus=${longList}`, key: t.keys.read }), 400, 'VALIDATION_FAILED', 'querystring.skus');
    expectProblem(await h.call({ method: 'GET', url: '/v1/stock?skus=A,a%20b', key: t.keys.read }), 400, 'VALIDATION_FAILED', 'querystring.skus');
    expectProblem(await h.call({ method: 'GET', url: '/v1/stock?skus=A,,B', key: t.keys.read }), 400, 'VALIDATION_FAILED', 'querystring.skus');
    expectProblem(await h.call({ method: 'GET', url: '/v1/stock', key: t.keys.read }), 400, 'VALIDATION_FAILED', 'querystring.skus');
    expectProblem(await h.call({ method: 'GET', url: '/v1/stock?skus=A&x=1', key: t.keys.read }), 400, 'VALIDATION_FAILED', 'querystring.x');
  });
});
