// One tenant's board and its idempotent inputs: a cell update applies only
// when its version is higher than the known one; a reservation moves only to a
// higher sequence; an orphaned payment counts once per payment id, a dead
// letter once per dead-letter sequence. Feeding the same event twice, or a
// snapshot and then events it already reflects, changes nothing.
//
// Changes mark what a flush must send (dirty cells, orders, exceptions); the
// Board (board.ts) keeps the set of dirty tenants.
import type { CellRef, MutableCell, ReservationStatus } from '../../core/stock.types.ts';
import type {
  BoardOptions, CellUpdate, CellView, DeadLetterView, DriftView, OrphanedPaymentView, ReservationUpdate,
} from './board.types.ts';
import type { Day } from './day.ts';
import { OrderPool } from './order.pool.ts';

/** A cell on the board: changed in place by updates. */
export interface CellState extends CellRef, MutableCell {
  at: number;
  /** The cell's view, built once per change (topic.views.ts). */
  view: CellView | null;
}

/** What applyReservation did: nothing, started tracking one, or changed the counts otherwise. */
export type ReservationApplied = 'ignored' | 'tracked' | 'changed';

const statusCodes: ReadonlyMap<string, number> = new Map<ReservationStatus, number>([
  ['held', 0], ['confirmed', 1], ['released', 2], ['expired', 3], ['fulfilled', 4],
]);
/** A tracked reservation is one number: sequence * 8 + status code. */
const pack = (sequence: number, code: number): number => sequence * 8 + code;

const isToday = (ms: number, today: Day): boolean => ms >= today.startMs && ms < today.endMs;

export class TenantBoard {
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
  /** Today's reservations by status code: held, confirmed, released, expired, fulfilled. */
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
  /** Today's orders of the order pool (orders.pool). */
  readonly orderPool: OrderPool;
  seqPool = 0;

  constructor(readonly id: string, private readonly opts: BoardOptions) {
    this.orderPool = new OrderPool(opts);
  }

  /** Applies a cell's counters when their version is higher than the known one. */
  applyCell(u: CellUpdate): 'applied' | 'stale' | 'refused' {
    const key = `${u.warehouse}/${u.sku}`;
    let c = this.cells.get(key);
    if (c === undefined) {
      if (this.cells.size >= this.opts.cellsPerTenantMax) return 'refused';
      c = { warehouse: u.warehouse, sku: u.sku, onHand: 0, reserved: 0, committed: 0, inTransit: 0, safetyStock: 0, version: -1, at: 0, view: null };
      this.cells.set(key, c);
      let row = this.bySku.get(u.sku);
      if (row === undefined) this.bySku.set(u.sku, (row = new Map()));
      row.set(u.warehouse, c);
    } else if (u.version <= c.version) {
      return 'stale';
    }
    c.onHand = u.onHand;
    c.reserved = u.reserved;
    c.committed = u.committed;
    c.version = u.version;
    c.at = u.at;
    if (u.inTransit !== undefined) c.inTransit = u.inTransit;
    if (u.safetyStock !== undefined) c.safetyStock = u.safetyStock;
    c.view = null;
    this.dirtyCells.add(c);
    return 'applied';
  }

  /**
   * Moves a reservation of today's cohort forward. A reservation enters the cohort with its creation
   * time when that is today (tracked one by one while `room`, else only counted); later events move
   * it only to a higher sequence.
   */
  applyReservation(u: ReservationUpdate, today: Day, room: boolean): ReservationApplied {
    const code = statusCodes.get(u.status);
    if (code === undefined) return 'ignored';
    const prev = this.reservations.get(u.id);
    let applied: ReservationApplied = 'changed';
    if (prev === undefined) {
      if (u.createdAt === undefined || !isToday(u.createdAt, today)) return 'ignored';
      if (room) {
        this.reservations.set(u.id, pack(u.sequence, code));
        this.counts[code]!++;
        applied = 'tracked';
      } else {
        this.untracked++;
      }
    } else {
      const prevSeq = Math.floor(prev / 8);
      if (u.sequence <= prevSeq) return 'ignored';
      this.counts[prev % 8]!--;
      this.counts[code]!++;
      this.reservations.set(u.id, pack(u.sequence, code));
    }
    this.ordersDirty = true;
    return applied;
  }

  /** Records an orphaned payment: in today's count (once per payment id) and the recent list. True when exceptions are pending. */
  applyOrphanedPayment(p: OrphanedPaymentView, today: Day): boolean {
    if (isToday(p.at, today) && !this.paymentsToday.has(p.paymentId) && this.paymentsToday.size < this.opts.paymentsTodayMax) {
      this.paymentsToday.add(p.paymentId);
      this.ordersDirty = true;
      this.exceptionsDirty = true;
    }
    if (!this.paymentIds.has(p.paymentId) && insertNewest(this.payments, p, this.opts.paymentsListMax, (gone) => this.paymentIds.delete(gone.paymentId))) {
      this.paymentIds.add(p.paymentId);
      this.newPayments.push(p);
      this.exceptionsDirty = true;
    }
    return this.exceptionsDirty;
  }

  /** Records a dead-lettered event: in today's count and the recent list, once per dead-letter sequence. True when exceptions are pending. */
  applyDeadLetter(d: DeadLetterView, today: Day): boolean {
    if (isToday(d.at, today) && !this.deadLettersToday.has(d.seq) && this.deadLettersToday.size < this.opts.deadLettersTodayMax) {
      this.deadLettersToday.add(d.seq);
      this.exceptionsDirty = true;
    }
    if (!this.deadLetterSeqs.has(d.seq) && insertNewest(this.deadLetters, d, this.opts.deadLettersListMax, (gone) => this.deadLetterSeqs.delete(gone.seq))) {
      this.deadLetterSeqs.add(d.seq);
      this.newDeadLetters.push(d);
      this.exceptionsDirty = true;
    }
    return this.exceptionsDirty;
  }

  /** The last reconcile result (null: none); false when it equals the current one (nothing changes). */
  setDrift(drift: DriftView | null): boolean {
    const bounded = drift === null ? null : { ...drift, items: drift.items.slice(0, this.opts.driftItemsMax) };
    if (sameDrift(this.drift, bounded)) return false;
    this.drift = bounded;
    this.exceptionsDirty = true;
    return true;
  }

  /** A new day: today's counts start from zero. Answers how many tracked reservations were dropped. */
  resetDay(): number {
    const dropped = this.reservations.size;
    this.reservations.clear();
    this.counts.fill(0);
    this.untracked = 0;
    this.paymentsToday.clear();
    this.deadLettersToday.clear();
    this.orderPool.resetDay();
    this.ordersDirty = true;
    this.exceptionsDirty = true;
    return dropped;
  }
}

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

function sameDrift(a: DriftView | null, b: DriftView | null): boolean {
  if (a === null || b === null) return a === b;
  return a.cells === b.cells && a.checkedAt === b.checkedAt && a.items.length === b.items.length;
}
