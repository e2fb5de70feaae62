// The stock ledger (PostgreSQL, adapters/postgres/ledger.*.repo.ts implement
// it): what the projector writes to it (LedgerStore), what the ledger service
// reads for the API (LedgerQueries), and what reconcile and rebuild read
// (LedgerReader); and what they need from the hot stock state (Redis,
// RedisStockAdmin implements StockAdmin), beyond the StockEngine of the API.
import type { CellCounters, CellRef, ReservationStatus, StockCell, VersionedCounters } from '../core/stock.types.ts';

/** [warehouse, sku, qty] — a reservation's allocations as Redis stores them (field `alloc`). */
export type AllocationTuple = [string, string, number];

/** One cell as the ledger has it: the sums of its deltas over the rows counted. */
export interface LedgerCellSums extends CellRef, VersionedCounters {
  /** Highest cell_version among the rows counted (0 when there is none). */
  readonly version: number;
  /** Rows counted; equals `version` when no version is missing. */
  readonly rows: number;
}

export interface LedgerCellState extends LedgerCellSums {
  /** From the latest stock.set / stock.adjusted row (0 when the cell never had one). */
  readonly inTransit: number;
  readonly safetyStock: number;
  /** The post-state of the row with the highest version (what the sums must equal). */
  readonly latest: CellCounters;
}

export interface LedgerCellVersion extends CellAtVersion {
  readonly rows: number;
}

/** A cell and the version at which to sum its ledger. */
export type CellAtVersion = CellRef & Pick<StockCell, 'version'>;

export interface ReservationRecord {
  readonly id: string;
  readonly status: ReservationStatus;
  readonly lastSequence: number;
  readonly allocations: AllocationTuple[];
  /** null until the stock.reserved event is projected. */
  readonly expiresAtMs: number | null;
  readonly createdAtMs: number | null;
  readonly confirmedAtMs: number | null;
}

export interface LedgerReader {
  /** Every cell of the tenant with its highest version and row count. */
  ledgerCells(tenant: string): Promise<LedgerCellVersion[]>;
  /** Each given cell summed over its rows with cell_version ≤ the given version, in the order given. */
  ledgerSumsAt(tenant: string, cells: readonly CellAtVersion[]): Promise<LedgerCellSums[]>;
  /** Every cell of the tenant with the sums of all its rows, its latest post-state and side tiers. */
  ledgerSums(tenant: string): Promise<LedgerCellState[]>;
  /** Every held or confirmed reservation of the tenant, at most `max`. */
  allLiveReservations(tenant: string, max: number): Promise<ReservationRecord[]>;
  /** The reservations with these ids that PostgreSQL knows, any status. */
  reservationsByIds(tenant: string, ids: readonly string[]): Promise<ReservationRecord[]>;
  /** Tenant ids (catalog and ledger) in id order after `afterId`, at most `limit`. */
  tenantIds(limit: number, afterId?: string): Promise<string[]>;
  /** The tenant's catalog version (0 when it is not in the catalog). */
  catalogVersion(tenant: string): Promise<number>;
}

/**
 * What the projector needs from the ledger: a batch of events (decoded
 * envelopes, type `E`) written in one transaction, idempotent by event id;
 * `inserted` counts the events that were not there before. Throws on a
 * database error, and then nothing of the batch is written.
 */
export interface LedgerStore<E> {
  projectBatch(events: readonly E[]): Promise<{ inserted: number }>;
  /** Whether the database answers. */
  ping(): Promise<boolean>;
}

/** One row of a cell's ledger: the change an event made and the cell after it. */
/** One ledger row: the counters after the event (and its deltas) at the cell's version. */
export interface LedgerEntry extends VersionedCounters {
  readonly eventId: string;
  readonly type: string;
  readonly reservationId: string | null;
  readonly reason: string | null;
  readonly dOnHand: number;
  readonly dReserved: number;
  readonly dCommitted: number;
  /** Only on stock.set / stock.adjusted rows. */
  readonly inTransit: number | null;
  readonly safetyStock: number | null;
  readonly occurredAtMs: number;
  readonly recordedAtMs: number;
}

/** Keyset position in a cell's ledger: after (version, eventId). */
export interface LedgerCursor {
  readonly version: number;
  readonly eventId: string;
}

export interface LedgerPage {
  readonly items: LedgerEntry[];
  /** Where the next page starts; null on the last page. */
  readonly next: LedgerCursor | null;
}

export interface HistoryEntry {
  readonly eventId: string;
  readonly type: string;
  readonly status: ReservationStatus;
  readonly fromStatus: string | null;
  readonly sequence: number;
  readonly occurredAtMs: number;
  readonly recordedAtMs: number;
}

export interface ReservationHistory {
  /** The current state; null when no event of the reservation is projected. */
  readonly reservation: ReservationRecord | null;
  readonly events: HistoryEntry[];
}

/** What the API reads from the ledger (through the ledger service). */
export interface LedgerQueries {
  /** One page of a cell's ledger in version order, after `cursor` when given; `limit` at most 1000. */
  ledgerPage(tenant: string, warehouse: string, sku: string, cursor: LedgerCursor | null, limit: number): Promise<LedgerPage>;
  /** The reservation's current state and its projected events, in sequence order. */
  reservationHistory(tenant: string, id: string): Promise<ReservationHistory>;
}

/** A stock cell as Redis holds it (the counters at its version; the side tiers are not read). */
export type HotCell = CellRef & VersionedCounters;

/** A reservation as Redis holds it (any status). */
export interface HotReservation {
  readonly id: string;
  readonly status: string;
  readonly allocations: AllocationTuple[];
}

/** A held or confirmed reservation with every field Redis keeps. */
export interface LiveReservation {
  readonly id: string;
  readonly status: 'held' | 'confirmed';
  readonly createdAtMs: number;
  readonly expiresAtMs: number;
  readonly confirmedAtMs: number | null;
  readonly allocations: readonly AllocationTuple[];
}

export type SetCellOutcome = 'written' | 'stale' | 'invalid';
export type RestoreOutcome = 'restored' | 'present';

export interface StockAdmin {
  /** Every stock cell of the tenant (by SCAN), at most `max`. */
  cells(tenant: string, max: number): Promise<HotCell[]>;
  /** The given cells as they are now; null for a cell with no key. */
  cellsNow(tenant: string, cells: readonly CellRef[]): Promise<(HotCell | null)[]>;
  /** Every reservation of the tenant (by SCAN); null when there are more than `max`. */
  reservations(tenant: string, max: number): Promise<HotReservation[] | null>;
  /** The status of each reservation now (null: no such reservation). */
  reservationStatuses(tenant: string, ids: readonly string[]): Promise<Map<string, string | null>>;
  /**
   * Sets a cell, compare-and-set: only when its version is still
   * `expectedVersion` (null: only when the cell does not exist). 'invalid' when
   * the levels break a stock invariant.
   */
  setCell(tenant: string, warehouse: string, sku: string, expectedVersion: number | null, to: StockCell): Promise<SetCellOutcome>;
  /** Puts back a live reservation (and its expiry index entry when held) unless Redis has it. */
  restoreReservation(tenant: string, r: LiveReservation): Promise<RestoreOutcome>;
  /** Raises the tenant's catalog version in Redis to at least `version`. */
  publishCatalogVersion(tenant: string, version: number): Promise<number>;
}
