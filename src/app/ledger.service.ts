// Reads of the stock ledger for the API: a cell's ledger page by page, and a
// reservation's recorded history. PostgreSQL is fed by the projector, so both
// may trail Redis by the events in flight.
import { assert, domainError, fail, ok, type Result } from '../core/errors.ts';
import type { HistoryEntry, LedgerCursor, LedgerPage, LedgerQueries, ReservationRecord } from './ledger.port.ts';

export const ledgerPageLimitDefault = 100;
export const ledgerPageLimitMax = 500;

/** A reservation PostgreSQL has recorded: its current state and its events in sequence order. */
export interface RecordedReservation {
  readonly reservation: ReservationRecord;
  readonly events: HistoryEntry[];
}

export class LedgerService {
  constructor(private readonly ledger: LedgerQueries) {}

  /** One page of a cell's ledger in version order, after `cursor` when given; `limit` in 1..ledgerPageLimitMax. */
  page(tenant: string, warehouse: string, sku: string, cursor: LedgerCursor | null, limit = ledgerPageLimitDefault): Promise<LedgerPage> {
    assert(Number.isSafeInteger(limit) && limit >= 1 && limit <= ledgerPageLimitMax, `ledger page limit ${limit} outside 1..${ledgerPageLimitMax}`);
    return this.ledger.ledgerPage(tenant, warehouse, sku, cursor, limit);
  }

  /** The reservation's recorded history; RESERVATION_NOT_FOUND while no event of it is projected. */
  async history(tenant: string, id: string): Promise<Result<RecordedReservation>> {
    const h = await this.ledger.reservationHistory(tenant, id);
    if (h.reservation === null || h.events.length === 0) return fail(domainError('RESERVATION_NOT_FOUND', `reservation ${id} has no recorded history`));
    return ok({ reservation: h.reservation, events: h.events });
  }
}
