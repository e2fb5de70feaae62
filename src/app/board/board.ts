// The dashboard board: what operators watch live, per tenant — stock cells
// (tiers per warehouse), the low-stock list, today's reservation counts,
// today's order pool (order.pool.ts) and the exceptions — kept from events and start-up snapshots, and turned into
// per-topic snapshots and coalesced deltas.
//
// No I/O: the aggregator (roles/fanout/) feeds it (Redis/PostgreSQL snapshot,
// then JetStream events), the ws adapter (src/adapters/ws/) reads it. The clock is
// injected.
//
// This file keeps the tenants (bounded), the set of tenants with pending
// changes and the day; each tenant's state and its idempotent inputs are in
// tenant.state.ts, its topics' snapshots and deltas in topic.views.ts.
//
// Coalescing: changes mark keys dirty (a cell, the order counts, the
// exceptions); flush() turns every dirty key into its latest value, once, in
// one delta per (tenant, topic) with the topic's next sequence number. How
// often flush runs is the caller's window.
import type { Clock } from '../clock.port.ts';
import {
  boardDefaults, type BoardOptions, type BoardStats, type CellUpdate, type DeadLetterView, type DriftView, type OrderUpdate,
  type OrphanedPaymentView, type ReservationUpdate, type TopicDelta, type TopicState,
} from './board.types.ts';
import { dayCalculator, type Day } from './day.ts';
import { TenantBoard } from './tenant.state.ts';
import { flushTenant, seqOf, snapshotOf } from './topic.views.ts';
import type { Topic } from './topics.ts';

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
    let ordersTracked = 0;
    for (const t of this.tenants.values()) {
      cells += t.cells.size;
      ordersTracked += t.orderPool.tracked;
    }
    return { tenants: this.tenants.size, cells, reservationsTracked: this.tracked, ordersTracked, refused: this.refused };
  }

  // ---- inputs ----------------------------------------------------------------------------------

  /** Applies a cell's counters when their version is higher than the known one; true when applied. */
  applyCell(tenant: string, u: CellUpdate): boolean {
    const t = this.tenant(tenant);
    if (t === null) return false;
    const applied = t.applyCell(u);
    if (applied === 'refused') this.refused++;
    if (applied !== 'applied') return false;
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
    const applied = t.applyReservation(u, this.today, this.tracked < this.opts.reservationsTrackedMax);
    if (applied === 'tracked') this.tracked++;
    if (applied !== 'ignored') this.markDirty(t);
  }

  /**
   * An order's state after a committed change (order.changed, or a PostgreSQL row at start): today's
   * orders by channel and status, the held list and paid → released (order.pool.ts). Idempotent by version.
   */
  applyOrder(tenant: string, u: OrderUpdate): void {
    this.rollover();
    const t = this.tenant(tenant);
    if (t !== null && t.orderPool.apply(u, this.today)) this.markDirty(t);
  }

  /** Records an orphaned payment: in today's count (once per payment id) and the recent list. */
  applyOrphanedPayment(tenant: string, p: OrphanedPaymentView): void {
    this.rollover();
    const t = this.tenant(tenant);
    if (t !== null && t.applyOrphanedPayment(p, this.today)) this.markDirty(t);
  }

  /** Records a dead-lettered event: in today's count and the recent list, once per dead-letter sequence. */
  applyDeadLetter(tenant: string, d: DeadLetterView): void {
    this.rollover();
    const t = this.tenant(tenant);
    if (t !== null && t.applyDeadLetter(d, this.today)) this.markDirty(t);
  }

  /** The last reconcile result of a tenant (null: none); a report equal to the current one changes nothing. */
  setDrift(tenant: string, drift: DriftView | null): void {
    const t = this.tenant(tenant);
    if (t !== null && t.setDrift(drift)) this.markDirty(t);
  }

  // ---- outputs ---------------------------------------------------------------------------------

  /** A topic's current sequence (what snapshot() would carry), without building its value. */
  seqOf(tenant: string, topic: Topic): number {
    this.rollover();
    const t = this.tenants.get(tenant);
    return t === undefined ? 0 : seqOf(t, topic);
  }

  /** The current value of a topic with its sequence; a delta after it carries seq + 1. */
  snapshot(tenant: string, topic: Topic): TopicState {
    this.rollover();
    const t = this.tenants.get(tenant) ?? new TenantBoard(tenant, this.opts);
    return snapshotOf(t, topic, this.today, this.opts.timeZone);
  }

  /** Every pending change as one delta per (tenant, topic), latest value per key; clears the pending set. */
  flush(): TopicDelta[] {
    this.rollover();
    const out: TopicDelta[] = [];
    for (const t of this.dirtyTenants) flushTenant(t, this.today, this.opts.timeZone, out);
    this.dirtyTenants.clear();
    return out;
  }

  // ---- internals -------------------------------------------------------------------------------

  private tenant(id: string): TenantBoard | null {
    let t = this.tenants.get(id);
    if (t === undefined) {
      if (this.tenants.size >= this.opts.tenantsMax) {
        this.refused++;
        return null;
      }
      t = new TenantBoard(id, this.opts);
      this.tenants.set(id, t);
    }
    return t;
  }

  private markDirty(t: TenantBoard): void {
    const was = this.dirtyTenants.size > 0;
    this.dirtyTenants.add(t);
    if (!was) this.listener?.();
  }

  /** At the first call of a new day, today's counts start from zero (and subscribers get a delta). */
  private rollover(): void {
    const now = this.clock.nowMs();
    if (now < this.today.endMs) return;
    this.today = this.dayOf(now);
    for (const t of this.tenants.values()) {
      this.tracked -= t.resetDay();
      this.markDirty(t);
    }
  }
}
