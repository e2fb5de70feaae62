// The dashboard board without I/O: idempotent cell and reservation updates,
// coalescing into one delta per topic with the next sequence number, the
// low-stock list, today's cohort and its rollover, and the frame codec
// (JSON and protobuf carry the same content).
import { describe, expect, it } from 'vitest';
import { Board } from '../../src/app/board/board.ts';
import type { CellUpdate, ExceptionsData, LowStockData, OrdersData, StockData } from '../../src/app/board/board.types.ts';
import { dayCalculator } from '../../src/app/board/day.ts';
import { driftOfReport, parseDrift } from '../../src/app/board/drift.ts';
import { parseTopic, type Topic } from '../../src/app/board/topics.ts';
import { decodeProtoFrame, encodeJsonFrame, encodeProtoFrame, type Frame } from '../../src/adapters/ws/frames.codec.ts';
import { applyEnvelope } from '../../src/adapters/events/board.mapper.ts';
import { Envelope } from '../../src/adapters/events/envelope.codec.ts';

const T0 = Date.UTC(2025, 5, 1, 10, 0, 0);
const topic = (name: string): Topic => parseTopic(name)!;

function setup(opts: ConstructorParameters<typeof Board>[1] = {}) {
  let now = T0;
  const board = new Board({ nowMs: () => now }, opts);
  return { board, advance: (ms: number) => { now += ms; }, set: (ms: number) => { now = ms; } };
}

const cell = (sku: string, version: number, more: Partial<CellUpdate> = {}): CellUpdate => ({
  warehouse: 'A', sku, onHand: 10_000, reserved: version, committed: 0, version, at: T0 + version, ...more,
});

describe('topics', () => {
  it.each([
    ['orders.today', 'orders'], ['stock.all', 'stockAll'], ['stock.low', 'stockLow'], ['exceptions', 'exceptions'], ['stock.sku.S-1.x', 'stockSku'],
  ])('%s is a %s topic', (name, kind) => {
    expect(parseTopic(name)?.kind).toBe(kind);
  });

  it.each(['', 'stock', 'stock.sku.', 'stock.sku.a b', 'stock.sku.a:b', 'orders', `stock.sku.${'x'.repeat(65)}`])('%j is no topic', (name) => {
    expect(parseTopic(name)).toBeNull();
  });

  it('takes no inherited property name, and no non-string, as a topic', () => {
    const inherited = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'prototype']);
    for (const name of inherited) expect(parseTopic(name), name).toBeNull();
    for (const odd of [42, null, undefined, {}, [], { name: 'stock.all' }, ['stock.all'], true]) expect(parseTopic(odd)).toBeNull();
  });

  it('takes a SKU named like an inherited property as that SKU\'s topic, and the board serves it', () => {
    const { board } = setup();
    board.applyCell('t', cell('constructor', 1));
    const t = parseTopic('stock.sku.constructor')!;
    expect(t).toEqual({ name: 'stock.sku.constructor', kind: 'stockSku', sku: 'constructor' });
    expect((board.snapshot('t', t).data as StockData).cells.map((c) => c.sku)).toEqual(['constructor']);
    expect((board.snapshot('t', parseTopic('stock.sku.__proto__')!).data as StockData).cells).toEqual([]);
  });
});

describe('cells', () => {
  it('applies a cell only when its version is higher', () => {
    const { board } = setup();
    expect(board.applyCell('t', cell('s1', 2))).toBe(true);
    expect(board.applyCell('t', cell('s1', 2, { onHand: 1 }))).toBe(false);
    expect(board.applyCell('t', cell('s1', 1, { onHand: 1 }))).toBe(false);
    const snap = board.snapshot('t', topic('stock.all')).data as StockData;
    expect(snap.cells).toEqual([expect.objectContaining({ sku: 's1', onHand: 10_000, reserved: 2, version: 2 })]);
  });

  it('keeps the side tiers when an event without them changes the cell', () => {
    const { board } = setup();
    board.applyCell('t', cell('s1', 1, { inTransit: 7, safetyStock: 5 }));
    board.applyCell('t', cell('s1', 2));
    expect((board.snapshot('t', topic('stock.all')).data as StockData).cells[0]).toMatchObject({ inTransit: 7, safetyStock: 5, version: 2 });
  });

  it('coalesces 1,000 changes of one cell into one delta with the last value, and counts sequences per topic', () => {
    const { board } = setup();
    let pending = 0;
    board.onPending(() => pending++);
    for (let v = 1; v <= 1_000; v++) board.applyCell('t', cell('s1', v));
    expect(pending).toBe(1);
    const deltas = board.flush();
    expect(deltas.map((d) => [d.topic, d.seq])).toEqual([['stock.all', 1], ['stock.sku.s1', 1]]);
    expect((deltas[0]!.data as StockData).cells).toEqual([expect.objectContaining({ reserved: 1_000, version: 1_000 })]);
    expect(board.flush()).toEqual([]);
    board.applyCell('t', cell('s2', 1));
    expect(board.flush().map((d) => [d.topic, d.seq])).toEqual([['stock.all', 2], ['stock.sku.s2', 1]]);
    expect(board.snapshot('t', topic('stock.all')).seq).toBe(2);
    expect(board.snapshot('t', topic('stock.sku.s1')).seq).toBe(1);
  });

  it('tells a listener attached later that changes are already pending', () => {
    const { board } = setup();
    board.applyCell('t', cell('s1', 1));
    let called = 0;
    board.onPending(() => called++);
    expect(called).toBe(1);
  });

  it('refuses cells over the per-tenant bound and tenants over theirs', () => {
    const { board } = setup({ cellsPerTenantMax: 2, tenantsMax: 1 });
    expect(board.applyCell('t', cell('s1', 1))).toBe(true);
    expect(board.applyCell('t', cell('s2', 1))).toBe(true);
    expect(board.applyCell('t', cell('s3', 1))).toBe(false);
    expect(board.applyCell('u', cell('s1', 1))).toBe(false);
    expect(board.stats()).toMatchObject({ tenants: 1, cells: 2, refused: 2 });
  });

  it('keeps tenants apart', () => {
    const { board } = setup();
    board.applyCell('a', cell('sa', 1));
    board.applyCell('b', cell('sb', 1));
    expect((board.snapshot('a', topic('stock.all')).data as StockData).cells.map((c) => c.sku)).toEqual(['sa']);
    expect(board.flush().map((d) => `${d.tenant}:${d.topic}`).sort()).toEqual(['a:stock.all', 'a:stock.sku.sa', 'b:stock.all', 'b:stock.sku.sb']);
  });
});

describe('low stock', () => {
  it('upserts a cell that falls below its safety stock and removes it when it recovers', () => {
    const { board } = setup();
    board.applyCell('t', cell('s1', 1, { onHand: 12, reserved: 0, safetyStock: 10 }));
    board.flush();
    expect((board.snapshot('t', topic('stock.low')).data as LowStockData).items).toEqual([]);
    board.applyCell('t', cell('s1', 2, { onHand: 12, reserved: 5 }));
    const low = board.flush().find((d) => d.topic === 'stock.low')!;
    expect(low.data).toEqual({ items: [expect.objectContaining({ sku: 's1', available: 7, safetyStock: 10, low: true })], removed: [] });
    expect((board.snapshot('t', topic('stock.low')).data as LowStockData).items).toHaveLength(1);
    board.applyCell('t', cell('s1', 3, { onHand: 12, reserved: 0 }));
    expect(board.flush().find((d) => d.topic === 'stock.low')).toMatchObject({ seq: 2, data: { items: [], removed: [{ warehouse: 'A', sku: 's1' }] } });
  });

  it('removes a cell a snapshot showed as low even when it recovers before the next flush', () => {
    const { board } = setup();
    board.applyCell('t', cell('s1', 1, { onHand: 5, reserved: 0, safetyStock: 10 }));
    expect((board.snapshot('t', topic('stock.low')).data as LowStockData).items).toHaveLength(1);
    board.applyCell('t', cell('s1', 2, { onHand: 50, reserved: 0 }));
    expect(board.flush().find((d) => d.topic === 'stock.low')?.data).toEqual({ items: [], removed: [{ warehouse: 'A', sku: 's1' }] });
  });
});

describe('orders today', () => {
  it('counts today\'s reservations by where they are now, once per sequence', () => {
    const { board } = setup();
    const r = (id: string, status: 'held' | 'confirmed' | 'released' | 'expired' | 'fulfilled', sequence: number, createdAt?: number) =>
      board.applyReservation('t', { id, status, sequence, ...(createdAt === undefined ? {} : { createdAt }) });
    r('r1', 'held', 1, T0);
    r('r1', 'held', 1, T0);
    r('r2', 'held', 1, T0);
    r('r2', 'confirmed', 2);
    r('r2', 'confirmed', 2);
    r('r3', 'held', 1, T0);
    r('r3', 'expired', 2);
    r('r4', 'fulfilled', 3, T0);
    r('r4', 'held', 1, T0);
    r('old', 'held', 1, T0 - 86_400_000);
    r('old', 'fulfilled', 3);
    r('unknown', 'confirmed', 2);
    const orders = board.snapshot('t', topic('orders.today')).data as OrdersData;
    expect(orders).toMatchObject({ day: '2025-06-01', total: 4, completed: 1, pending: 2, held: 1, confirmed: 1, cancelled: 1, approximate: false });
    expect(board.flush().filter((d) => d.topic === 'orders.today')).toHaveLength(1);
  });

  it('starts a new day from zero and tells subscribers', () => {
    const { board, set } = setup();
    board.applyReservation('t', { id: 'r1', status: 'held', sequence: 1, createdAt: T0 });
    board.flush();
    set(Date.UTC(2025, 5, 2, 0, 0, 1));
    const d = board.flush().find((x) => x.topic === 'orders.today');
    expect(d?.data).toMatchObject({ day: '2025-06-02', total: 0, pending: 0 });
  });

  it('marks the split approximate past the tracking bound but keeps the total', () => {
    const { board } = setup({ reservationsTrackedMax: 1 });
    board.applyReservation('t', { id: 'r1', status: 'held', sequence: 1, createdAt: T0 });
    board.applyReservation('t', { id: 'r2', status: 'held', sequence: 1, createdAt: T0 });
    expect(board.snapshot('t', topic('orders.today')).data).toMatchObject({ total: 2, held: 1, approximate: true });
  });

  it('uses the configured time zone for today', () => {
    const shanghai = dayCalculator('Asia/Shanghai');
    expect(shanghai(Date.UTC(2025, 5, 1, 17, 0))).toEqual({
      day: '2025-06-02', startMs: Date.UTC(2025, 5, 1, 16, 0), endMs: Date.UTC(2025, 5, 2, 16, 0),
    });
    expect(dayCalculator('UTC')(T0)).toEqual({ day: '2025-06-01', startMs: Date.UTC(2025, 5, 1), endMs: Date.UTC(2025, 5, 2) });
  });
});

describe('exceptions', () => {
  it('lists orphaned payments newest first, counts today\'s once per payment, and carries the drift', () => {
    const { board } = setup({ paymentsListMax: 2 });
    const p = (id: string, at: number) => ({ paymentId: id, reservationId: `r-${id}`, reason: 'expired', resolution: 'refund_needed', newReservationId: '', at });
    board.applyOrphanedPayment('t', p('p1', T0));
    board.applyOrphanedPayment('t', p('p1', T0));
    board.applyOrphanedPayment('t', p('p2', T0 + 2));
    board.applyOrphanedPayment('t', p('p0', T0 - 86_400_000));
    const snap = board.snapshot('t', topic('exceptions')).data as ExceptionsData;
    expect(snap.payments.map((x) => x.paymentId)).toEqual(['p2', 'p1']);
    expect(snap.paymentsToday).toBe(2);
    expect((board.snapshot('t', topic('orders.today')).data as OrdersData).exceptions).toBe(2);
    const drift = driftOfReport([{ warehouse: 'A', sku: 's1', kind: 'counters', redis: { onHand: 5, reserved: 0, committed: 0, version: 3 }, ledger: null }], T0);
    board.flush();
    board.setDrift('t', drift);
    board.setDrift('t', drift);
    const deltas = board.flush();
    expect(deltas.map((d) => d.topic)).toEqual(['exceptions']);
    expect(deltas[0]!.data).toMatchObject({ payments: [], drift: { cells: 1, items: [{ kind: 'counters', ledger: null }] } });
  });

  it('lists dead-lettered events newest first, once per dead-letter sequence, and counts today\'s', () => {
    const { board } = setup({ deadLettersListMax: 2 });
    const d = (seq: number, at: number) => ({
      kind: 'event.dead_lettered', seq, consumer: 'projector', subject: `ns.t.stock.adjusted`, eventId: `e${seq}`, eventType: 'stock.adjusted', reason: 'rejected', at,
    });
    board.applyDeadLetter('t', d(1, T0));
    board.applyDeadLetter('t', d(1, T0));
    board.applyDeadLetter('t', d(2, T0 + 2));
    board.applyDeadLetter('t', d(3, T0 - 86_400_000));
    const snap = board.snapshot('t', topic('exceptions')).data as ExceptionsData;
    expect(snap.deadLetters.map((x) => x.seq)).toEqual([2, 1]);
    expect(snap.deadLettersToday).toBe(2);
    const first = board.flush().find((x) => x.topic === 'exceptions')!.data as ExceptionsData;
    expect(first.deadLetters.map((x) => x.seq)).toEqual([1, 2]);
    board.applyDeadLetter('t', d(4, T0 + 3));
    const next = board.flush();
    expect(next.map((x) => x.topic)).toEqual(['exceptions']);
    expect(next[0]!.data).toMatchObject({ deadLetters: [{ seq: 4 }], deadLettersToday: 3, payments: [] });
  });

  it('reads a stored drift report and ignores one it cannot read', () => {
    expect(parseDrift(JSON.stringify({ checkedAtMs: 5, cells: 1, items: [{ warehouse: 'A', sku: 's', kind: 'lagging', redis: { onHand: 1, reserved: 0, committed: 0, version: 2 }, ledger: null }] })))
      .toEqual({ cells: 1, checkedAt: 5, items: [{ warehouse: 'A', sku: 's', kind: 'lagging', redis: { onHand: 1, reserved: 0, committed: 0, version: 2 }, ledger: null, detail: '' }] });
    expect(parseDrift('{')).toBeNull();
    expect(parseDrift('{"cells": 1}')).toBeNull();
  });
});

describe('events', () => {
  it('applies envelopes: cells by version, reservations by sequence, the same event twice changes nothing', () => {
    const { board } = setup();
    const reserved = Envelope.create({
      eventId: 'e1', tenant: 't', type: 'stock.reserved', aggregateId: 'r1', sequence: 1, occurredAtMs: T0,
      stockReserved: { reservationId: 'r1', expiresAtMs: T0 + 1, cells: [{ warehouse: 'A', sku: 's1', dReserved: 2, onHand: 10, reserved: 2, committed: 0, version: 2 }] },
    });
    applyEnvelope(board, reserved);
    applyEnvelope(board, reserved);
    expect((board.snapshot('t', topic('orders.today')).data as OrdersData)).toMatchObject({ total: 1, held: 1 });
    expect((board.snapshot('t', topic('stock.all')).data as StockData).cells).toEqual([expect.objectContaining({ reserved: 2, available: 8, version: 2, at: T0 })]);
  });
});

describe('frame codec', () => {
  it('carries the same content in JSON and protobuf for every topic kind', () => {
    const { board } = setup();
    board.applyCell('t', cell('s1', 3, { onHand: 5, safetyStock: 9, inTransit: 4 }));
    board.applyReservation('t', { id: 'r1', status: 'held', sequence: 1, createdAt: T0 });
    board.applyOrphanedPayment('t', { paymentId: 'p1', reservationId: 'r1', reason: 'expired', resolution: 'refund_needed', newReservationId: '', at: T0 });
    board.applyDeadLetter('t', { kind: 'event.dead_lettered', seq: 7, consumer: 'projector', subject: 'ns.t.stock.adjusted', eventId: 'e1', eventType: 'stock.adjusted', reason: 'r', at: T0 });
    const frames: Frame[] = ['stock.all', 'stock.sku.s1', 'stock.low', 'orders.today', 'exceptions'].map((name, i) => {
      const s = board.snapshot('t', topic(name));
      const data = name === 'stock.all' ? {
        ...(s.data as StockData), warehouses: [{ id: 'A', name: 'Hangzhou' }], skus: [{ id: 's1', name: 'Tea' }, { id: 'kit', name: 'Tea kit' }],
        bundles: [{ sku: 'kit', components: [{ sku: 's1', qty: 2 }] }],
      } : s.data;
      return { type: 'snapshot', topic: name, seq: s.seq + i, at: T0, data };
    });
    frames.push({ type: 'error', topic: 'x', seq: 0, at: T0, data: { code: 'UNKNOWN_TOPIC', detail: 'no' } }, { type: 'pong', topic: '', seq: 0, at: T0, data: null });
    board.setDrift('t', { cells: 1, checkedAt: T0, items: [{ warehouse: 'A', sku: 's1', kind: 'counters', redis: { onHand: 1, reserved: 0, committed: 0, version: 1 }, ledger: null, detail: 'x' }] });
    for (const d of board.flush()) frames.push({ type: 'delta', topic: d.topic, seq: d.seq, at: T0, data: d.data });
    for (const f of frames) {
      expect(decodeProtoFrame(encodeProtoFrame(f)), f.topic).toEqual(JSON.parse(encodeJsonFrame(f)));
    }
  });
});
