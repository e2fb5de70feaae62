// ReservationService on the in-memory fakes (each held to the conformance
// suite of its real adapter) and a settable clock: warehouse ranking and the
// first-that-fits choice, bundles, splits, idempotency, a catalog changed by
// another instance, reading an overdue reservation, and the transitions.

import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryCatalogStore } from '../../src/adapters/memory/catalog.store.ts';
import { MemoryStockEngine } from '../../src/adapters/memory/stock.engine.ts';
import { CatalogService } from '../../src/app/catalog.service.ts';
import { ReservationService, type ReserveInput } from '../../src/app/reservation.service.ts';
import { StockService } from '../../src/app/stock.service.ts';
import { loadConfig } from '../../src/config.ts';
import type { Result } from '../../src/core/errors.ts';
import type { StockCell } from '../../src/core/stock.types.ts';

const limits = loadConfig({}).limits;
const tenant = 'acme';
const start = 1_700_000_000_000;

let store: MemoryCatalogStore;
let engine: MemoryStockEngine;
let nowMs: number;
let idSeq: number;
let keySeq: number;

interface Instance { catalogs: CatalogService; reservations: ReservationService; stock: StockService }

/** One app instance: its own catalog cache, sharing the store and the engine with every other instance. */
function instance(): Instance {
  const clock = { nowMs: () => nowMs };
  const catalogs = new CatalogService(store, engine, limits, 100);
  return {
    catalogs,
    reservations: new ReservationService(engine, catalogs, limits, clock, () => `res_${++idSeq}`),
    stock: new StockService(engine, catalogs, limits, clock),
  };
}

let app: Instance;

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.detail}`);
  return r.value;
}

async function level(warehouse: string, sku: string, onHand: number): Promise<void> {
  value(await app.stock.set(tenant, warehouse, sku, { onHand }));
}

async function cell(warehouse: string, sku: string): Promise<StockCell> {
  return (await engine.readCells(tenant, [{ warehouse, sku }]))[0]!;
}

const reserve = (input: ReserveInput, key = `idem_${++keySeq}`) => app.reservations.reserve(tenant, input, key);

beforeEach(async () => {
  store = new MemoryCatalogStore();
  engine = new MemoryStockEngine({ onHandMax: limits.onHandMax });
  nowMs = start;
  idSeq = 0;
  keySeq = 0;
  app = instance();
  await store.createTenant(tenant, 'Acme');
  value(await app.catalogs.putWarehouse(tenant, { id: 'hz', name: 'Hangzhou', region: 'CN-ZJ', priority: 2 }));
  value(await app.catalogs.putWarehouse(tenant, { id: 'sh', name: 'Shanghai', region: 'CN-SH', priority: 1 }));
  value(await app.catalogs.putWarehouse(tenant, { id: 'la', name: 'Los Angeles', region: 'US-CA', priority: 0 }));
  for (const sku of ['cup', 'saucer']) value(await app.catalogs.putSku(tenant, { sku, name: sku, components: [] }));
  value(await app.catalogs.putSku(tenant, { sku: 'set', name: 'Tea set', components: [{ sku: 'cup', qty: 1 }, { sku: 'saucer', qty: 2 }] }));
});

describe('reserve', () => {
  it('holds stock in the first warehouse that fits along the buyer\'s ranking, until the TTL ends', async () => {
    await level('hz', 'cup', 10);
    await level('la', 'cup', 10);
    // CN-SH ranks sh (same region, no stock), then hz (same country), then la.
    const r = value(await reserve({ lines: [{ sku: 'cup', qty: 2 }], region: 'CN-SH', ttlSeconds: 60 }));
    expect(r).toEqual({
      replayed: false,
      reservation: { id: 'res_1', status: 'held', createdAtMs: start, expiresAtMs: start + 60_000, allocations: [{ warehouse: 'hz', sku: 'cup', qty: 2 }] },
    });
    expect(await cell('hz', 'cup')).toMatchObject({ onHand: 10, reserved: 2 });
    expect(value(await app.reservations.get(tenant, 'res_1'))).toEqual(r.reservation);
  });

  it('ranks by priority when the buyer names no region, and holds for the default TTL', async () => {
    await level('hz', 'cup', 10);
    await level('la', 'cup', 10);
    const r = value(await reserve({ lines: [{ sku: 'cup', qty: 1 }] }));
    expect(r.reservation.allocations).toEqual([{ warehouse: 'la', sku: 'cup', qty: 1 }]);
    expect(r.reservation.expiresAtMs).toBe(start + limits.ttlSecondsDefault * 1000);
  });

  it('takes a bundle as its components by their ratio, from one warehouse', async () => {
    await level('hz', 'cup', 2);
    await level('hz', 'saucer', 4);
    await level('sh', 'cup', 5);
    const r = value(await reserve({ lines: [{ sku: 'set', qty: 2 }], region: 'CN-ZJ' }));
    expect(r.reservation.allocations).toEqual([{ warehouse: 'hz', sku: 'cup', qty: 2 }, { warehouse: 'hz', sku: 'saucer', qty: 4 }]);
  });

  it('splits across warehouses along the ranking only when allowed, and holds nothing when refused', async () => {
    await level('hz', 'cup', 6);
    await level('sh', 'cup', 6);
    const refused = await reserve({ lines: [{ sku: 'cup', qty: 10 }], region: 'CN-ZJ' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'STOCK_INSUFFICIENT' } });
    expect((await cell('hz', 'cup')).reserved + (await cell('sh', 'cup')).reserved).toBe(0);
    const r = value(await reserve({ lines: [{ sku: 'cup', qty: 10 }], region: 'CN-ZJ', allowSplit: true }));
    expect(r.reservation.allocations).toEqual([{ warehouse: 'hz', sku: 'cup', qty: 6 }, { warehouse: 'sh', sku: 'cup', qty: 4 }]);
  });

  it('reports the short lines when the stock is not there at all', async () => {
    await level('hz', 'cup', 1);
    const refused = await reserve({ lines: [{ sku: 'cup', qty: 3 }], allowSplit: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'STOCK_INSUFFICIENT', extra: { lines: [{ sku: 'cup', requested: 3, available: 1 }] } } });
  });

  it('takes only the warehouse the request names, and refuses one the catalog lacks', async () => {
    await level('hz', 'cup', 10);
    await level('la', 'cup', 10);
    expect(value(await reserve({ lines: [{ sku: 'cup', qty: 1 }], warehouse: 'hz' })).reservation.allocations).toEqual([{ warehouse: 'hz', sku: 'cup', qty: 1 }]);
    expect(await reserve({ lines: [{ sku: 'cup', qty: 1 }], warehouse: 'nowhere' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_WAREHOUSE' } });
  });

  it('refuses an unknown SKU, an unknown tenant, and a tenant without warehouses', async () => {
    expect(await reserve({ lines: [{ sku: 'teapot', qty: 1 }] })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SKU' } });
    expect(await app.reservations.reserve('nobody', { lines: [{ sku: 'cup', qty: 1 }] }, 'k')).toMatchObject({ ok: false, error: { code: 'TENANT_NOT_FOUND' } });
    await store.createTenant('empty', 'Empty');
    value(await app.catalogs.putSku('empty', { sku: 'cup', name: 'cup', components: [] }));
    expect(await app.reservations.reserve('empty', { lines: [{ sku: 'cup', qty: 1 }] }, 'k')).toMatchObject({ ok: false, error: { code: 'STOCK_INSUFFICIENT' } });
  });
});

describe('idempotency', () => {
  it('answers a retry with the same reservation (replayed) and holds the stock once', async () => {
    await level('hz', 'cup', 10);
    const input = { lines: [{ sku: 'cup', qty: 2 }], region: 'CN-ZJ' };
    const first = value(await reserve(input, 'order-1'));
    const again = value(await reserve({ region: 'CN-ZJ', lines: [{ qty: 2, sku: 'cup' }] }, 'order-1'));
    expect(again).toEqual({ replayed: true, reservation: first.reservation });
    expect(await cell('hz', 'cup')).toMatchObject({ reserved: 2 });
  });

  it('refuses the same key with another request (IDEMPOTENCY_KEY_REUSED)', async () => {
    await level('hz', 'cup', 10);
    value(await reserve({ lines: [{ sku: 'cup', qty: 2 }] }, 'order-2'));
    expect(await reserve({ lines: [{ sku: 'cup', qty: 3 }] }, 'order-2')).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await cell('hz', 'cup')).toMatchObject({ reserved: 2 });
  });

  it('answers a retry after the TTL with the reservation as expired', async () => {
    await level('hz', 'cup', 10);
    const input = { lines: [{ sku: 'cup', qty: 1 }], ttlSeconds: 30 };
    value(await reserve(input, 'order-3'));
    nowMs += 30_000;
    expect(value(await reserve(input, 'order-3'))).toMatchObject({ replayed: true, reservation: { status: 'expired' } });
  });
});

describe('a catalog changed by another instance', () => {
  it('looks for a SKU it does not know in a fresh catalog before refusing it', async () => {
    await app.catalogs.get(tenant);
    const theirs = instance();
    value(await theirs.catalogs.putSku(tenant, { sku: 'spoon', name: 'Spoon', components: [] }));
    value(await theirs.stock.set(tenant, 'hz', 'spoon', { onHand: 3 }));
    expect(value(await reserve({ lines: [{ sku: 'spoon', qty: 3 }] })).reservation.allocations).toEqual([{ warehouse: 'hz', sku: 'spoon', qty: 3 }]);
  });

  it('reloads its catalog and tries again when the engine says the catalog it planned with is stale', async () => {
    await level('hz', 'cup', 10);
    const before = await app.catalogs.get(tenant);
    const theirs = instance();
    value(await theirs.catalogs.putWarehouse(tenant, { id: 'bj', name: 'Beijing', region: 'CN-BJ', priority: 9 }));
    expect(await app.catalogs.get(tenant)).toBe(before);
    expect(value(await reserve({ lines: [{ sku: 'cup', qty: 1 }] })).reservation.allocations).toEqual([{ warehouse: 'hz', sku: 'cup', qty: 1 }]);
    expect((await app.catalogs.get(tenant))!.version).toBe(before!.version + 1);
  });
});

describe('reading and moving a reservation', () => {
  it('answers RESERVATION_NOT_FOUND for an id it never made', async () => {
    expect(await app.reservations.get(tenant, 'res_none')).toMatchObject({ ok: false, error: { code: 'RESERVATION_NOT_FOUND' } });
    expect(await app.reservations.transition(tenant, 'confirm', 'res_none')).toMatchObject({ ok: false, error: { code: 'RESERVATION_NOT_FOUND' } });
  });

  it('reads a held reservation past its expiry as expired before the sweeper gets to it', async () => {
    await level('hz', 'cup', 10);
    const { reservation } = value(await reserve({ lines: [{ sku: 'cup', qty: 1 }], ttlSeconds: 60 }));
    nowMs += 59_999;
    expect(value(await app.reservations.get(tenant, reservation.id)).status).toBe('held');
    nowMs += 1;
    expect(value(await app.reservations.get(tenant, reservation.id)).status).toBe('expired');
    expect((await engine.getReservation(tenant, reservation.id))!.status).toBe('held');
  });

  it('confirms then fulfils, moving the stock from reserved to committed to shipped; repeats answer the state', async () => {
    await level('hz', 'cup', 10);
    const { reservation } = value(await reserve({ lines: [{ sku: 'cup', qty: 4 }] }));
    expect(value(await app.reservations.transition(tenant, 'confirm', reservation.id)).status).toBe('confirmed');
    expect(await cell('hz', 'cup')).toMatchObject({ onHand: 10, reserved: 0, committed: 4 });
    expect(value(await app.reservations.transition(tenant, 'confirm', reservation.id)).status).toBe('confirmed');
    expect(value(await app.reservations.transition(tenant, 'fulfil', reservation.id)).status).toBe('fulfilled');
    expect(await cell('hz', 'cup')).toMatchObject({ onHand: 6, reserved: 0, committed: 0 });
    expect(value(await app.reservations.transition(tenant, 'fulfil', reservation.id)).status).toBe('fulfilled');
    expect(await app.reservations.transition(tenant, 'release', reservation.id)).toMatchObject({ ok: false, error: { code: 'RESERVATION_FULFILLED' } });
  });

  it('releases a held reservation, giving its stock back; a released one cannot be confirmed', async () => {
    await level('hz', 'cup', 10);
    const { reservation } = value(await reserve({ lines: [{ sku: 'cup', qty: 4 }] }));
    expect(await app.reservations.transition(tenant, 'fulfil', reservation.id)).toMatchObject({ ok: false, error: { code: 'RESERVATION_NOT_CONFIRMED' } });
    expect(value(await app.reservations.transition(tenant, 'release', reservation.id)).status).toBe('released');
    expect(await cell('hz', 'cup')).toMatchObject({ onHand: 10, reserved: 0, committed: 0 });
    expect(await app.reservations.transition(tenant, 'confirm', reservation.id)).toMatchObject({ ok: false, error: { code: 'RESERVATION_RELEASED' } });
  });

  it('refuses to confirm a reservation past its expiry, and frees its stock', async () => {
    await level('hz', 'cup', 10);
    const { reservation } = value(await reserve({ lines: [{ sku: 'cup', qty: 4 }], ttlSeconds: 60 }));
    nowMs += 60_000;
    expect(await app.reservations.transition(tenant, 'confirm', reservation.id)).toMatchObject({ ok: false, error: { code: 'RESERVATION_EXPIRED' } });
    expect(await cell('hz', 'cup')).toMatchObject({ reserved: 0, committed: 0 });
    expect((await engine.getReservation(tenant, reservation.id))!.status).toBe('expired');
  });
});
