// The pure comparisons of reconcile (the reading and re-checking against real
// Redis and PostgreSQL is tested in test/pipeline/reconcile.test.ts).
import { describe, expect, it } from 'vitest';
import { compareAt, pgBehind, reservationDriftOf, sumsAgainstCounters } from '../../src/app/drift.rules.ts';
import type { HotCell, HotReservation, LedgerCellSums } from '../../src/app/ledger.port.ts';

const cell = (c: Partial<HotCell> = {}): HotCell => ({ warehouse: 'w1', sku: 'A', onHand: 10, reserved: 2, committed: 1, version: 3, ...c });
const sums = (s: Partial<LedgerCellSums> = {}): LedgerCellSums => ({ warehouse: 'w1', sku: 'A', onHand: 10, reserved: 2, committed: 1, version: 3, rows: 3, ...s });

describe('compareAt', () => {
  it('finds no drift when the ledger up to the cell version sums to the cell', () => {
    expect(compareAt('t', cell(), sums())).toEqual([]);
  });

  it('reports a ledger gap when rows are missing below the version, before comparing counters', () => {
    expect(compareAt('t', cell(), sums({ rows: 2, onHand: 4 }))).toEqual([expect.objectContaining({ kind: 'ledger_gap', detail: '2 ledger rows for versions 1..3' })]);
  });

  it('reports counters when the version matches but a counter differs', () => {
    expect(compareAt('t', cell({ reserved: 5 }), sums())).toEqual([expect.objectContaining({
      kind: 'counters', redis: { onHand: 10, reserved: 5, committed: 1, version: 3 }, ledger: { onHand: 10, reserved: 2, committed: 1, version: 3 },
    })]);
  });
});

describe('sumsAgainstCounters', () => {
  const r = (id: string, status: string, qty: number): HotReservation => ({ id, status, allocations: [['w1', 'A', qty]] });

  it('accepts held reservations summing to reserved and confirmed ones to committed; ignores final ones', () => {
    expect(sumsAgainstCounters('t', [r('a', 'held', 2), r('b', 'confirmed', 1), r('c', 'released', 7)], [cell()])).toEqual([]);
  });

  it('reports each tier that does not add up, and a reservation on a cell Redis does not have', () => {
    const drift = sumsAgainstCounters('t', [r('a', 'held', 3), { id: 'x', status: 'confirmed', allocations: [['w2', 'B', 1]] }], [cell()]);
    expect(drift.map((d) => [d.warehouse, d.sku, d.kind])).toEqual([
      ['w1', 'A', 'held_vs_reserved'], ['w1', 'A', 'confirmed_vs_committed'], ['w2', 'B', 'confirmed_vs_committed'],
    ]);
  });
});

describe('reservation drift', () => {
  it.each([
    ['confirmed', 'held', true, 'reservation_lagging'],
    ['held', null, true, 'reservation_lagging'],
    [null, 'held', false, 'reservation_missing_in_redis'],
    ['held', 'confirmed', false, 'reservation_status'],
    ['released', 'expired', false, 'reservation_status'],
  ] as const)('redis %s vs postgres %s: PostgreSQL behind %s, kind %s', (redis, pg, behind, kind) => {
    expect(pgBehind(redis, pg)).toBe(behind);
    expect(reservationDriftOf('t', 'r1', redis, pg)).toEqual({ tenant: 't', reservationId: 'r1', kind, redis, postgres: pg });
  });
});
