// A tenant's board as topics: the snapshot of a topic (its value and
// sequence), and the deltas of everything changed since the last flush —
// latest value per key, once, one delta per topic with its next sequence.
import type { CellRef } from '../../core/stock.types.ts';
import type {
  CellView, DeadLetterView, ExceptionsData, OrdersData, OrphanedPaymentView, StockData, TopicDelta, TopicState,
} from './board.types.ts';
import type { Day } from './day.ts';
import type { CellState, TenantBoard } from './tenant.state.ts';
import { skuTopic, type Topic } from './topics.ts';

/** A topic's current sequence (what snapshotOf would carry), without building its value. */
export function seqOf(t: TenantBoard, topic: Topic): number {
  switch (topic.kind) {
    case 'stockAll': return t.seqStock;
    case 'stockSku': return t.skuSeq.get(topic.sku!) ?? 0;
    case 'stockLow': return t.seqLow;
    case 'orders': return t.seqOrders;
    case 'exceptions': return t.seqExceptions;
    case 'orderPool': return t.seqPool;
  }
}

/** The current value of a topic with its sequence; a delta after it carries seq + 1. */
export function snapshotOf(t: TenantBoard, topic: Topic, today: Day, timeZone: string): TopicState {
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
    case 'orders': return { seq: t.seqOrders, data: ordersData(t, today, timeZone) };
    case 'exceptions': return { seq: t.seqExceptions, data: exceptionsData(t, [...t.payments], [...t.deadLetters]) };
    case 'orderPool': return { seq: t.seqPool, data: { ...dayOf(today, timeZone), ...t.orderPool.snapshot() } };
  }
}

/** Appends the tenant's pending changes as deltas to `out` and clears them. */
export function flushTenant(t: TenantBoard, today: Day, timeZone: string, out: TopicDelta[]): void {
  if (t.dirtyCells.size > 0) flushCells(t, out);
  if (t.ordersDirty) {
    out.push({ tenant: t.id, topic: 'orders.today', kind: 'orders', seq: ++t.seqOrders, data: ordersData(t, today, timeZone) });
    t.ordersDirty = false;
  }
  if (t.exceptionsDirty) {
    const data = exceptionsData(t, t.newPayments, t.newDeadLetters);
    out.push({ tenant: t.id, topic: 'exceptions', kind: 'exceptions', seq: ++t.seqExceptions, data });
    t.newPayments = [];
    t.newDeadLetters = [];
    t.exceptionsDirty = false;
  }
  if (t.orderPool.dirty) {
    const data = { ...dayOf(today, timeZone), ...t.orderPool.takeDelta() };
    out.push({ tenant: t.id, topic: 'orders.pool', kind: 'orderPool', seq: ++t.seqPool, data });
  }
}

const dayOf = (today: Day, timeZone: string) => ({ day: today.day, timeZone, dayStart: today.startMs });

function flushCells(t: TenantBoard, out: TopicDelta[]): void {
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

function ordersData(t: TenantBoard, today: Day, timeZone: string): OrdersData {
  const [held, confirmed, released, expired, fulfilled] = t.counts as [number, number, number, number, number];
  return {
    day: today.day, timeZone, dayStart: today.startMs,
    total: held + confirmed + released + expired + fulfilled + t.untracked,
    completed: fulfilled, pending: held + confirmed, held, confirmed, cancelled: released + expired,
    exceptions: t.paymentsToday.size, approximate: t.untracked > 0,
  };
}

const stockData = (cells: readonly CellView[]): StockData => ({ cells, warehouses: [], skus: [], bundles: [] });

const exceptionsData = (t: TenantBoard, payments: readonly OrphanedPaymentView[], deadLetters: readonly DeadLetterView[]): ExceptionsData => ({
  payments, paymentsToday: t.paymentsToday.size, drift: t.drift, deadLetters, deadLettersToday: t.deadLettersToday.size,
});

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
