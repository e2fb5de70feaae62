// What the board shows: the `data` of dashboard frames
// (proto/pallet/dashboard/v1/frames.proto), and what the aggregator feeds it.
import type { CellLevels, CellRef, ReservationStatus, StockCell, VersionedCounters } from '../../core/stock.types.ts';
import type { TopicKind } from './topics.ts';

/** A cell as the stock and low-stock topics show it. */
export interface CellView extends CellRef, StockCell {
  readonly available: number;
  readonly low: boolean;
  readonly at: number;
}

export interface Named { readonly id: string; readonly name: string }

/** A bundle and the stocked SKUs one unit of it takes (nested bundles expanded). */
export interface BundleView {
  readonly sku: string;
  readonly components: readonly { readonly sku: string; readonly qty: number }[];
}

export interface StockData {
  readonly cells: readonly CellView[];
  /** Snapshots only, from the catalog (the fanout adds them); deltas carry none. */
  readonly warehouses: readonly Named[];
  readonly skus: readonly Named[];
  readonly bundles: readonly BundleView[];
}

export interface LowStockData {
  readonly items: readonly CellView[];
  readonly removed: readonly CellRef[];
}

export interface OrdersData {
  readonly day: string;
  readonly timeZone: string;
  readonly dayStart: number;
  readonly total: number;
  readonly completed: number;
  readonly pending: number;
  readonly held: number;
  readonly confirmed: number;
  readonly cancelled: number;
  readonly exceptions: number;
  readonly approximate: boolean;
}

export interface OrphanedPaymentView {
  readonly paymentId: string;
  readonly reservationId: string;
  readonly reason: string;
  readonly resolution: string;
  readonly newReservationId: string;
  readonly at: number;
}

export interface DriftItem extends CellRef {
  /** counters, redis_behind, missing_in_redis, ledger_gap, lagging, held_vs_reserved, ... */
  readonly kind: string;
  readonly redis: VersionedCounters | null;
  readonly ledger: VersionedCounters | null;
  readonly detail: string;
}

export interface DriftView {
  readonly cells: number;
  readonly checkedAt: number;
  readonly items: readonly DriftItem[];
}

/** The one kind of dead-letter exception so far (DeadLetterView.kind). */
export const deadLetterKind = 'event.dead_lettered';

/**
 * An event a consumer gave up on and copied to the dead-letter stream
 * (`<ns>_dlq.<consumer>.<subject>`): the projector's means the ledger lacks it
 * (Redis and the ledger disagree until someone acts), the payments consumer's
 * that a payment was not applied. Always an alarm.
 */
export interface DeadLetterView {
  /** `event.dead_lettered`. */
  readonly kind: string;
  /** Its sequence in the dead-letter stream: unique, what a client merges by. */
  readonly seq: number;
  /** projector, payments, relay, ... */
  readonly consumer: string;
  /** The event's subject in the events stream. */
  readonly subject: string;
  /** '' when the message is not a decodable event. */
  readonly eventId: string;
  readonly eventType: string;
  /** The consumer's reason (Pallet-Dead-Reason header), '' if none. */
  readonly reason: string;
  /** When it was dead-lettered (ms). */
  readonly at: number;
}

export interface ExceptionsData {
  readonly payments: readonly OrphanedPaymentView[];
  readonly paymentsToday: number;
  readonly drift: DriftView | null;
  readonly deadLetters: readonly DeadLetterView[];
  readonly deadLettersToday: number;
}

export type TopicData = StockData | LowStockData | OrdersData | ExceptionsData;

export interface TopicState<D extends TopicData = TopicData> {
  readonly seq: number;
  readonly data: D;
}

export interface TopicDelta {
  readonly tenant: string;
  readonly topic: string;
  readonly kind: TopicKind;
  readonly seq: number;
  readonly data: TopicData;
}

// ---- inputs ------------------------------------------------------------------------------------

/**
 * A cell's counters after a change (from an event's CellChange or a Redis read). Only stock.set /
 * stock.adjusted events and snapshots carry the side tiers (inTransit, safetyStock).
 */
export interface CellUpdate extends CellRef, VersionedCounters, Partial<Pick<CellLevels, 'inTransit' | 'safetyStock'>> {
  /** Event time (ms); 0 for a start-up snapshot. */
  readonly at: number;
}

/** A reservation's status after an event (or as PostgreSQL has it). */
export interface ReservationUpdate {
  readonly id: string;
  readonly status: ReservationStatus;
  /** Envelope.sequence: reserved 1, confirmed/expired/released-from-held 2, fulfilled/released-from-confirmed 3. */
  readonly sequence: number;
  /** When it was created (ms): known from stock.reserved and from PostgreSQL, not from later events. */
  readonly createdAt?: number;
}

// ---- bounds ------------------------------------------------------------------------------------

export interface BoardOptions {
  /** IANA time zone of "today" (orders.today). */
  readonly timeZone: string;
  readonly tenantsMax: number;
  readonly cellsPerTenantMax: number;
  /** Reservations created today, tracked one by one across all tenants (for the status split). */
  readonly reservationsTrackedMax: number;
  /** Orphaned payments kept per tenant for the exceptions topic (newest). */
  readonly paymentsListMax: number;
  /** Orphaned payment ids remembered per tenant for today's count. */
  readonly paymentsTodayMax: number;
  readonly driftItemsMax: number;
  /** Dead-lettered events kept per tenant for the exceptions topic (newest). */
  readonly deadLettersListMax: number;
  /** Dead-lettered events remembered per tenant for today's count. */
  readonly deadLettersTodayMax: number;
}

export const boardDefaults: BoardOptions = Object.freeze({
  timeZone: 'UTC',
  tenantsMax: 10_000,
  cellsPerTenantMax: 100_000,
  reservationsTrackedMax: 2_000_000,
  paymentsListMax: 100,
  paymentsTodayMax: 100_000,
  driftItemsMax: 100,
  deadLettersListMax: 100,
  deadLettersTodayMax: 100_000,
});

export interface BoardStats {
  readonly tenants: number;
  readonly cells: number;
  readonly reservationsTracked: number;
  /** Updates refused by a bound (tenants, cells per tenant). */
  readonly refused: number;
}
