// One tenant's orders of today for the orders.pool topic: counts by channel ×
// current status, the orders on hold with their reasons, and the median time
// from paid to the first release. Pure: fed OrderUpdates (order.changed
// events, PostgreSQL rows at start), read as snapshots and deltas.
//
// - An order is counted once, under its latest status: a bounded map of
//   today's orders (order id → channel, status, version) moves it from one
//   count to another; an update whose version is not above the one held
//   changes nothing (events repeat, and a start-up snapshot is followed by
//   events it already reflects). Past ordersTrackedMax the oldest order is
//   dropped from the map but stays counted under its last status
//   (`approximate` from then on).
// - An order enters only with its creation time, when that is today (its
//   version-1 event, or a row): a later event of an order the map does not
//   hold is of an earlier day, or dropped.
// - Paid → released: when an order is first seen released (a released event,
//   or the audit trail's first release at start), released time − paid time
//   goes into a sliding window of the latest releaseSamplesMax (exact median
//   over it). An order released, held again and released again counts once.
// - `since` of a held order: when it went on hold — from the audit trail at
//   start, else the time of the first on_hold version the board applied in
//   the current run (a later version of the same run arriving before an
//   earlier one makes it later; the earlier one is then stale).
// - Likewise the first release the board applies is the one timed.
import { orderStatuses, type OrderStatus } from '../../core/order.types.ts';
import type { BoardOptions, ChannelStatusCount, HoldView, OrderPoolData, OrderUpdate } from './board.types.ts';
import type { Day } from './day.ts';
import { HeldOrders, type HeldDelta } from './held.orders.ts';
import { SlidingMedian } from './sliding.median.ts';

/** Where orders of channels beyond orderChannelsMax are counted. */
export const otherChannels = '*';
/** Hold reasons shown per order, and the length of a reason's detail (a rule's detail may quote buyer text). */
const holdsShownMax = 20;
const holdDetailLengthMax = 300;
const textLengthMax = 200;

const statusRank: ReadonlyMap<string, number> = new Map(orderStatuses.map((s, i) => [s, i]));

interface Tracked {
  /** The channel the order is counted under (`*` beyond orderChannelsMax). */
  readonly counted: string;
  status: OrderStatus;
  version: number;
  released: boolean;
}

/** What the pool contributes to an orders.pool frame (the day fields are the board's). */
export type PoolData = Omit<OrderPoolData, 'day' | 'timeZone' | 'dayStart'>;

const countKey = (channel: string, status: string): string => `${channel}\u0000${status}`;
const isToday = (ms: number, today: Day): boolean => ms >= today.startMs && ms < today.endMs;

export class OrderPool {
  private readonly orders = new Map<string, Tracked>();
  /** channel × status → count (no zero entries). */
  private readonly counts = new Map<string, number>();
  private readonly dirtyCounts = new Set<string>();
  private readonly channels = new Set<string>();
  private readonly held: HeldOrders;
  private readonly releases: SlidingMedian;
  private total = 0;
  private measured = 0;
  private dropped = 0;
  dirty = false;

  constructor(private readonly opts: Pick<BoardOptions, 'ordersTrackedMax' | 'orderChannelsMax' | 'heldListMax' | 'releaseSamplesMax'>) {
    this.held = new HeldOrders(opts.heldListMax);
    this.releases = new SlidingMedian(opts.releaseSamplesMax);
  }

  get tracked(): number {
    return this.orders.size;
  }

  /** Applies an order's state; true when the topic changed. */
  apply(u: OrderUpdate, today: Day): boolean {
    const status = statusRank.has(u.status) ? (u.status as OrderStatus) : null;
    if (status === null || !Number.isSafeInteger(u.version)) return false;
    let o = this.orders.get(u.id);
    if (o === undefined) {
      if (u.createdAt === undefined || !isToday(u.createdAt, today)) return false;
      o = this.track(u.id, u.channel, status, u.version);
    } else {
      if (u.version <= o.version) return false;
      this.count(o.counted, o.status, -1);
      o.status = status;
      o.version = u.version;
      this.count(o.counted, status, +1);
    }
    this.hold(u, o);
    if (u.releasedAt !== undefined && !o.released) {
      o.released = true;
      if (u.paidAt > 0) {
        this.releases.add(Math.max(0, u.releasedAt - u.paidAt));
        this.measured++;
      }
    }
    this.dirty = true;
    return true;
  }

  /** A new day: nothing tracked, counted or held; the next delta drops yesterday's counts and list. */
  resetDay(): void {
    for (const key of this.counts.keys()) this.dirtyCounts.add(key);
    this.counts.clear();
    this.orders.clear();
    this.channels.clear();
    this.held.reset();
    this.releases.clear();
    this.total = 0;
    this.measured = 0;
    this.dropped = 0;
    this.dirty = true;
  }

  /** The whole value: every non-zero count and the held list. */
  snapshot(): PoolData {
    const counts = [...this.counts].map(([key, count]) => countOf(key, count));
    return { ...this.scalars(), counts: sortCounts(counts), held: this.held.list(), unheld: [] };
  }

  /** What changed since the last delta (latest value per key); clears it. */
  takeDelta(): PoolData {
    const counts = [...this.dirtyCounts].map((key) => countOf(key, this.counts.get(key) ?? 0));
    this.dirtyCounts.clear();
    const held: HeldDelta = this.held.takeDelta() ?? { held: [], unheld: [] };
    this.dirty = false;
    return { ...this.scalars(), counts: sortCounts(counts), held: held.held, unheld: held.unheld };
  }

  private scalars(): Omit<PoolData, 'counts' | 'held' | 'unheld'> {
    return {
      total: this.total, heldCount: this.held.size, paidToReleasedMs: this.releases.median(),
      paidToReleasedSamples: this.releases.size, paidToReleasedMeasured: this.measured, approximate: this.dropped > 0,
    };
  }

  private track(id: string, channel: string, status: OrderStatus, version: number): Tracked {
    if (this.orders.size >= this.opts.ordersTrackedMax) {
      // Map order is insertion order: the first key is the order tracked longest. It stays counted.
      const oldest = this.orders.keys().next().value!;
      this.orders.delete(oldest);
      this.held.delete(oldest);
      this.dropped++;
    }
    const name = channel.slice(0, textLengthMax);
    if (!this.channels.has(name) && this.channels.size < this.opts.orderChannelsMax) this.channels.add(name);
    const o: Tracked = { counted: this.channels.has(name) ? name : otherChannels, status, version, released: false };
    this.orders.set(id, o);
    this.total++;
    this.count(o.counted, status, +1);
    return o;
  }

  private count(channel: string, status: string, by: number): void {
    const key = countKey(channel, status);
    const n = (this.counts.get(key) ?? 0) + by;
    if (n > 0) this.counts.set(key, n);
    else this.counts.delete(key);
    this.dirtyCounts.add(key);
  }

  /** On the held list while on_hold (since: when it went on hold), off it otherwise. */
  private hold(u: OrderUpdate, o: Tracked): void {
    if (o.status !== 'on_hold') {
      this.held.delete(u.id);
      return;
    }
    const since = this.held.get(u.id)?.since ?? u.heldSince ?? u.at;
    this.held.set({
      orderId: u.id, channel: u.channel.slice(0, textLengthMax), externalId: u.externalId.slice(0, textLengthMax), holds: boundedHolds(u.holds),
      since, currency: u.currency.slice(0, 8), totalMinor: u.totalMinor, version: u.version,
    });
  }
}

function boundedHolds(holds: readonly HoldView[]): HoldView[] {
  return holds.slice(0, holdsShownMax).map((h) => ({ rule: h.rule.slice(0, textLengthMax), detail: h.detail.slice(0, holdDetailLengthMax) }));
}

function countOf(key: string, count: number): ChannelStatusCount {
  const cut = key.indexOf('\u0000');
  return { channel: key.slice(0, cut), status: key.slice(cut + 1), count };
}

/** By channel, then by status in lifecycle order. */
function sortCounts(counts: ChannelStatusCount[]): ChannelStatusCount[] {
  return counts.sort((a, b) => (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0)
    || (statusRank.get(a.status) ?? 0) - (statusRank.get(b.status) ?? 0));
}

