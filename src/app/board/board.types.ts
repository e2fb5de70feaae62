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

/** A reason an order waits for review (HoldReason of the order pool). */
export interface HoldView {
  readonly rule: string;
  readonly detail: string;
}

/** One of today's orders on hold, with its reasons. */
export interface HeldOrderView {
  readonly orderId: string;
  readonly channel: string;
  readonly externalId: string;
  readonly holds: readonly HoldView[];
  /** When it went on hold (ms). */
  readonly since: number;
  readonly currency: string;
  readonly totalMinor: number;
  readonly version: number;
}

/** Today's orders of one channel in one status now. */
export interface ChannelStatusCount {
  readonly channel: string;
  readonly status: string;
  readonly count: number;
}

/**
 * Topic `orders.pool`: today's orders of the order pool (by creation time in the board's time zone).
 * A snapshot carries every non-zero count and the held list; a delta the counts that changed (0:
 * drop it), the held orders added or changed and the ids that left the list. Scalars: always current.
 */
export interface OrderPoolData {
  readonly day: string;
  readonly timeZone: string;
  readonly dayStart: number;
  /** Orders created today. */
  readonly total: number;
  readonly counts: readonly ChannelStatusCount[];
  /** Newest first (by `since`), at most heldListMax. */
  readonly held: readonly HeldOrderView[];
  /** Delta only: order ids to drop from the held list. */
  readonly unheld: readonly string[];
  /** Today's orders on hold now (the list shows the newest heldListMax). */
  readonly heldCount: number;
  /** Median of paid → first release over the latest releaseSamplesMax releases of today's paid orders; 0 without any. */
  readonly paidToReleasedMs: number;
  /** How many releases the median is over. */
  readonly paidToReleasedSamples: number;
  /** Today's paid orders released so far (more than the samples once the window is full). */
  readonly paidToReleasedMeasured: number;
  /** Some of today's orders were dropped from tracking (ordersTrackedMax): they stay counted under their last known status. */
  readonly approximate: boolean;
}

export type TopicData = StockData | LowStockData | OrdersData | ExceptionsData | OrderPoolData;

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

/**
 * An order's state after a committed change (an order.changed event, or a PostgreSQL row at start).
 * Applies only with a version above the one held; only an update that knows the order's creation time
 * (its version-1 event, a row) starts tracking an order, and only when that is today.
 */
export interface OrderUpdate {
  readonly id: string;
  readonly channel: string;
  readonly externalId: string;
  /** An OrderStatus; any other string is ignored. */
  readonly status: string;
  readonly version: number;
  /** When this state was committed (ms): the event's time. */
  readonly at: number;
  /** When the order was created (ms), when known. */
  readonly createdAt?: number;
  /** When it was paid (ms); 0: not paid. */
  readonly paidAt: number;
  /** When it was first released (ms), when known: a released event's time, or the audit trail's. */
  readonly releasedAt?: number;
  /** When it went on hold (ms), when known (the audit trail); default `at` for a change into on_hold. */
  readonly heldSince?: number;
  readonly holds: readonly HoldView[];
  readonly currency: string;
  readonly totalMinor: number;
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
  /** Today's orders tracked one by one per tenant (the oldest dropped beyond it; PALLET_WS_ORDERS_TRACKED_MAX). */
  readonly ordersTrackedMax: number;
  /** Channels counted apart per tenant; orders of further channels are counted under `*`. */
  readonly orderChannelsMax: number;
  /** Held orders listed per tenant (newest; PALLET_WS_HELD_LIST_MAX). */
  readonly heldListMax: number;
  /** Latest paid → released times the median is over, per tenant (PALLET_WS_RELEASE_SAMPLES_MAX). */
  readonly releaseSamplesMax: number;
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
  ordersTrackedMax: 100_000,
  orderChannelsMax: 1_000,
  heldListMax: 200,
  releaseSamplesMax: 10_000,
});

export interface BoardStats {
  readonly tenants: number;
  readonly cells: number;
  readonly reservationsTracked: number;
  /** Today's orders tracked one by one, across tenants. */
  readonly ordersTracked: number;
  /** Updates refused by a bound (tenants, cells per tenant). */
  readonly refused: number;
}
