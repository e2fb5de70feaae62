// Today's orders on hold, and the list the orders.pool topic shows of them:
// the newest `listMax` by the time they went on hold (then by order id).
//
// Every held order is kept (`all`: a subset of the tracked orders, so bounded
// by ordersTrackedMax); the shown list is kept sorted, newest first, with the
// invariant that every held order not shown is not newer than any shown one.
// So a new hold goes in only when it is newer than the last shown (pushing the
// last out) or when nothing else waits; when a shown one leaves, the list is
// refilled with the newest of the rest, once, at the next read (one pass over
// the held orders).
//
// Deltas: the shown orders added or changed since the last take, and the ids
// that left the list (released, cancelled, pushed out by a newer hold).
import type { HeldOrderView } from './board.types.ts';

const newestFirst = (a: HeldOrderView, b: HeldOrderView): number =>
  b.since - a.since || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);

export interface HeldDelta {
  readonly held: HeldOrderView[];
  readonly unheld: string[];
}

export class HeldOrders {
  private readonly all = new Map<string, HeldOrderView>();
  /** Newest first, at most listMax. */
  private readonly shown: HeldOrderView[] = [];
  private readonly shownIds = new Set<string>();
  private readonly upserts = new Map<string, HeldOrderView>();
  private readonly removed = new Set<string>();
  private needsFill = false;

  constructor(private readonly listMax: number) {}

  /** Held orders (shown or not). */
  get size(): number {
    return this.all.size;
  }

  get(orderId: string): HeldOrderView | undefined {
    return this.all.get(orderId);
  }

  /** Adds or replaces a held order. */
  set(v: HeldOrderView): void {
    const id = v.orderId;
    if (this.shownIds.has(id)) {
      const i = this.shown.findIndex((x) => x.orderId === id);
      this.shown[i] = v;
      this.shown.sort(newestFirst);
      this.all.set(id, v);
      this.upserts.set(id, v);
      return;
    }
    const othersWaiting = this.all.size - this.shown.length - (this.all.has(id) ? 1 : 0);
    this.all.set(id, v);
    const last = this.shown[this.shown.length - 1];
    if ((this.shown.length < this.listMax && othersWaiting === 0) || (last !== undefined && newestFirst(v, last) < 0)) {
      this.show(v);
      if (this.shown.length > this.listMax) this.hide(this.shown.pop()!);
    } else if (this.shown.length < this.listMax) {
      this.needsFill = true;
    }
  }

  /** The order is no longer on hold (or no longer tracked). */
  delete(orderId: string): void {
    if (!this.all.delete(orderId)) return;
    if (!this.shownIds.has(orderId)) return;
    this.shown.splice(this.shown.findIndex((x) => x.orderId === orderId), 1);
    this.hide({ orderId } as HeldOrderView);
    if (this.all.size > this.shown.length) this.needsFill = true;
  }

  /** A new day: nothing held; every shown order leaves the list at the next take. */
  reset(): void {
    for (const v of this.shown) this.removed.add(v.orderId);
    this.shown.length = 0;
    this.shownIds.clear();
    this.all.clear();
    this.upserts.clear();
    this.needsFill = false;
  }

  /** The shown list, newest first (a copy). */
  list(): HeldOrderView[] {
    this.fill();
    return [...this.shown];
  }

  /** What changed on the list since the last take; null when nothing did. Clears it. */
  takeDelta(): HeldDelta | null {
    this.fill();
    if (this.upserts.size === 0 && this.removed.size === 0) return null;
    const delta = { held: [...this.upserts.values()].sort(newestFirst), unheld: [...this.removed].sort() };
    this.upserts.clear();
    this.removed.clear();
    return delta;
  }

  private show(v: HeldOrderView): void {
    let i = 0;
    while (i < this.shown.length && newestFirst(this.shown[i]!, v) <= 0) i++;
    this.shown.splice(i, 0, v);
    this.shownIds.add(v.orderId);
    this.upserts.set(v.orderId, v);
    this.removed.delete(v.orderId);
  }

  private hide(v: Pick<HeldOrderView, 'orderId'>): void {
    this.shownIds.delete(v.orderId);
    this.upserts.delete(v.orderId);
    this.removed.add(v.orderId);
  }

  /** Refills the list with the newest held orders not shown (all of them not newer than the shown ones). */
  private fill(): void {
    if (!this.needsFill) return;
    this.needsFill = false;
    const room = this.listMax - this.shown.length;
    if (room <= 0 || this.all.size === this.shown.length) return;
    const best: HeldOrderView[] = [];
    for (const v of this.all.values()) {
      if (this.shownIds.has(v.orderId)) continue;
      if (best.length === room && newestFirst(v, best[room - 1]!) >= 0) continue;
      let i = best.length;
      while (i > 0 && newestFirst(v, best[i - 1]!) < 0) i--;
      best.splice(i, 0, v);
      if (best.length > room) best.pop();
    }
    for (const v of best) this.show(v);
  }
}
