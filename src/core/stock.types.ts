// Stock cells, lines and reservations.

export interface Line {
  readonly sku: string;
  readonly qty: number;
}

// ---- the stock cell family: every type that describes a cell builds on these ----------------

/** Where a stock cell is: one SKU in one warehouse. */
export interface CellRef {
  readonly warehouse: string;
  readonly sku: string;
}

/** The three counters reservations move. available = onHand − reserved − committed. */
export interface CellCounters {
  readonly onHand: number;
  readonly reserved: number;
  readonly committed: number;
}

/** The counters and the two side tiers (only set/adjust change those). */
export interface CellLevels extends CellCounters {
  readonly inTransit: number;
  readonly safetyStock: number;
}

/** Stock of one SKU in one warehouse: its levels at a version. */
export interface StockCell extends CellLevels {
  /** Incremented on every change of the cell. */
  readonly version: number;
}

/** The counters at a version (what an event's cell change, the drift check and a Redis cell read carry). */
export type VersionedCounters = CellCounters & Pick<StockCell, 'version'>;

/** A StockCell its owner changes in place (the in-memory engine, the board). */
export type MutableCell = { -readonly [K in keyof StockCell]: StockCell[K] };

/** One (warehouse, sku) share of a reservation. */
export interface Allocation extends CellRef {
  readonly qty: number;
}

export const available = (c: CellCounters): number => c.onHand - c.reserved - c.committed;

export const emptyCell: StockCell = Object.freeze({ onHand: 0, reserved: 0, committed: 0, inTransit: 0, safetyStock: 0, version: 0 });

/** True when the cell satisfies every stock invariant. */
export function cellIsValid(c: StockCell): boolean {
  return c.onHand >= 0 && c.reserved >= 0 && c.committed >= 0 && c.inTransit >= 0 && c.safetyStock >= 0 &&
    c.onHand >= c.reserved + c.committed;
}

export type ReservationStatus = 'held' | 'confirmed' | 'released' | 'expired' | 'fulfilled';

export interface Reservation {
  readonly id: string;
  readonly status: ReservationStatus;
  readonly createdAtMs: number;
  readonly expiresAtMs: number;
  readonly allocations: readonly Allocation[];
}

/** A component the cart needs more of than the chosen warehouses hold. */
export interface ShortLine {
  readonly sku: string;
  readonly requested: number;
  readonly available: number;
}
