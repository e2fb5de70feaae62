// The dashboard board: what operators watch live, per tenant — stock cells
// (tiers per warehouse), the low-stock list, today's order counts and the
// exceptions — kept from events and start-up snapshots, and turned into
// per-topic snapshots and coalesced deltas.
//
// No I/O: the aggregator role feeds it (Redis/PostgreSQL snapshot, then
// JetStream events), the fanout role reads it. The clock is injected.
//
// Idempotence: a cell update applies only when its version is higher than the
// known one; a reservation moves only to a higher sequence; an orphaned
// payment counts once per payment id. Feeding the same event twice, or a
// snapshot and then events it already reflects, changes nothing.
//
// Coalescing: changes mark keys dirty (a cell, the order counts, the
// exceptions); flush() turns every dirty key into its latest value, once, in
// one delta per (tenant, topic) with the topic's next sequence number. How
// often flush runs is the caller's window.
import type { ReservationStatus } from '../core/stock.types.ts';
import type { Clock } from './catalog.port.ts';
import type { CellCounters } from './ledger.port.ts';

// ---- topics ------------------------------------------------------------------------------------

export type TopicKind = 'orders' | 'stockAll' | 'stockSku' | 'stockLow' | 'exceptions';

export interface Topic {
  readonly name: string;
  readonly kind: TopicKind;
  /** Only for stockSku. */
  readonly sku?: string;
}

// A Map, never a plain object: a client's topic name must not reach inherited
// properties (`constructor`, `__proto__`, `toString`, ...).
const fixedTopics: ReadonlyMap<string, TopicKind> = new Map<string, TopicKind>([
  ['orders.today', 'orders'], ['stock.all', 'stockAll'], ['stock.low', 'stockLow'], ['exceptions', 'exceptions'],
]);
const skuTopicPrefix = 'stock.sku.';

/** The topic of a subscription name, or null for a name no topic has (any input: it comes from clients). */
export function parseTopic(name: unknown, skuLengthMax = 64): Topic | null {
  if (typeof name !== 'string') return null;
  const kind = fixedTopics.get(name);
  if (kind !== undefined) return { name, kind };
  if (!name.startsWith(skuTopicPrefix)) return null;
  const sku = name.slice(skuTopicPrefix.length);
  if (sku.length < 1 || sku.length > skuLengthMax || !/^[A-Za-z0-9._-]+$/.test(sku)) return null;
  return { name, kind: 'stockSku', sku };
}

export const skuTopic = (sku: string): string => `${skuTopicPrefix}${sku}`;

// ---- data shapes (the `data` of frames; proto/pallet/dashboard/v1/frames.proto) ------------------

export interface CellView {
  readonly warehouse: string;
  readonly sku: string;
  readonly onHand: number;
  readonly reserved: number;
  readonly committed: number;
  readonly inTransit: number;
  readonly safetyStock: number;
  readonly available: number;
  readonly low: boolean;
  readonly version: number;
  readonly at: number;
}

export interface Named { readonly id: string; readonly name: string }
export interface CellRef { readonly warehouse: string; readonly sku: string }

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

export interface DriftCounters {
  readonly onHand: number;
  readonly reserved: number;
  readonly committed: number;
  readonly version: number;
}

export interface DriftItem {
  readonly warehouse: string;
  readonly sku: string;
  /** counters, redis_behind, missing_in_redis, ledger_gap, lagging, held_vs_reserved, ... */
  readonly kind: string;
  readonly redis: DriftCounters | null;
  readonly ledger: DriftCounters | null;
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

/** A cell's counters after a change (from an event's CellChange or a Redis read). */
export interface CellUpdate extends CellCounters {
  /** Event time (ms); 0 for a start-up snapshot. */
  readonly at: number;
  /** Only stock.set / stock.adjusted events and snapshots carry the side tiers. */
  readonly inTransit?: number;
  readonly safetyStock?: number;
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

// ---- state -------------------------------------------------------------------------------------

interface CellState {
  readonly warehouse: string;
  readonly sku: string;
  onHand: number;
  reserved: number;
  committed: number;
  inTransit: number;
  safetyStock: number;
  version: number;
  at: number;
  view: CellView | null;
}

const statusCodes: ReadonlyMap<string, number> = new Map<ReservationStatus, number>([
  ['held', 0], ['confirmed', 1], ['released', 2], ['expired', 3], ['fulfilled', 4],
]);
/** A tracked reservation is one number: sequence * 8 + status code. */
const pack = (sequence: number, code: number): number => sequence * 8 + code;

class TenantBoard {
  readonly cells = new Map<string, CellState>();
  readonly bySku = new Map<string, Map<string, CellState>>();
  readonly dirtyCells = new Set<CellState>();
  /** Cells the last stock.low frame showed as low. */
  readonly lowShown = new Set<CellState>();
  readonly skuSeq = new Map<string, number>();
  seqStock = 0;
  seqLow = 0;
  seqOrders = 0;
  seqExceptions = 0;
  readonly reservations = new Map<string, number>();
  readonly counts = [0, 0, 0, 0, 0];
  /** Created today but not tracked one by one (over reservationsTrackedMax). */
  untracked = 0;
  ordersDirty = false;
  readonly paymentsToday = new Set<string>();
  /** Newest first. */
  payments: OrphanedPaymentView[] = [];
  readonly paymentIds = new Set<string>();
  newPayments: OrphanedPaymentView[] = [];
  drift: DriftView | null = null;
  /** Newest first. */
  readonly deadLetters: DeadLetterView[] = [];
  readonly deadLetterSeqs = new Set<number>();
  newDeadLetters: DeadLetterView[] = [];
  readonly deadLettersToday = new Set<number>();
  exceptionsDirty = false;

  constructor(readonly id: string) {}
}

export interface Day { readonly day: string; readonly startMs: number; readonly endMs: number }

export class Board {
  private readonly tenants = new Map<string, TenantBoard>();
  private readonly dirtyTenants = new Set<TenantBoard>();
  private readonly opts: BoardOptions;
  private readonly dayOf: (ms: number) => Day;
  private today: Day;
  private tracked = 0;
  private refused = 0;
  private listener: (() => void) | null = null;

  constructor(private readonly clock: Clock, opts: Partial<BoardOptions> = {}) {
    this.opts = { ...boardDefaults, ...opts };
    for (const [k, v] of Object.entries(this.opts)) {
      if (k !== 'timeZone' && !(Number.isSafeInteger(v) && (v as number) >= 1)) throw new Error(`board option ${k} must be a positive integer`);
    }
    this.dayOf = dayCalculator(this.opts.timeZone);
    this.today = this.dayOf(clock.nowMs());
  }

  /** Called once each time the board goes from nothing pending to something pending (and at once if it has some). */
  onPending(listener: (() => void) | null): void {
    this.listener = listener;
    if (listener !== null && this.hasPending()) listener();
  }

  hasPending(): boolean {
    return this.dirtyTenants.size > 0;
  }

  /** Today in the board's time zone: YYYY-MM-DD and [startMs, endMs). */
  day(): Day {
    this.rollover();
    return this.today;
  }

  tenantIds(): string[] {
    return [...this.tenants.keys()];
  }

  stats(): BoardStats {
    let cells = 0;
    for (const t of this.tenants.values()) cells += t.cells.size;
    return { tenants: this.tenants.size, cells, reservationsTracked: this.tracked, refused: this.refused };
  }

  // ---- inputs ----------------------------------------------------------------------------------

  /** Applies a cell's counters when their version is higher than the known one; true when applied. */
  applyCell(tenant: string, u: CellUpdate): boolean {
    const t = this.tenant(tenant);
    if (t === null) return false;
    const key = `${u.warehouse}/${u.sku}`;
    let c = t.cells.get(key);
    if (c === undefined) {
      if (t.cells.size >= this.opts.cellsPerTenantMax) {
        this.refused++;
        return false;
      }
      c = { warehouse: u.warehouse, sku: u.sku, onHand: 0, reserved: 0, committed: 0, inTransit: 0, safetyStock: 0, version: -1, at: 0, view: null };
      t.cells.set(key, c);
      let row = t.bySku.get(u.sku);
      if (row === undefined) t.bySku.set(u.sku, (row = new Map()));
      row.set(u.warehouse, c);
    } else if (u.version <= c.version) {
      return false;
    }
    c.onHand = u.onHand;
    c.reserved = u.reserved;
    c.committed = u.committed;
    c.version = u.version;
    c.at = u.at;
    if (u.inTransit !== undefined) c.inTransit = u.inTransit;
    if (u.safetyStock !== undefined) c.safetyStock = u.safetyStock;
    c.view = null;
    t.dirtyCells.add(c);
    this.markDirty(t);
    return true;
  }

  /**
   * Moves a reservation of today's cohort forward. A reservation enters the
   * cohort with its creation time (stock.reserved, or a PostgreSQL row) when
   * that is today; later events move it only to a higher sequence.
   */
  applyReservation(tenant: string, u: ReservationUpdate): void {
    this.rollover();
    const t = this.tenant(tenant);
    if (t === null) return;
    const code = statusCodes.get(u.status);
    if (code === undefined) return;
    const prev = t.reservations.get(u.id);
    if (prev === undefined) {
      if (u.createdAt === undefined || u.createdAt < this.today.startMs || u.createdAt >= this.today.endMs) return;
      if (this.tracked >= this.opts.reservationsTrackedMax) {
        t.untracked++;
      } else {
        t.reservations.set(u.id, pack(u.sequence, code));
        t.counts[code]!++;
        this.tracked++;
      }
    } else {
      const prevSeq = Math.floor(prev / 8);
      if (u.sequence <= prevSeq) return;
      t.counts[prev % 8]!--;
      t.counts[code]!++;
      t.reservations.set(u.id, pack(u.sequence, code));
    }
    t.ordersDirty = true;
    this.markDirty(t);
  }

  /** Records an orphaned payment: in today's count (once per payment id) and the recent list. */
  applyOrphanedPayment(tenant: string, p: OrphanedPaymentView): void {
    this.rollover();
    const t = this.tenant(tenant);
    if (t === null) return;
    if (p.at >= this.today.startMs && p.at < this.today.endMs && !t.paymentsToday.has(p.paymentId)
      && t.paymentsToday.size < this.opts.paymentsTodayMax) {
      t.paymentsToday.add(p.paymentId);
      t.ordersDirty = true;
      t.exceptionsDirty = true;
    }
    if (!t.paymentIds.has(p.paymentId) && insertNewest(t.payments, p, this.opts.paymentsListMax, (gone) => t.paymentIds.delete(gone.paymentId))) {
      t.paymentIds.add(p.paymentId);
      t.newPayments.push(p);
      t.exceptionsDirty = true;
    }
    if (t.exceptionsDirty) this.markDirty(t);
  }

  /** Records a dead-lettered event: in today's count and the recent list, once per dead-letter sequence. */
  applyDeadLetter(tenant: string, d: DeadLetterView): void {
    this.rollover();
    const t = this.tenant(tenant);
    if (t === null) return;
    if (d.at >= this.today.startMs && d.at < this.today.endMs && !t.deadLettersToday.has(d.seq)
      && t.deadLettersToday.size < this.opts.deadLettersTodayMax) {
      t.deadLettersToday.add(d.seq);
      t.exceptionsDirty = true;
    }
    if (!t.deadLetterSeqs.has(d.seq) && insertNewest(t.deadLetters, d, this.opts.deadLettersListMax, (gone) => t.deadLetterSeqs.delete(gone.seq))) {
      t.deadLetterSeqs.add(d.seq);
      t.newDeadLetters.push(d);
      t.exceptionsDirty = true;
    }
    if (t.exceptionsDirty) this.markDirty(t);
  }

  /** The last reconcile result of a tenant (null: none); a report equal to the current one changes nothing. */
  setDrift(tenant: string, drift: DriftView | null): void {
    const t = this.tenant(tenant);
    if (t === null) return;
    const bounded = drift === null ? null : { ...drift, items: drift.items.slice(0, this.opts.driftItemsMax) };
    if (sameDrift(t.drift, bounded)) return;
    t.drift = bounded;
    t.exceptionsDirty = true;
    this.markDirty(t);
  }

  // ---- outputs ---------------------------------------------------------------------------------

  /** A topic's current sequence (what snapshot() would carry), without building its value. */
  seqOf(tenant: string, topic: Topic): number {
    this.rollover();
    const t = this.tenants.get(tenant);
    if (t === undefined) return 0;
    switch (topic.kind) {
      case 'stockAll': return t.seqStock;
      case 'stockSku': return t.skuSeq.get(topic.sku!) ?? 0;
      case 'stockLow': return t.seqLow;
      case 'orders': return t.seqOrders;
      case 'exceptions': return t.seqExceptions;
    }
  }

  /** The current value of a topic with its sequence; a delta after it carries seq + 1. */
  snapshot(tenant: string, topic: Topic): TopicState {
    this.rollover();
    const t = this.tenants.get(tenant) ?? new TenantBoard(tenant);
    switch (topic.kind) {
      case 'stockAll': return { seq: t.seqStock, data: stockData(sortCells([...t.cells.values()]).map(viewOf)) };
      case 'stockSku': return {
        seq: t.skuSeq.get(topic.sku!) ?? 0,
        data: stockData(sortCells([...(t.bySku.get(topic.sku!)?.values() ?? [])]).map(viewOf)),
      };
      case 'stockLow': {
        const items = lowItems(t.cells.values());
        // A cell shown as low here must be removed by a later delta even if it recovers before the next flush.
        for (const v of items) t.lowShown.add(t.cells.get(`${v.warehouse}/${v.sku}`)!);
        return { seq: t.seqLow, data: { items, removed: [] } };
      }
      case 'orders': return { seq: t.seqOrders, data: this.orders(t) };
      case 'exceptions': return { seq: t.seqExceptions, data: exceptionsData(t, [...t.payments], [...t.deadLetters]) };
    }
  }

  /** Every pending change as one delta per (tenant, topic), latest value per key; clears the pending set. */
  flush(): TopicDelta[] {
    this.rollover();
    const out: TopicDelta[] = [];
    for (const t of this.dirtyTenants) {
      if (t.dirtyCells.size > 0) this.flushCells(t, out);
      if (t.ordersDirty) {
        out.push({ tenant: t.id, topic: 'orders.today', kind: 'orders', seq: ++t.seqOrders, data: this.orders(t) });
        t.ordersDirty = false;
      }
      if (t.exceptionsDirty) {
        const data = exceptionsData(t, t.newPayments, t.newDeadLetters);
        out.push({ tenant: t.id, topic: 'exceptions', kind: 'exceptions', seq: ++t.seqExceptions, data });
        t.newPayments = [];
        t.newDeadLetters = [];
        t.exceptionsDirty = false;
      }
    }
    this.dirtyTenants.clear();
    return out;
  }

  private flushCells(t: TenantBoard, out: TopicDelta[]): void {
    const cells = sortCells([...t.dirtyCells]);
    t.dirtyCells.clear();
    const views = cells.map(viewOf);
    out.push({ tenant: t.id, topic: 'stock.all', kind: 'stockAll', seq: ++t.seqStock, data: stockData(views) });
    let i = 0;
    while (i < views.length) {
      const sku = views[i]!.sku;
      let j = i + 1;
      while (j < views.length && views[j]!.sku === sku) j++;
      const seq = (t.skuSeq.get(sku) ?? 0) + 1;
      t.skuSeq.set(sku, seq);
      out.push({ tenant: t.id, topic: skuTopic(sku), kind: 'stockSku', seq, data: stockData(views.slice(i, j)) });
      i = j;
    }
    const items: CellView[] = [];
    const removed: CellRef[] = [];
    cells.forEach((c, k) => {
      if (views[k]!.low) {
        items.push(views[k]!);
        t.lowShown.add(c);
      } else if (t.lowShown.delete(c)) {
        removed.push({ warehouse: c.warehouse, sku: c.sku });
      }
    });
    if (items.length > 0 || removed.length > 0) {
      out.push({ tenant: t.id, topic: 'stock.low', kind: 'stockLow', seq: ++t.seqLow, data: { items: sortLow(items), removed } });
    }
  }

  // ---- internals -------------------------------------------------------------------------------

  private tenant(id: string): TenantBoard | null {
    let t = this.tenants.get(id);
    if (t === undefined) {
      if (this.tenants.size >= this.opts.tenantsMax) {
        this.refused++;
        return null;
      }
      t = new TenantBoard(id);
      this.tenants.set(id, t);
    }
    return t;
  }

  private markDirty(t: TenantBoard): void {
    const was = this.dirtyTenants.size > 0;
    this.dirtyTenants.add(t);
    if (!was) this.listener?.();
  }

  private orders(t: TenantBoard): OrdersData {
    const [held, confirmed, released, expired, fulfilled] = t.counts as [number, number, number, number, number];
    return {
      day: this.today.day, timeZone: this.opts.timeZone, dayStart: this.today.startMs,
      total: held + confirmed + released + expired + fulfilled + t.untracked,
      completed: fulfilled, pending: held + confirmed, held, confirmed, cancelled: released + expired,
      exceptions: t.paymentsToday.size, approximate: t.untracked > 0,
    };
  }

  /** At the first call of a new day, today's counts start from zero (and subscribers get a delta). */
  private rollover(): void {
    const now = this.clock.nowMs();
    if (now < this.today.endMs) return;
    this.today = this.dayOf(now);
    for (const t of this.tenants.values()) {
      this.tracked -= t.reservations.size;
      t.reservations.clear();
      t.counts.fill(0);
      t.untracked = 0;
      t.paymentsToday.clear();
      t.deadLettersToday.clear();
      t.ordersDirty = true;
      t.exceptionsDirty = true;
      this.markDirty(t);
    }
  }
}

// ---- pure helpers ------------------------------------------------------------------------------

const stockData = (cells: readonly CellView[]): StockData => ({ cells, warehouses: [], skus: [], bundles: [] });

const exceptionsData = (t: TenantBoard, payments: readonly OrphanedPaymentView[], deadLetters: readonly DeadLetterView[]): ExceptionsData => ({
  payments, paymentsToday: t.paymentsToday.size, drift: t.drift, deadLetters, deadLettersToday: t.deadLettersToday.size,
});

/**
 * Inserts into a newest-first list bounded at `max` (ties: after the equal ones); false when it is
 * older than every entry of a full list. `dropped` hears of the entry pushed out.
 */
function insertNewest<T extends { readonly at: number }>(list: T[], item: T, max: number, dropped: (gone: T) => void): boolean {
  if (list.length >= max && item.at <= list[list.length - 1]!.at) return false;
  let i = 0;
  while (i < list.length && list[i]!.at >= item.at) i++;
  list.splice(i, 0, item);
  if (list.length > max) dropped(list.pop()!);
  return true;
}

function viewOf(c: CellState): CellView {
  if (c.view === null) {
    const available = c.onHand - c.reserved - c.committed;
    c.view = {
      warehouse: c.warehouse, sku: c.sku, onHand: c.onHand, reserved: c.reserved, committed: c.committed,
      inTransit: c.inTransit, safetyStock: c.safetyStock, available, low: available < c.safetyStock,
      version: c.version, at: c.at,
    };
  }
  return c.view;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sortCells<C extends { sku: string; warehouse: string }>(cells: C[]): C[] {
  return cells.sort((a, b) => compare(a.sku, b.sku) || compare(a.warehouse, b.warehouse));
}

/** Most short first (available − safety stock), then by sku and warehouse. */
function sortLow(items: CellView[]): CellView[] {
  return items.sort((a, b) => (a.available - a.safetyStock) - (b.available - b.safetyStock)
    || compare(a.sku, b.sku) || compare(a.warehouse, b.warehouse));
}

function lowItems(cells: Iterable<CellState>): CellView[] {
  const out: CellView[] = [];
  for (const c of cells) {
    const v = viewOf(c);
    if (v.low) out.push(v);
  }
  return sortLow(out);
}

function sameDrift(a: DriftView | null, b: DriftView | null): boolean {
  if (a === null || b === null) return a === b;
  return a.cells === b.cells && a.checkedAt === b.checkedAt && a.items.length === b.items.length;
}

/**
 * The calendar day containing a time in an IANA time zone: its YYYY-MM-DD and
 * [start, end) in ms. The offset is the one at that time, so a day with a DST
 * change ends an hour early or late (the next call corrects it).
 */
export function dayCalculator(timeZone: string): (ms: number) => Day {
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  return (ms) => {
    const p: Record<string, number> = {};
    for (const part of fmt.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = p;
    const offsetMs = Date.UTC(year, month - 1, day, hour, minute, second) - (ms - (((ms % 1000) + 1000) % 1000));
    const startMs = Date.UTC(year, month - 1, day) - offsetMs;
    const endMs = Date.UTC(year, month - 1, day + 1) - offsetMs;
    return { day: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, startMs, endMs };
  };
}

