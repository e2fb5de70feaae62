// The StockEngine contract, run against every implementation (the Redis engine
// and the in-memory one): stock-engine.redis.test.ts and
// stock-engine.memory.test.ts each call stockEngineConformance with a factory.
//
// Only the port is used: outcomes and cells, never keys or events (the
// outbox is the Redis engine's own; test/lua covers it). Every test uses its
// own tenant; the sweeper's index is shared by the engine, so index checks
// look only at the test's own tenants.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReserveCommand, StockEngine, StockWrite } from '../../src/app/stock.port.ts';
import type { StockCell } from '../../src/core/stock.types.ts';

export interface EngineUnderTest {
  readonly engine: StockEngine;
  /** The engine's onHand max. */
  readonly onHandMax: number;
  /** Releases what the factory opened (deletes its keys, closes connections). */
  close(): Promise<void>;
}

type Get = () => EngineUnderTest;

export function stockEngineConformance(name: string, open: () => Promise<EngineUnderTest>): void {
  describe(`StockEngine conformance: ${name}`, () => {
    let subject: EngineUnderTest | undefined;
    const get: Get = () => {
      if (subject === undefined) throw new Error('engine not opened');
      return subject;
    };
    beforeAll(async () => {
      subject = await open();
    });
    afterAll(async () => {
      await subject?.close();
    });
    reserveTests(get);
    refusedReserveTests(get);
    transitionTests(get);
    expiryTests(get);
    stockWriteTests(get);
  });
}

const T0 = 1_000_000;
const run = randomBytes(3).toString('hex');
let seq = 0;
const next = (): number => ++seq;
const newTenant = (): string => `c${run}${next()}`;

const reserveCmd = (over: Partial<ReserveCommand> = {}): ReserveCommand => {
  const n = next();
  return {
    reservationId: `r${n}`, idempotencyKey: `k${n}`, fingerprint: `fp${n}`, nowMs: T0, expiresAtMs: T0 + 60_000,
    catalogVersion: 0, allowSplit: false, warehouses: ['A'], demand: [{ sku: 's1', qty: 1 }], ...over,
  };
};

const write = (warehouse: string, sku: string, over: Partial<StockWrite> = {}): StockWrite => {
  const n = next();
  return { warehouse, sku, eventId: `e${n}`, operationKey: `o${n}`, fingerprint: `f${n}`, reason: 'count', nowMs: T0, ...over };
};

/** Sets onHand of cells named "A/s1". */
async function stock(engine: StockEngine, tenant: string, levels: Record<string, number>): Promise<void> {
  for (const [name, onHand] of Object.entries(levels)) {
    const [wh, sku] = name.split('/') as [string, string];
    const out = await engine.setStock(tenant, write(wh, sku), { onHand });
    expect(out.kind, `set ${name}`).toBe('written');
  }
}

const cellsOf = (names: string[]): { warehouse: string; sku: string }[] =>
  names.map((n) => { const [warehouse, sku] = n.split('/') as [string, string]; return { warehouse, sku }; });

/** onHand, reserved, committed of each named cell. */
async function tiers(engine: StockEngine, tenant: string, names: string[]): Promise<number[][]> {
  return (await engine.readCells(tenant, cellsOf(names))).map((c) => [c.onHand, c.reserved, c.committed]);
}

async function reserved(engine: StockEngine, tenant: string, cmd: ReserveCommand): Promise<string> {
  const out = await engine.reserve(tenant, cmd);
  expect(out.kind).toBe('reserved');
  return cmd.reservationId;
}

function reserveTests(get: Get): void {
  it('reserves the whole cart from the first ranked warehouse that holds all of it', async () => {
    const { engine } = get();
    const t = newTenant();
    await stock(engine, t, { 'A/s1': 1, 'A/s2': 5, 'B/s1': 5, 'B/s2': 5, 'C/s1': 9, 'C/s2': 9 });
    const out = await engine.reserve(t, reserveCmd({ warehouses: ['A', 'B', 'C'], demand: [{ sku: 's1', qty: 2 }, { sku: 's2', qty: 2 }] }));
    expect(out).toEqual({ kind: 'reserved', allocations: [{ warehouse: 'B', sku: 's1', qty: 2 }, { warehouse: 'B', sku: 's2', qty: 2 }] });
    expect(await tiers(engine, t, ['A/s1', 'A/s2', 'B/s1', 'B/s2', 'C/s1'])).toEqual([[1, 0, 0], [5, 0, 0], [5, 2, 0], [5, 2, 0], [9, 0, 0]]);
    const [b1] = await engine.readCells(t, cellsOf(['B/s1']));
    expect(b1!.version).toBe(2);
  });

  it('with allowSplit and no warehouse holding the cart, takes each component greedily along the ranking', async () => {
    const { engine } = get();
    const t = newTenant();
    await stock(engine, t, { 'A/s1': 2, 'B/s1': 3, 'C/s1': 9, 'B/s2': 1 });
    const out = await engine.reserve(t, reserveCmd({ allowSplit: true, warehouses: ['A', 'B', 'C'], demand: [{ sku: 's1', qty: 4 }, { sku: 's2', qty: 1 }] }));
    expect(out).toEqual({ kind: 'reserved', allocations: [
      { warehouse: 'A', sku: 's1', qty: 2 }, { warehouse: 'B', sku: 's1', qty: 2 }, { warehouse: 'B', sku: 's2', qty: 1 },
    ] });
    expect(await tiers(engine, t, ['A/s1', 'B/s1', 'C/s1', 'B/s2'])).toEqual([[2, 2, 0], [3, 2, 0], [9, 0, 0], [1, 1, 0]]);
  });

  it('takes only from the warehouses it is given: one left out is neither taken from nor counted as available', async () => {
    // What re-allocation relies on (the reservation service leaves the warehouses that refused an order out of the list).
    const { engine } = get();
    const t = newTenant();
    await stock(engine, t, { 'A/s1': 9, 'B/s1': 1, 'C/s1': 5 });
    const short = await engine.reserve(t, reserveCmd({ warehouses: ['B'], demand: [{ sku: 's1', qty: 3 }] }));
    expect(short).toMatchObject({ kind: 'error', error: { code: 'STOCK_INSUFFICIENT', extra: { lines: [{ sku: 's1', requested: 3, available: 1 }] } } });
    const split = await engine.reserve(t, reserveCmd({ allowSplit: true, warehouses: ['B', 'C'], demand: [{ sku: 's1', qty: 6 }] }));
    expect(split).toEqual({ kind: 'reserved', allocations: [{ warehouse: 'B', sku: 's1', qty: 1 }, { warehouse: 'C', sku: 's1', qty: 5 }] });
    expect(await tiers(engine, t, ['A/s1', 'B/s1', 'C/s1'])).toEqual([[9, 0, 0], [1, 1, 0], [5, 5, 0]]);
  });

  it('replays a repeated idempotency key and request with the first reservation id, reserving nothing more', async () => {
    const { engine } = get();
    const t = newTenant();
    await stock(engine, t, { 'A/s1': 5 });
    const first = reserveCmd({ demand: [{ sku: 's1', qty: 2 }] });
    await reserved(engine, t, first);
    expect(await engine.reserve(t, { ...first, reservationId: `r${next()}` })).toEqual({ kind: 'replay', reservationId: first.reservationId });
    expect(await tiers(engine, t, ['A/s1'])).toEqual([[5, 2, 0]]);
    const r = await engine.getReservation(t, first.reservationId);
    expect(r).toEqual({ id: first.reservationId, status: 'held', createdAtMs: T0, expiresAtMs: T0 + 60_000, allocations: [{ warehouse: 'A', sku: 's1', qty: 2 }] });
  });

  it('answers catalogStale with the newer version, and publishCatalogVersion never lowers it', async () => {
    const { engine } = get();
    const t = newTenant();
    await stock(engine, t, { 'A/s1': 5 });
    expect(await engine.publishCatalogVersion(t, 3)).toBe(3);
    expect(await engine.publishCatalogVersion(t, 2)).toBe(3);
    expect(await engine.catalogVersion(t)).toBe(3);
    expect(await engine.reserve(t, reserveCmd({ catalogVersion: 2 }))).toEqual({ kind: 'catalogStale', version: 3 });
    expect(await tiers(engine, t, ['A/s1'])).toEqual([[5, 0, 0]]);
    await reserved(engine, t, reserveCmd({ catalogVersion: 3 }));
    expect(await engine.catalogVersion(newTenant())).toBe(0);
  });
}

function refusedReserveTests(get: Get): void {
  it('reserves nothing when no single warehouse holds the cart, reporting the short lines by their best warehouse', async () => {
    const { engine } = get();
    const t = newTenant();
    await stock(engine, t, { 'A/s1': 3, 'B/s1': 2, 'B/s2': 4 });
    const before = await engine.readCells(t, cellsOf(['A/s1', 'B/s1', 'B/s2']));
    const out = await engine.reserve(t, reserveCmd({ warehouses: ['A', 'B'], demand: [{ sku: 's1', qty: 4 }, { sku: 's2', qty: 1 }] }));
    expect(out).toEqual({ kind: 'error', error: {
      code: 'STOCK_INSUFFICIENT', detail: 'not enough stock for s1', extra: { lines: [{ sku: 's1', requested: 4, available: 3 }], split: false },
    } });
    expect(await engine.readCells(t, cellsOf(['A/s1', 'B/s1', 'B/s2']))).toEqual(before);
  });

  it('reports every line when each component is somewhere but no warehouse holds the whole cart without split', async () => {
    const { engine } = get();
    const t = newTenant();
    await stock(engine, t, { 'A/s1': 5, 'B/s2': 5 });
    const out = await engine.reserve(t, reserveCmd({ warehouses: ['A', 'B'], demand: [{ sku: 's1', qty: 1 }, { sku: 's2', qty: 1 }] }));
    expect(out).toMatchObject({ kind: 'error', error: { code: 'STOCK_INSUFFICIENT', extra: {
      lines: [{ sku: 's1', requested: 1, available: 5 }, { sku: 's2', requested: 1, available: 5 }], split: false,
    } } });
  });

  it('with allowSplit, a short cart reports the sum over the ranked warehouses', async () => {
    const { engine } = get();
    const t = newTenant();
    await stock(engine, t, { 'A/s1': 2, 'B/s1': 1, 'C/s1': 7 });
    const out = await engine.reserve(t, reserveCmd({ allowSplit: true, warehouses: ['A', 'B'], demand: [{ sku: 's1', qty: 5 }] }));
    expect(out).toMatchObject({ kind: 'error', error: { code: 'STOCK_INSUFFICIENT', extra: { lines: [{ sku: 's1', requested: 5, available: 3 }], split: true } } });
    expect(await tiers(engine, t, ['A/s1', 'B/s1'])).toEqual([[2, 0, 0], [1, 0, 0]]);
  });

  it('refuses an idempotency key reused with another request, reserving nothing', async () => {
    const { engine } = get();
    const t = newTenant();
    await stock(engine, t, { 'A/s1': 5 });
    const first = reserveCmd();
    await reserved(engine, t, first);
    const other = { ...reserveCmd(), idempotencyKey: first.idempotencyKey };
    expect(await engine.reserve(t, other)).toMatchObject({ kind: 'error', error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await engine.getReservation(t, other.reservationId)).toBeNull();
    expect(await tiers(engine, t, ['A/s1'])).toEqual([[5, 1, 0]]);
  });

  // The reservation id is a server-made UUID: no engine looks for an existing one (the Redis script's EXISTS was
  // one command per reservation for a case no caller makes).
  it('throws on arguments no caller sends: a warehouse or sku twice, a qty below 1', async () => {
    const { engine } = get();
    const t = newTenant();
    await stock(engine, t, { 'A/s1': 5, 'B/s1': 5 });
    await expect(engine.reserve(t, reserveCmd({ warehouses: ['A', 'A'] }))).rejects.toThrow();
    await expect(engine.reserve(t, reserveCmd({ demand: [{ sku: 's1', qty: 1 }, { sku: 's1', qty: 1 }] }))).rejects.toThrow();
    await expect(engine.reserve(t, reserveCmd({ demand: [{ sku: 's1', qty: 0 }] }))).rejects.toThrow();
    await reserved(engine, t, reserveCmd());
    expect(await tiers(engine, t, ['A/s1', 'B/s1'])).toEqual([[5, 1, 0], [5, 0, 0]]);
  });
}

/** A tenant with A/s1 = 10 and one held reservation of 3 (expires at T0 + 1000). */
async function heldReservation(engine: StockEngine): Promise<{ t: string; id: string }> {
  const t = newTenant();
  await stock(engine, t, { 'A/s1': 10 });
  const id = await reserved(engine, t, reserveCmd({ demand: [{ sku: 's1', qty: 3 }], expiresAtMs: T0 + 1_000 }));
  return { t, id };
}

const statusOf = async (engine: StockEngine, t: string, id: string): Promise<string | undefined> => (await engine.getReservation(t, id))?.status;

function transitionTests(get: Get): void {
  it('confirm moves held stock to committed, once; a repeat is already and changes nothing', async () => {
    const { engine } = get();
    const { t, id } = await heldReservation(engine);
    expect(await engine.transition(t, 'confirm', id, T0 + 10)).toEqual({ kind: 'done' });
    expect(await tiers(engine, t, ['A/s1'])).toEqual([[10, 0, 3]]);
    const before = await engine.readCells(t, cellsOf(['A/s1']));
    expect(await engine.transition(t, 'confirm', id, T0 + 20)).toEqual({ kind: 'already' });
    expect(await engine.readCells(t, cellsOf(['A/s1']))).toEqual(before);
    expect(await statusOf(engine, t, id)).toBe('confirmed');
  });

  it('fulfil takes confirmed stock off the shelf, once; a held reservation is not fulfilled', async () => {
    const { engine } = get();
    const { t, id } = await heldReservation(engine);
    expect(await engine.transition(t, 'fulfil', id, T0 + 10)).toEqual({ kind: 'error', error: {
      code: 'RESERVATION_NOT_CONFIRMED', detail: `reservation ${id} is held, not yet confirmed`, extra: { reservationStatus: 'held' },
    } });
    await engine.transition(t, 'confirm', id, T0 + 10);
    // Past the hold's expiry: a confirmed reservation no longer expires.
    expect(await engine.transition(t, 'fulfil', id, T0 + 5_000)).toEqual({ kind: 'done' });
    expect(await tiers(engine, t, ['A/s1'])).toEqual([[7, 0, 0]]);
    expect(await engine.transition(t, 'fulfil', id, T0 + 5_001)).toEqual({ kind: 'already' });
    expect(await engine.transition(t, 'release', id, T0 + 5_001)).toMatchObject({ kind: 'error', error: { code: 'RESERVATION_FULFILLED' } });
    expect(await engine.transition(t, 'confirm', id, T0 + 5_001)).toMatchObject({ kind: 'error', error: { code: 'RESERVATION_FULFILLED' } });
    expect(await tiers(engine, t, ['A/s1'])).toEqual([[7, 0, 0]]);
  });

  it('release frees held stock and confirmed stock, once; a released reservation moves no further', async () => {
    const { engine } = get();
    const held = await heldReservation(engine);
    expect(await engine.transition(held.t, 'release', held.id, T0 + 10)).toEqual({ kind: 'done' });
    expect(await tiers(engine, held.t, ['A/s1'])).toEqual([[10, 0, 0]]);
    expect(await engine.transition(held.t, 'release', held.id, T0 + 10)).toEqual({ kind: 'already' });
    for (const op of ['confirm', 'fulfil', 'expire'] as const) {
      expect(await engine.transition(held.t, op, held.id, T0 + 5_000), op).toMatchObject({ kind: 'error', error: { code: 'RESERVATION_RELEASED' } });
    }
    const confirmed = await heldReservation(engine);
    await engine.transition(confirmed.t, 'confirm', confirmed.id, T0 + 10);
    expect(await engine.transition(confirmed.t, 'release', confirmed.id, T0 + 5_000)).toEqual({ kind: 'done' });
    expect(await tiers(engine, confirmed.t, ['A/s1'])).toEqual([[10, 0, 0]]);
    expect(await statusOf(engine, confirmed.t, confirmed.id)).toBe('released');
  });

  it('answers RESERVATION_NOT_FOUND for a reservation that never existed', async () => {
    const { engine } = get();
    const t = newTenant();
    for (const op of ['confirm', 'release', 'fulfil', 'expire'] as const) {
      expect(await engine.transition(t, op, 'ghost', T0), op).toMatchObject({ kind: 'error', error: { code: 'RESERVATION_NOT_FOUND' } });
    }
    expect(await engine.transition(t, 'confirm', 'ghost', T0)).toEqual({ kind: 'error', error: { code: 'RESERVATION_NOT_FOUND', detail: 'reservation ghost not found' } });
    expect(await engine.getReservation(t, 'ghost')).toBeNull();
  });
}

function expiryTests(get: Get): void {
  it.each(['confirm', 'release', 'fulfil'] as const)('%s of a held reservation past its expiry expires it and answers RESERVATION_EXPIRED', async (op) => {
    const { engine } = get();
    const { t, id } = await heldReservation(engine);
    expect(await engine.transition(t, op, id, T0 + 1_000)).toEqual({ kind: 'error', error: {
      code: 'RESERVATION_EXPIRED', detail: `reservation ${id} has expired`, extra: { reservationStatus: 'expired' },
    } });
    expect(await statusOf(engine, t, id)).toBe('expired');
    expect(await tiers(engine, t, ['A/s1'])).toEqual([[10, 0, 0]]);
    expect(await engine.transition(t, 'confirm', id, T0 + 1_001)).toMatchObject({ kind: 'error', error: { code: 'RESERVATION_EXPIRED' } });
    expect(await tiers(engine, t, ['A/s1'])).toEqual([[10, 0, 0]]);
  });

  it('expire answers notDue before the expiry, done at it, and a repeat is refused as expired', async () => {
    const { engine } = get();
    const { t, id } = await heldReservation(engine);
    expect(await engine.transition(t, 'expire', id, T0 + 999)).toEqual({ kind: 'notDue' });
    expect(await engine.transition(t, 'expire', id, T0 + 1_000)).toEqual({ kind: 'done' });
    expect(await engine.transition(t, 'expire', id, T0 + 1_001)).toMatchObject({ kind: 'error', error: { code: 'RESERVATION_EXPIRED' } });
    const confirmed = await heldReservation(engine);
    await engine.transition(confirmed.t, 'confirm', confirmed.id, T0);
    expect(await engine.transition(confirmed.t, 'expire', confirmed.id, T0 + 5_000)).toMatchObject({ kind: 'error', error: { code: 'RESERVATION_CONFIRMED' } });
  });

  it('sweep expires due held reservations, earliest first and at most max, and leaves the rest', async () => {
    const { engine } = get();
    const t = newTenant();
    await stock(engine, t, { 'A/s1': 10 });
    const at = (ms: number): Promise<string> => reserved(engine, t, reserveCmd({ expiresAtMs: T0 + ms }));
    const [r100, r200, r300, r50] = [await at(100), await at(200), await at(300), await at(50)];
    await engine.transition(t, 'confirm', r50, T0);
    expect(await engine.sweep(t, T0 + 250, 1)).toBe(1);
    expect([await statusOf(engine, t, r100), await statusOf(engine, t, r200)]).toEqual(['expired', 'held']);
    expect(await engine.sweep(t, T0 + 250, 10)).toBe(1);
    expect([await statusOf(engine, t, r200), await statusOf(engine, t, r300), await statusOf(engine, t, r50)]).toEqual(['expired', 'held', 'confirmed']);
    expect(await tiers(engine, t, ['A/s1'])).toEqual([[10, 1, 1]]);
    expect(await engine.sweep(t, T0 + 250, 10)).toBe(0);
    expect(await engine.sweep(newTenant(), T0 + 250, 10)).toBe(0);
  });

  it('indexes each tenant by its next expiry: reserve lowers it, reindexExpiry sets it, indexExpiries never raises it', async () => {
    const { engine } = get();
    const t = newTenant();
    const due = async (ms: number): Promise<boolean> => (await engine.dueTenants(T0 + ms, 100_000)).includes(t);
    await stock(engine, t, { 'A/s1': 10 });
    expect(await due(1e9)).toBe(false);
    const r100 = await reserved(engine, t, reserveCmd({ expiresAtMs: T0 + 100 }));
    await reserved(engine, t, reserveCmd({ expiresAtMs: T0 + 500 }));
    expect([await due(99), await due(100)]).toEqual([false, true]);
    await engine.transition(t, 'release', r100, T0);
    expect(await engine.indexExpiries([t, newTenant()])).toBe(1);
    expect(await due(100)).toBe(true);
    await engine.reindexExpiry(t);
    expect([await due(499), await due(500)]).toEqual([false, true]);
    expect(await engine.sweep(t, T0 + 500, 10)).toBe(1);
    await engine.reindexExpiry(t);
    expect(await due(1e9)).toBe(false);
    expect(await engine.indexExpiries([t])).toBe(0);
  });
}

const cell = (onHand: number, reserved: number, committed: number, inTransit: number, safetyStock: number, version: number): StockCell =>
  ({ onHand, reserved, committed, inTransit, safetyStock, version });

function stockWriteTests(get: Get): void {
  it('set writes onHand and the side tiers, keeps side tiers it is not given, and bumps the version', async () => {
    const { engine } = get();
    const t = newTenant();
    expect(await engine.setStock(t, write('A', 's1'), { onHand: 10, safetyStock: 2, inTransit: 3 })).toEqual({ kind: 'written', cell: cell(10, 0, 0, 3, 2, 1) });
    expect(await engine.setStock(t, write('A', 's1'), { onHand: 10 })).toEqual({ kind: 'written', cell: cell(10, 0, 0, 3, 2, 2) });
    expect(await engine.readCells(t, cellsOf(['A/s1', 'B/s9']))).toEqual([cell(10, 0, 0, 3, 2, 2), cell(0, 0, 0, 0, 0, 0)]);
  });

  it('replays a repeated operation key and request, and refuses the key with another request', async () => {
    const { engine } = get();
    const t = newTenant();
    const w = write('A', 's1');
    await engine.setStock(t, w, { onHand: 4 });
    expect(await engine.setStock(t, w, { onHand: 4 })).toEqual({ kind: 'replay' });
    expect(await engine.adjustStock(t, { ...w, fingerprint: 'other' }, 1)).toMatchObject({ kind: 'error', error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await engine.readCells(t, cellsOf(['A/s1']))).toEqual([cell(4, 0, 0, 0, 0, 1)]);
  });

  it('set and adjust refuse onHand below reserved + committed or above the max with STOCK_INVARIANT, writing nothing', async () => {
    const { engine, onHandMax } = get();
    const { t, id } = await heldReservation(engine);
    await reserved(engine, t, reserveCmd({ demand: [{ sku: 's1', qty: 2 }] }));
    await engine.transition(t, 'confirm', id, T0);
    const before = await engine.readCells(t, cellsOf(['A/s1']));
    const invariant = { kind: 'error', error: {
      code: 'STOCK_INVARIANT', detail: `onHand of A/s1 would fall below reserved + committed (2 + 3) or above ${onHandMax}`, extra: { reserved: 2, committed: 3 },
    } };
    expect(await engine.setStock(t, write('A', 's1'), { onHand: 4 })).toEqual(invariant);
    expect(await engine.adjustStock(t, write('A', 's1'), -6)).toEqual(invariant);
    expect(await engine.adjustStock(t, write('A', 's1'), onHandMax)).toEqual(invariant);
    expect(await engine.readCells(t, cellsOf(['A/s1']))).toEqual(before);
    expect(await engine.adjustStock(t, write('A', 's1'), -5)).toEqual({ kind: 'written', cell: { ...before[0]!, onHand: 5, version: before[0]!.version + 1 } });
    expect(await engine.setStock(t, write('A', 's1'), { onHand: 5 })).toMatchObject({ kind: 'written', cell: { onHand: 5, reserved: 2, committed: 3 } });
  });

  it('throws on levels no caller sends: onHand or a side tier not an integer in 0..max, a delta of 0 or a fraction', async () => {
    const { engine, onHandMax } = get();
    const t = newTenant();
    for (const level of [{ onHand: -1 }, { onHand: onHandMax + 1 }, { onHand: 1.5 }, { onHand: 1, safetyStock: -1 }, { onHand: 1, inTransit: 0.5 }]) {
      await expect(engine.setStock(t, write('A', 's1'), level), JSON.stringify(level)).rejects.toThrow();
    }
    await expect(engine.adjustStock(t, write('A', 's1'), 0)).rejects.toThrow();
    await expect(engine.adjustStock(t, write('A', 's1'), 1.5)).rejects.toThrow();
    expect(await engine.readCells(t, cellsOf(['A/s1']))).toEqual([cell(0, 0, 0, 0, 0, 0)]);
  });
}
