// Limits come from the config: a harness with PALLET_LINES_PER_RESERVATION_MAX=3
// and PALLET_QTY_MAX=10 must enforce those, not the defaults.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpHarness, expectProblem, type HttpHarness, type TenantFixture, type TenantState } from '../helpers/http.ts';

let h: HttpHarness;
let t: TenantFixture;
let before: TenantState;

beforeAll(async () => {
  h = await createHttpHarness({ PALLET_LINES_PER_RESERVATION_MAX: '3', PALLET_QTY_MAX: '10' });
  t = await h.tenant({
    warehouses: [{ id: 'w1' }],
    skus: [{ sku: 'A' }, { sku: 'B' }, { sku: 'KIT10', components: [{ sku: 'A', qty: 10 }] }],
    stock: [{ warehouse: 'w1', sku: 'A', onHand: 1000 }, { warehouse: 'w1', sku: 'B', onHand: 1000 }],
  });
});

beforeEach(async () => {
  before = await h.state(t.id);
});

afterAll(async () => {
  await h?.close();
});

describe('configured limits', () => {
  it('the config carries the overrides', () => {
    expect(h.config.limits).toMatchObject({ linesPerReservationMax: 3, qtyMax: 10 });
  });

  it('accepts qty 10 and refuses qty 11 naming the qty', async () => {
    const ok = await h.reserve(t, { lines: [{ sku: 'A', qty: 10 }] });
    expect(ok.status).toBe(201);
    before = await h.state(t.id);
    const r = await h.reserve(t, { lines: [{ sku: 'A', qty: 11 }] });
    expectProblem(r, 400, 'VALIDATION_FAILED', 'body.lines[0].qty');
    expect(r.body.detail).toContain('10');
    expect(await h.state(t.id)).toEqual(before);
  });

  it('accepts 3 lines and refuses 4 naming lines', async () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => ({ sku: i % 2 === 0 ? 'A' : 'B', qty: 1 }));
    const ok = await h.reserve(t, { lines: lines(3) });
    expect(ok.status).toBe(201);
    before = await h.state(t.id);
    const r = await h.reserve(t, { lines: lines(4) });
    expectProblem(r, 400, 'VALIDATION_FAILED', 'body.lines');
    expect(r.body.detail).toContain('3');
    expect(await h.state(t.id)).toEqual(before);
  });

  it('refuses a bundle component qty above the limit naming it', async () => {
    const r = await h.call({ method: 'PUT', url: '/v1/skus/KIT11', key: t.keys.admin, body: { name: 'x', components: [{ sku: 'A', qty: 11 }] } });
    expectProblem(r, 400, 'VALIDATION_FAILED', 'body.components[0].qty');
    expect(await h.state(t.id)).toEqual(before);
  });

  it('refuses a cart whose bundles expand past qtyMax × linesPerReservationMax of one SKU with LIMIT_EXCEEDED', async () => {
    // 10 kits × 10 A = 100 A, above 10 × 3 = 30.
    const r = await h.reserve(t, { lines: [{ sku: 'KIT10', qty: 10 }] });
    expectProblem(r, 422, 'LIMIT_EXCEEDED');
    expect(r.body).toMatchObject({ sku: 'A', qty: 100, max: 30 });
    expect(await h.state(t.id)).toEqual(before);
    const ok = await h.reserve(t, { lines: [{ sku: 'KIT10', qty: 3 }] });
    expect(ok.status).toBe(201);
    expect(ok.body.allocations).toEqual([{ warehouse: 'w1', sku: 'A', qty: 30 }]);
  });

  it('publishes the configured limits in the OpenAPI document', async () => {
    const doc = await h.call({ method: 'GET', url: '/docs/json' });
    const schema = doc.body.paths['/v1/reservations'].post.requestBody.content['application/json'].schema;
    expect(schema.properties.lines.maxItems).toBe(3);
    expect(schema.properties.lines.items.properties.qty.maximum).toBe(10);
  });
});
