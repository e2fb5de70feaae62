// Drift between the hot stock state (Redis) and the stock ledger
// (PostgreSQL): the kinds, and the pure comparisons reconcile makes once it
// has read both sides (reconcile.service.ts does the reading, the waiting for
// a lagging ledger and the repair).
import type { CellCounters, CellRef, VersionedCounters } from '../core/stock.types.ts';
import type { HotCell, HotReservation, LedgerCellSums } from './ledger.port.ts';

export type CellDriftKind =
  /** Same version, different counters: Redis was changed outside the scripts (or the ledger row is wrong). */
  | 'counters'
  /** The ledger has a version Redis does not: Redis lost changes (e.g. restored from an older AOF). */
  | 'redis_behind'
  /** The ledger has the cell, Redis has no key for it. */
  | 'missing_in_redis'
  /** Rows missing (or doubled) below the compared version: events never reached PostgreSQL (dead-lettered?). */
  | 'ledger_gap'
  /** The ledger did not reach the Redis version within the re-check window (projector stopped or far behind). */
  | 'lagging'
  /** Redis: the held reservations of the cell do not sum to its reserved counter. */
  | 'held_vs_reserved'
  /** Redis: the confirmed reservations of the cell do not sum to its committed counter. */
  | 'confirmed_vs_committed';

export interface CellDrift extends CellRef {
  readonly tenant: string;
  readonly kind: CellDriftKind;
  readonly redis: VersionedCounters | null;
  /** Ledger sums at the compared version (for held/confirmed kinds: the reservation sums in `detail`). */
  readonly ledger: VersionedCounters | null;
  readonly detail?: string;
  /** Set by a repair: true when the cell was set from the ledger. */
  repaired?: boolean;
}

export type ReservationDriftKind =
  /** Redis and PostgreSQL disagree on a reservation and PostgreSQL is not merely behind. */
  | 'reservation_status'
  /** PostgreSQL has a live reservation Redis does not have at all. */
  | 'reservation_missing_in_redis'
  /** PostgreSQL stayed behind Redis for the whole re-check window. */
  | 'reservation_lagging';

export interface ReservationDrift {
  readonly tenant: string;
  readonly reservationId: string;
  readonly kind: ReservationDriftKind;
  readonly redis: string | null;
  readonly postgres: string | null;
}

export const cellName = (warehouse: string, sku: string): string => `${warehouse}/${sku}`;

export const byCell = (a: CellRef, b: CellRef): number =>
  (a.warehouse < b.warehouse ? -1 : a.warehouse > b.warehouse ? 1 : a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);

export const countersOf = (s: LedgerCellSums | HotCell): VersionedCounters => ({ onHand: s.onHand, reserved: s.reserved, committed: s.committed, version: s.version });

export const sameCounters = (a: CellCounters, b: CellCounters): boolean =>
  a.onHand === b.onHand && a.reserved === b.reserved && a.committed === b.committed;

/** A Redis cell against the ledger summed up to the cell's version (the ledger has reached it). */
export function compareAt(tenant: string, c: HotCell, s: LedgerCellSums): CellDrift[] {
  const base = { tenant, warehouse: c.warehouse, sku: c.sku, redis: countersOf(c), ledger: countersOf(s) };
  if (s.rows !== c.version) return [{ ...base, kind: 'ledger_gap', detail: `${s.rows} ledger rows for versions 1..${c.version}` }];
  if (!sameCounters(c, s)) return [{ ...base, kind: 'counters' }];
  return [];
}

/** Per cell: held reservations must sum to reserved, confirmed ones to committed. */
export function sumsAgainstCounters(tenant: string, reservations: readonly HotReservation[], cells: readonly HotCell[]): CellDrift[] {
  const sums = new Map<string, CellRef & { held: number; confirmed: number }>();
  const sumOf = (warehouse: string, sku: string) => {
    let s = sums.get(cellName(warehouse, sku));
    if (s === undefined) sums.set(cellName(warehouse, sku), s = { warehouse, sku, held: 0, confirmed: 0 });
    return s;
  };
  for (const r of reservations) {
    if (r.status !== 'held' && r.status !== 'confirmed') continue;
    for (const [warehouse, sku, qty] of r.allocations) {
      if (r.status === 'held') sumOf(warehouse, sku).held += qty;
      else sumOf(warehouse, sku).confirmed += qty;
    }
  }
  for (const c of cells) sumOf(c.warehouse, c.sku);
  const byName = new Map(cells.map((c) => [cellName(c.warehouse, c.sku), c]));
  const out: CellDrift[] = [];
  for (const [name, s] of sums) {
    const c = byName.get(name) ?? null;
    const base = { tenant, warehouse: s.warehouse, sku: s.sku, redis: c && countersOf(c), ledger: null };
    if (s.held !== (c?.reserved ?? 0)) out.push({ ...base, kind: 'held_vs_reserved', detail: `held reservations sum to ${s.held}, reserved is ${c?.reserved ?? 0}` });
    if (s.confirmed !== (c?.committed ?? 0)) out.push({ ...base, kind: 'confirmed_vs_committed', detail: `confirmed reservations sum to ${s.confirmed}, committed is ${c?.committed ?? 0}` });
  }
  return out.sort(byCell);
}

/** Order of reservation states: a later state has a higher rank; the final states share the top rank. */
const rank = (s: string | null): number => (s === null ? 0 : s === 'held' ? 1 : s === 'confirmed' ? 2 : 3);

/** PostgreSQL has not yet seen the event that gave Redis its status. */
export const pgBehind = (redis: string | null, pg: string | null): boolean => rank(redis) > rank(pg);

/** How a reservation Redis and PostgreSQL still disagree on drifted, after the re-checks. */
export function reservationDriftOf(tenant: string, id: string, redis: string | null, postgres: string | null): ReservationDrift {
  const kind: ReservationDriftKind = pgBehind(redis, postgres) ? 'reservation_lagging' : redis === null ? 'reservation_missing_in_redis' : 'reservation_status';
  return { tenant, reservationId: id, kind, redis, postgres };
}
