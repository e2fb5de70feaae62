// Reservations through the HTTP API: reserve (ranking, split, bundles,
// insufficient stock, idempotency), read, and every state transition.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpHarness, expectProblem, type HttpHarness, type Reply, type TenantFixture } from '../helpers/http.ts';

let h: HttpHarness;

beforeAll(async () => {
  h = await createHttpHarness();
});

afterEach(() => {
  h.clock.reset();
});

afterAll(async () => {
  await h?.close();
});

/** Warehouses in three regions: US first by priority, then GD, then ZJ. */
const shop = (stock: { warehouse: string; sku: string; onHand: number }[]) => h.tenant({
  warehouses: [
    { id: 'wh-us', region: 'US-CA', priority: 0 },
    { id: 'wh-gd', region: 'CN-GD', priority: 1 },
    { id: 'wh-zj', region: 'CN-ZJ', priority: 2 },
  ],
  skus: [{ sku: 'A' }, { sku: 'B' }, { sku: 'C' }, { sku: 'KIT', components: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 2 }] }],
  stock,
});

const everywhere = (sku: string, onHand: number) => ['wh-us', 'wh-gd', 'wh-zj'].map((warehouse) => ({ warehouse, sku, onHand }));

const transition = (t: TenantFixture, op: 'confirm' | 'fulfil' | 'release', id: string): Promise<Reply> =>
  op === 'release'
    ? h.call({ method: 'DELETE', url: `/v1/reservations/${id}`, key: t.keys.checkout })
    : h.call({ method: 'POST', url: `/v1/reservations/${id}/${op}`, key: t.keys.checkout });

describe('POST /v1/reservations', () => {
  it('answers 201 with the held reservation, its allocations and expiry, and reserves the stock with one event', async () => {
    const t = await shop(everywhere('A', 10));
    const r = await h.reserve(t, { lines: [{ sku: 'A', qty: 3 }], ttlSeconds: 120 });
    expect(r.status).toBe(201);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.headers['idempotent-replayed']).toBeUndefined();
    expect(r.body).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9._-]+$/), status: 'held',
      createdAt: expect.any(String), expiresAt: expect.any(String),
      allocations: [{ warehouse: 'wh-us', sku: 'A', qty: 3 }],
    });
    expect(Date.parse(r.body.expiresAt) - Date.parse(r.body.createdAt)).toBe(120_000);
    expect(Math.abs(Date.parse(r.body.createdAt) - Date.now())).toBeLessThan(10_000);
    expect(await h.cell(t.id, 'wh-us', 'A')).toMatchObject({ onHand: 10, reserved: 3, committed: 0 });
    expect(await h.reservationCount(t.id)).toBe(1);
    expect(await h.outboxLength(t.id)).toBe(3 + 1);
  });

  it('uses the default hold window when ttlSeconds is omitted', async () => {
    const t = await shop(everywhere('A', 10));
    const r = await h.reserve(t, { lines: [{ sku: 'A', qty: 1 }] });
    expect(Date.parse(r.body.expiresAt) - Date.parse(r.body.createdAt)).toBe(h.config.limits.ttlSecondsDefault * 1000);
  });

  it('ranks warehouses by region: same region, then same country, then priority', async () => {
    const t = await shop(everywhere('A', 10));
    const from = async (region?: string) => (await h.reserve(t, { lines: [{ sku: 'A', qty: 1 }], ...(region ? { region } : {}) })).body.allocations[0].warehouse;
    expect(await from('CN-ZJ')).toBe('wh-zj');
    expect(await from('CN-GD')).toBe('wh-gd');
    expect(await from('CN-BJ')).toBe('wh-gd');
    expect(await from('US-CA')).toBe('wh-us');
    expect(await from()).toBe('wh-us');
  });

  it('passes over a same-region warehouse that cannot hold the whole cart', async () => {
    const t = await shop([{ warehouse: 'wh-zj', sku: 'A', onHand: 1 }, { warehouse: 'wh-gd', sku: 'A', onHand: 5 }]);
    const r = await h.reserve(t, { lines: [{ sku: 'A', qty: 2 }], region: 'CN-ZJ' });
    expect(r.body.allocations).toEqual([{ warehouse: 'wh-gd', sku: 'A', qty: 2 }]);
  });

  it('reserves from the explicit warehouse only', async () => {
    const t = await shop([...everywhere('A', 10)]);
    const r = await h.reserve(t, { lines: [{ sku: 'A', qty: 4 }], warehouse: 'wh-zj', region: 'US-CA' });
    expect(r.status).toBe(201);
    expect(r.body.allocations).toEqual([{ warehouse: 'wh-zj', sku: 'A', qty: 4 }]);
    const short = await h.reserve(t, { lines: [{ sku: 'A', qty: 7 }], warehouse: 'wh-zj' });
    expectProblem(short, 409, 'STOCK_INSUFFICIENT');
    expect(short.body.lines).toEqual([{ sku: 'A', requested: 7, available: 6 }]);
  });

  it('refuses a cart no single warehouse holds unless allowSplit, which splits it along the ranking', async () => {
    const t = await shop([{ warehouse: 'wh-gd', sku: 'A', onHand: 5 }, { warehouse: 'wh-zj', sku: 'A', onHand: 4 }]);
    const whole = await h.reserve(t, { lines: [{ sku: 'A', qty: 8 }], region: 'CN-ZJ' });
    expectProblem(whole, 409, 'STOCK_INSUFFICIENT');
    expect(whole.body).toMatchObject({ split: false, lines: [{ sku: 'A', requested: 8, available: 5 }] });
    expect(await h.reservationCount(t.id)).toBe(0);

    const split = await h.reserve(t, { lines: [{ sku: 'A', qty: 8 }], region: 'CN-ZJ', allowSplit: true });
    expect(split.status).toBe(201);
    expect(split.body.allocations).toEqual([{ warehouse: 'wh-zj', sku: 'A', qty: 4 }, { warehouse: 'wh-gd', sku: 'A', qty: 4 }]);
    expect(await h.cell(t.id, 'wh-zj', 'A')).toMatchObject({ reserved: 4 });
    expect(await h.cell(t.id, 'wh-gd', 'A')).toMatchObject({ reserved: 4 });

    const tooMuch = await h.reserve(t, { lines: [{ sku: 'A', qty: 2 }], allowSplit: true });
    expectProblem(tooMuch, 409, 'STOCK_INSUFFICIENT');
    expect(tooMuch.body).toMatchObject({ split: true, lines: [{ sku: 'A', requested: 2, available: 1 }] });
  });

  it('answers 409 STOCK_INSUFFICIENT listing every short line with requested and available, reserving nothing', async () => {
    const t = await shop([{ warehouse: 'wh-gd', sku: 'A', onHand: 2 }, { warehouse: 'wh-gd', sku: 'B', onHand: 1 }, { warehouse: 'wh-gd', sku: 'C', onHand: 9 }]);
    const before = await h.state(t.id);
    const r = await h.reserve(t, { lines: [{ sku: 'A', qty: 3 }, { sku: 'C', qty: 1 }, { sku: 'B', qty: 5 }] });
    expectProblem(r, 409, 'STOCK_INSUFFICIENT');
    expect(r.body.lines).toEqual([{ sku: 'A', requested: 3, available: 2 }, { sku: 'B', requested: 5, available: 1 }]);
    expect(await h.state(t.id)).toEqual(before);
  });

  it('answers 404 UNKNOWN_SKU naming the SKUs and 404 UNKNOWN_WAREHOUSE naming the warehouse', async () => {
    const t = await shop(everywhere('A', 10));
    const before = await h.state(t.id);
    const sku = await h.reserve(t, { lines: [{ sku: 'A', qty: 1 }, { sku: 'GHOST', qty: 1 }] });
    expectProblem(sku, 404, 'UNKNOWN_SKU');
    expect(sku.body.skus).toEqual(['GHOST']);
    const wh = await h.reserve(t, { lines: [{ sku: 'A', qty: 1 }], warehouse: 'wh-moon' });
    expectProblem(wh, 404, 'UNKNOWN_WAREHOUSE');
    expect(wh.body.warehouse).toBe('wh-moon');
    expect(await h.state(t.id)).toEqual(before);
  });

  it('expands a bundle into its components by ratio, summed with plain lines of the same SKU', async () => {
    const t = await shop([{ warehouse: 'wh-gd', sku: 'A', onHand: 10 }, { warehouse: 'wh-gd', sku: 'B', onHand: 10 }]);
    const r = await h.reserve(t, { lines: [{ sku: 'KIT', qty: 2 }, { sku: 'A', qty: 1 }] });
    expect(r.status).toBe(201);
    expect(r.body.allocations).toEqual([{ warehouse: 'wh-gd', sku: 'A', qty: 3 }, { warehouse: 'wh-gd', sku: 'B', qty: 4 }]);
    expect(await h.cell(t.id, 'wh-gd', 'A')).toMatchObject({ reserved: 3 });
    expect(await h.cell(t.id, 'wh-gd', 'B')).toMatchObject({ reserved: 4 });
    const stock = await h.call({ method: 'GET', url: '/v1/stock/KIT', key: t.keys.read });
    expect(stock.body.totals.available).toBe(3);

    const short = await h.reserve(t, { lines: [{ sku: 'KIT', qty: 4 }] });
    expectProblem(short, 409, 'STOCK_INSUFFICIENT');
    expect(short.body.lines).toEqual([{ sku: 'B', requested: 8, available: 6 }]);
  });
});

describe('Idempotency-Key', () => {
  it('the same key and body answer the same reservation, marked idempotent-replayed, and reserve once', async () => {
    const t = await shop(everywhere('A', 10));
    const body = { lines: [{ sku: 'A', qty: 2 }], region: 'CN-GD' };
    const first = await h.reserve(t, body, 'order-1001');
    expect(first.status).toBe(201);
    const state = await h.state(t.id);
    const again = await h.reserve(t, body, 'order-1001');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    // The same body with its keys in another order is the same request.
    const reordered = await h.reserve(t, { region: 'CN-GD', lines: [{ qty: 2, sku: 'A' }] }, 'order-1001');
    expect(reordered.body.id).toBe(first.body.id);
    expect(await h.state(t.id)).toEqual(state);
    expect(await h.cell(t.id, 'wh-gd', 'A')).toMatchObject({ reserved: 2 });
  });

  it('a replay answers the reservation as it is now', async () => {
    const t = await shop(everywhere('A', 10));
    const first = await h.reserve(t, { lines: [{ sku: 'A', qty: 2 }] }, 'order-2');
    await transition(t, 'confirm', first.body.id);
    const again = await h.reserve(t, { lines: [{ sku: 'A', qty: 2 }] }, 'order-2');
    expect(again.body).toMatchObject({ id: first.body.id, status: 'confirmed' });
  });

  it('the same key with another body is refused with 422 IDEMPOTENCY_KEY_REUSED, changing nothing', async () => {
    const t = await shop(everywhere('A', 10));
    await h.reserve(t, { lines: [{ sku: 'A', qty: 2 }] }, 'order-3');
    const before = await h.state(t.id);
    const r = await h.reserve(t, { lines: [{ sku: 'A', qty: 3 }] }, 'order-3');
    expectProblem(r, 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await h.state(t.id)).toEqual(before);
  });

  it('a refused request does not use up its key', async () => {
    const t = await shop([{ warehouse: 'wh-gd', sku: 'A', onHand: 1 }]);
    expectProblem(await h.reserve(t, { lines: [{ sku: 'A', qty: 2 }] }, 'order-4'), 409, 'STOCK_INSUFFICIENT');
    await h.call({ method: 'POST', url: '/v1/stock/wh-gd/A/adjustments', key: t.keys.admin, body: { delta: 5, reason: 'received' } });
    const r = await h.reserve(t, { lines: [{ sku: 'A', qty: 2 }] }, 'order-4');
    expect(r.status).toBe(201);
    expect(r.headers['idempotent-replayed']).toBeUndefined();
  });

  it('a missing Idempotency-Key is refused with 400 naming the header', async () => {
    const t = await shop(everywhere('A', 10));
    const before = await h.state(t.id);
    const r = await h.call({ method: 'POST', url: '/v1/reservations', key: t.keys.checkout, body: { lines: [{ sku: 'A', qty: 1 }] } });
    expectProblem(r, 400, 'VALIDATION_FAILED', 'headers.idempotency-key');
    expect(await h.state(t.id)).toEqual(before);
  });
});

describe('reading and moving a reservation', () => {
  it('GET answers the reservation to a read or checkout key', async () => {
    const t = await shop(everywhere('A', 10));
    const created = await h.reserve(t, { lines: [{ sku: 'A', qty: 1 }] });
    for (const key of [t.keys.read, t.keys.checkout]) {
      const r = await h.call({ method: 'GET', url: `/v1/reservations/${created.body.id}`, key });
      expect(r.status).toBe(200);
      expect(r.body).toEqual(created.body);
    }
  });

  it('answers 404 RESERVATION_NOT_FOUND to GET, confirm, fulfil and DELETE of an unknown id', async () => {
    const t = await shop([]);
    const id = '00000000-0000-4000-8000-000000000000';
    expectProblem(await h.call({ method: 'GET', url: `/v1/reservations/${id}`, key: t.keys.read }), 404, 'RESERVATION_NOT_FOUND');
    for (const op of ['confirm', 'fulfil', 'release'] as const) expectProblem(await transition(t, op, id), 404, 'RESERVATION_NOT_FOUND');
    expect(await h.outboxLength(t.id)).toBe(0);
  });

  it('confirm moves reserved to committed, fulfil ships it; repeating either answers 200 without another change', async () => {
    const t = await shop([{ warehouse: 'wh-gd', sku: 'A', onHand: 10 }]);
    const { body: { id } } = await h.reserve(t, { lines: [{ sku: 'A', qty: 4 }] });

    const confirmed = await transition(t, 'confirm', id);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ id, status: 'confirmed', allocations: [{ warehouse: 'wh-gd', sku: 'A', qty: 4 }] });
    expect(await h.cell(t.id, 'wh-gd', 'A')).toMatchObject({ onHand: 10, reserved: 0, committed: 4 });
    let state = await h.state(t.id);
    const confirmedAgain = await transition(t, 'confirm', id);
    expect(confirmedAgain.status).toBe(200);
    expect(confirmedAgain.body.status).toBe('confirmed');
    expect(await h.state(t.id)).toEqual(state);

    const fulfilled = await transition(t, 'fulfil', id);
    expect(fulfilled.status).toBe(200);
    expect(fulfilled.body.status).toBe('fulfilled');
    expect(await h.cell(t.id, 'wh-gd', 'A')).toMatchObject({ onHand: 6, reserved: 0, committed: 0 });
    state = await h.state(t.id);
    expect((await transition(t, 'fulfil', id)).body.status).toBe('fulfilled');

    expectProblem(await transition(t, 'confirm', id), 409, 'RESERVATION_FULFILLED');
    expectProblem(await transition(t, 'release', id), 409, 'RESERVATION_FULFILLED');
    expect(await h.state(t.id)).toEqual(state);
  });

  it('fulfil of a held reservation is refused with RESERVATION_NOT_CONFIRMED', async () => {
    const t = await shop([{ warehouse: 'wh-gd', sku: 'A', onHand: 10 }]);
    const { body: { id } } = await h.reserve(t, { lines: [{ sku: 'A', qty: 4 }] });
    const before = await h.state(t.id);
    expectProblem(await transition(t, 'fulfil', id), 409, 'RESERVATION_NOT_CONFIRMED');
    expect(await h.state(t.id)).toEqual(before);
  });

  it('DELETE releases a held reservation; again answers 200; confirm and fulfil then answer RESERVATION_RELEASED', async () => {
    const t = await shop([{ warehouse: 'wh-gd', sku: 'A', onHand: 10 }]);
    const { body: { id } } = await h.reserve(t, { lines: [{ sku: 'A', qty: 4 }] });
    const released = await transition(t, 'release', id);
    expect(released.status).toBe(200);
    expect(released.body.status).toBe('released');
    expect(await h.cell(t.id, 'wh-gd', 'A')).toMatchObject({ onHand: 10, reserved: 0, committed: 0 });
    const state = await h.state(t.id);
    const again = await transition(t, 'release', id);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('released');
    expectProblem(await transition(t, 'confirm', id), 409, 'RESERVATION_RELEASED');
    expectProblem(await transition(t, 'fulfil', id), 409, 'RESERVATION_RELEASED');
    expect(await h.state(t.id)).toEqual(state);
  });

  it('DELETE releases a confirmed reservation, giving the committed stock back', async () => {
    const t = await shop([{ warehouse: 'wh-gd', sku: 'A', onHand: 10 }]);
    const { body: { id } } = await h.reserve(t, { lines: [{ sku: 'A', qty: 4 }] });
    await transition(t, 'confirm', id);
    const released = await transition(t, 'release', id);
    expect(released.body.status).toBe('released');
    expect(await h.cell(t.id, 'wh-gd', 'A')).toMatchObject({ onHand: 10, reserved: 0, committed: 0 });
  });

  it('a held reservation past its expiry reads as expired and every transition answers RESERVATION_EXPIRED, returning the stock', async () => {
    const t = await shop([{ warehouse: 'wh-gd', sku: 'A', onHand: 10 }]);
    const { body: { id, expiresAt } } = await h.reserve(t, { lines: [{ sku: 'A', qty: 4 }], ttlSeconds: 1 });
    h.clock.advance(1_200);
    expect(Date.parse(expiresAt)).toBeLessThanOrEqual(Date.now() + 1_200);
    const read = await h.call({ method: 'GET', url: `/v1/reservations/${id}`, key: t.keys.read });
    expect(read.body.status).toBe('expired');

    expectProblem(await transition(t, 'confirm', id), 409, 'RESERVATION_EXPIRED');
    expect(await h.cell(t.id, 'wh-gd', 'A')).toMatchObject({ onHand: 10, reserved: 0, committed: 0 });
    const state = await h.state(t.id);
    expectProblem(await transition(t, 'fulfil', id), 409, 'RESERVATION_EXPIRED');
    expectProblem(await transition(t, 'release', id), 409, 'RESERVATION_EXPIRED');
    expectProblem(await transition(t, 'confirm', id), 409, 'RESERVATION_EXPIRED');
    expect(await h.state(t.id)).toEqual(state);
  });

  it('DELETE of a held reservation past its expiry answers RESERVATION_EXPIRED and returns the stock', async () => {
    const t = await shop([{ warehouse: 'wh-gd', sku: 'A', onHand: 10 }]);
    const { body: { id } } = await h.reserve(t, { lines: [{ sku: 'A', qty: 4 }], ttlSeconds: 1 });
    h.clock.advance(1_200);
    expectProblem(await transition(t, 'release', id), 409, 'RESERVATION_EXPIRED');
    expect(await h.cell(t.id, 'wh-gd', 'A')).toMatchObject({ reserved: 0 });
  });

  it('keeps the reserved counter equal to the sum of held reservations through a mixed sequence', async () => {
    const t = await shop([{ warehouse: 'wh-gd', sku: 'A', onHand: 50 }]);
    const ids: string[] = [];
    for (const qty of [1, 2, 3, 4, 5]) ids.push((await h.reserve(t, { lines: [{ sku: 'A', qty }] })).body.id);
    await transition(t, 'confirm', ids[0]!);
    await transition(t, 'release', ids[1]!);
    await transition(t, 'confirm', ids[2]!);
    await transition(t, 'fulfil', ids[2]!);
    // held: 4 + 5; committed: 1; fulfilled: 3 shipped.
    expect(await h.cell(t.id, 'wh-gd', 'A')).toMatchObject({ onHand: 47, reserved: 9, committed: 1 });
    const stock = await h.call({ method: 'GET', url: '/v1/stock/A', key: t.keys.read });
    expect(stock.body.totals).toMatchObject({ onHand: 47, reserved: 9, committed: 1, available: 37 });
  });
});
