// StockService on the in-memory fakes (each held to the conformance suite of
// its real adapter): setting and adjusting levels against the catalog,
// idempotency keys, the stock invariant, and the per-SKU read with bundles.

import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryCatalogStore } from '../../src/adapters/memory/catalog.store.ts';
import { MemoryStockEngine } from '../../src/adapters/memory/stock.engine.ts';
import { CatalogService } from '../../src/app/catalog.service.ts';
import { ReservationService } from '../../src/app/reservation.service.ts';
import { StockService } from '../../src/app/stock.service.ts';
import { loadConfig } from '../../src/config.ts';
import type { Result } from '../../src/core/errors.ts';
import type { StockCell } from '../../src/core/stock.types.ts';

const limits = loadConfig({}).limits;
const tenant = 'acme';
const clock = { nowMs: () => 1_700_000_000_000 };

let store: MemoryCatalogStore;
let engine: MemoryStockEngine;
let catalogs: CatalogService;
let stock: StockService;
let reservations: ReservationService;

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.detail}`);
  return r.value;
}

async function cell(warehouse: string, sku: string): Promise<StockCell> {
  return (await engine.readCells(tenant, [{ warehouse, sku }]))[0]!;
}

const zero = { onHand: 0, reserved: 0, committed: 0, inTransit: 0, safetyStock: 0, version: 0 };

beforeEach(async () => {
  store = new MemoryCatalogStore();
  engine = new MemoryStockEngine({ onHandMax: limits.onHandMax });
  catalogs = new CatalogService(store, engine, limits, 100);
  stock = new StockService(engine, catalogs, limits, clock);
  reservations = new ReservationService(engine, catalogs, limits, clock);
  await store.createTenant(tenant, 'Acme');
  for (const id of ['sh', 'hz', 'la']) value(await catalogs.putWarehouse(tenant, { id, name: id, region: 'CN-ZJ', priority: 1 }));
  for (const sku of ['cup', 'saucer']) value(await catalogs.putSku(tenant, { sku, name: sku, components: [] }));
  value(await catalogs.putSku(tenant, { sku: 'set', name: 'Tea set', components: [{ sku: 'cup', qty: 1 }, { sku: 'saucer', qty: 2 }] }));
});

describe('set and adjust', () => {
  it('sets on-hand, safety and in-transit levels; a later set without them keeps them', async () => {
    expect(value(await stock.set(tenant, 'hz', 'cup', { onHand: 10, safetyStock: 3, inTransit: 5 })))
      .toEqual({ onHand: 10, reserved: 0, committed: 0, inTransit: 5, safetyStock: 3, version: 1 });
    expect(value(await stock.set(tenant, 'hz', 'cup', { onHand: 7 }))).toEqual({ onHand: 7, reserved: 0, committed: 0, inTransit: 5, safetyStock: 3, version: 2 });
    expect(await cell('hz', 'cup')).toMatchObject({ onHand: 7, version: 2 });
  });

  it('adjusts on-hand by a delta in either direction', async () => {
    value(await stock.set(tenant, 'hz', 'cup', { onHand: 10 }));
    expect(value(await stock.adjust(tenant, 'hz', 'cup', -3, 'damaged'))).toMatchObject({ onHand: 7 });
    expect(value(await stock.adjust(tenant, 'hz', 'cup', 5, 'returned'))).toMatchObject({ onHand: 12 });
  });

  it('refuses to take on-hand below what is reserved and committed (STOCK_INVARIANT), changing nothing', async () => {
    value(await stock.set(tenant, 'hz', 'cup', { onHand: 10 }));
    const { reservation } = value(await reservations.reserve(tenant, { lines: [{ sku: 'cup', qty: 4 }], warehouse: 'hz' }, 'r1'));
    value(await reservations.transition(tenant, 'confirm', reservation.id));
    value(await reservations.reserve(tenant, { lines: [{ sku: 'cup', qty: 2 }], warehouse: 'hz' }, 'r2'));
    const before = await cell('hz', 'cup');
    expect(await stock.adjust(tenant, 'hz', 'cup', -5, 'lost')).toMatchObject({ ok: false, error: { code: 'STOCK_INVARIANT' } });
    expect(await stock.set(tenant, 'hz', 'cup', { onHand: 5 })).toMatchObject({ ok: false, error: { code: 'STOCK_INVARIANT' } });
    expect(await cell('hz', 'cup')).toEqual(before);
    expect(value(await stock.adjust(tenant, 'hz', 'cup', -4, 'lost'))).toMatchObject({ onHand: 6, reserved: 2, committed: 4 });
  });

  it.each([
    ['an unknown tenant', 'nobody', 'hz', 'cup', 'TENANT_NOT_FOUND'],
    ['an unknown warehouse', tenant, 'nowhere', 'cup', 'UNKNOWN_WAREHOUSE'],
    ['an unknown SKU', tenant, 'hz', 'teapot', 'UNKNOWN_SKU'],
    ['a bundle (its components hold the stock)', tenant, 'hz', 'set', 'SKU_IS_BUNDLE'],
  ])('refuses %s and writes nothing', async (_name, t, warehouse, sku, code) => {
    expect(await stock.set(t, warehouse, sku, { onHand: 5 })).toMatchObject({ ok: false, error: { code } });
    expect(await stock.adjust(t, warehouse, sku, 5, 'found')).toMatchObject({ ok: false, error: { code } });
    expect((await engine.readCells(t, [{ warehouse, sku }]))[0]).toEqual(zero);
  });

  it('applies a write once per idempotency key: a retry answers the current cell, another request under the key is refused', async () => {
    value(await stock.set(tenant, 'hz', 'cup', { onHand: 10 }));
    expect(value(await stock.adjust(tenant, 'hz', 'cup', 5, 'delivery', 'k1'))).toMatchObject({ onHand: 15 });
    expect(value(await stock.adjust(tenant, 'hz', 'cup', 5, 'delivery', 'k1'))).toMatchObject({ onHand: 15 });
    expect(await stock.adjust(tenant, 'hz', 'cup', 6, 'delivery', 'k1')).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await stock.set(tenant, 'hz', 'cup', { onHand: 3 }, 'k1')).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(value(await stock.adjust(tenant, 'hz', 'cup', 5, 'delivery'))).toMatchObject({ onHand: 20 });
    expect(value(await stock.adjust(tenant, 'hz', 'cup', 5, 'delivery'))).toMatchObject({ onHand: 25 });
  });

  it('accepts a warehouse another instance just added (writes check a fresh catalog)', async () => {
    await catalogs.get(tenant);
    const theirs = new CatalogService(store, engine, limits, 100);
    value(await theirs.putWarehouse(tenant, { id: 'bj', name: 'Beijing', region: 'CN-BJ', priority: 1 }));
    expect(value(await stock.set(tenant, 'bj', 'cup', { onHand: 4 }))).toMatchObject({ onHand: 4 });
  });
});

describe('read', () => {
  it('answers each SKU per warehouse in id order, with what is available, below-safety flags and totals', async () => {
    value(await stock.set(tenant, 'hz', 'cup', { onHand: 10, safetyStock: 5 }));
    value(await stock.set(tenant, 'la', 'cup', { onHand: 3, inTransit: 2 }));
    value(await reservations.reserve(tenant, { lines: [{ sku: 'cup', qty: 6 }], warehouse: 'hz' }, 'r1'));
    const [cup] = value(await stock.read(tenant, ['cup']));
    expect(cup).toEqual({
      sku: 'cup', bundle: false,
      warehouses: [
        { warehouse: 'hz', onHand: 10, reserved: 6, committed: 0, inTransit: 0, safetyStock: 5, version: 2, available: 4, belowSafety: true },
        { warehouse: 'la', onHand: 3, reserved: 0, committed: 0, inTransit: 2, safetyStock: 0, version: 1, available: 3, belowSafety: false },
        { warehouse: 'sh', ...zero, available: 0, belowSafety: false },
      ],
      totals: { onHand: 13, reserved: 6, committed: 0, inTransit: 2, safetyStock: 5, available: 7, belowSafety: true },
    });
  });

  it('answers a bundle as many kits per warehouse as its scarcest component allows', async () => {
    value(await stock.set(tenant, 'hz', 'cup', { onHand: 5 }));
    value(await stock.set(tenant, 'hz', 'saucer', { onHand: 5 }));
    value(await stock.set(tenant, 'la', 'cup', { onHand: 1 }));
    value(await stock.set(tenant, 'la', 'saucer', { onHand: 10 }));
    const [set, cup] = value(await stock.read(tenant, ['set', 'cup']));
    expect(set!.bundle).toBe(true);
    expect(set!.warehouses.map((w) => [w.warehouse, w.available])).toEqual([['hz', 2], ['la', 1], ['sh', 0]]);
    expect(set!.totals).toEqual({ onHand: 0, reserved: 0, committed: 0, inTransit: 0, safetyStock: 0, available: 3, belowSafety: false });
    expect(cup!.totals.available).toBe(6);
  });

  it('refuses unknown SKUs, naming each, and an unknown tenant', async () => {
    expect(await stock.read(tenant, ['cup', 'teapot', 'kettle'])).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SKU', extra: { skus: ['teapot', 'kettle'] } } });
    expect(await stock.read('nobody', ['cup'])).toMatchObject({ ok: false, error: { code: 'TENANT_NOT_FOUND' } });
  });
});
