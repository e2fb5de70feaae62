// The ledger service between the ledger routes and the ledger port, with an
// in-memory LedgerQueries (the PostgreSQL side is tested in
// test/pipeline/projector.test.ts).
import { describe, expect, it } from 'vitest';
import type { HistoryEntry, LedgerPage, LedgerQueries, ReservationHistory, ReservationRecord } from '../../src/app/ledger.port.ts';
import { LedgerService, ledgerPageLimitDefault, ledgerPageLimitMax } from '../../src/app/ledger.service.ts';

const record: ReservationRecord = {
  id: 'r1', status: 'held', lastSequence: 1, allocations: [['w1', 'A', 2]], expiresAtMs: 2_000, createdAtMs: 1_000, confirmedAtMs: null,
};
const event: HistoryEntry = { eventId: 'e1', type: 'stock.reserved', status: 'held', fromStatus: null, sequence: 1, occurredAtMs: 1_000, recordedAtMs: 1_001 };

function queries(history: ReservationHistory): LedgerQueries & { pages: unknown[][] } {
  const pages: unknown[][] = [];
  return {
    pages,
    async ledgerPage(...args): Promise<LedgerPage> {
      pages.push(args);
      return { items: [], next: null };
    },
    async reservationHistory() {
      return history;
    },
  };
}

describe('LedgerService.history', () => {
  it('answers the recorded reservation with its events', async () => {
    const r = await new LedgerService(queries({ reservation: record, events: [event] })).history('t1', 'r1');
    expect(r).toEqual({ ok: true, value: { reservation: record, events: [event] } });
  });

  it.each([
    ['no reservation row', { reservation: null, events: [event] }],
    ['no event', { reservation: record, events: [] }],
    ['nothing', { reservation: null, events: [] }],
  ])('is RESERVATION_NOT_FOUND when PostgreSQL has %s', async (_, history) => {
    const r = await new LedgerService(queries(history)).history('t1', 'r1');
    expect(r).toMatchObject({ ok: false, error: { code: 'RESERVATION_NOT_FOUND', detail: 'reservation r1 has no recorded history' } });
  });
});

describe('LedgerService.page', () => {
  it('reads the page the caller asked for, with the default limit when none is given', async () => {
    const q = queries({ reservation: null, events: [] });
    const service = new LedgerService(q);
    await service.page('t1', 'w1', 'A', null);
    await service.page('t1', 'w1', 'A', { version: 3, eventId: 'e3' }, ledgerPageLimitMax);
    expect(q.pages).toEqual([['t1', 'w1', 'A', null, ledgerPageLimitDefault], ['t1', 'w1', 'A', { version: 3, eventId: 'e3' }, ledgerPageLimitMax]]);
  });

  it.each([0, ledgerPageLimitMax + 1, 1.5])('refuses limit %s as a programmer error (the route validates it)', (limit) => {
    const q = queries({ reservation: null, events: [] });
    expect(() => new LedgerService(q).page('t1', 'w1', 'A', null, limit)).toThrow(/limit/);
    expect(q.pages).toEqual([]);
  });
});
