// Stock cells, lines and reservations.

export interface Line {
  readonly sku: string;
  readonly qty: number;
}

/** One (warehouse, sku) share of a reservation. */
export interface Allocation {
  readonly warehouse: string;
  readonly sku: string;
  readonly qty: number;
}

/** Stock of one SKU in one warehouse. available = onHand − reserved − committed. */
export interface StockCell {
  readonly onHand: number;
  readonly reserved: number;
  readonly committed: number;
  readonly inTransit: number;
  readonly safetyStock: number;
  /** Incremented on every change of the cell. */
  readonly version: number;
}

export const available = (c: StockCell): number => c.onHand - c.reserved - c.committed;

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
