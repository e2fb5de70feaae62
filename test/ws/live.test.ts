// A dashboard following live changes end to end: reservations through the
// Redis stock engine, their events relayed from the outbox to JetStream, the
// aggregator applying them to the board, the fanout sending a snapshot and then
// deltas with increasing sequence numbers — as JSON and as protobuf, with the
// same content. Also the low-stock list, today's orders and the exceptions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEnvelope, subjectOf } from '../../src/adapters/events/envelope.codec.ts';
import type { CellView, ExceptionsData, LowStockData, OrdersData, StockData } from '../../src/app/board/board.types.ts';
import { TenantKeys } from '../../src/adapters/redis/keys.ts';
import type { WsRole } from '../../src/roles/fanout.role.ts';
import { createMetrics } from '../../src/adapters/metrics/metrics.ts';
import { createWsHarness, deltasOf, upgradeStatus, type TenantFixture, type WsHarness } from './harness.ts';

let h: WsHarness;
let role: WsRole;
let t: TenantFixture;

beforeAll(async () => {
  h = await createWsHarness('live');
  t = await h.tenant({
    warehouses: ['A', 'B'], skus: ['tea', 'cup', 'pot'],
    stock: [
      { warehouse: 'A', sku: 'tea', onHand: 100, inTransit: 40 }, { warehouse: 'B', sku: 'tea', onHand: 50 },
      { warehouse: 'A', sku: 'cup', onHand: 12, safetyStock: 10 }, { warehouse: 'A', sku: 'pot', onHand: 30 },
    ],
  });
  role = await h.startWs({ fanout: { coalesceMs: 20 } });
}, 60_000);

afterAll(() => h?.close(), 60_000);

const cellOf = (data: unknown, wh: string, sku: string): CellView | undefined =>
  (data as StockData).cells.find((c) => c.warehouse === wh && c.sku === sku);

describe('snapshot then deltas', () => {
  it('sends a snapshot with names, then deltas with seq + 1, + 2, ... for reservations made through the engine', async () => {
    const c = await h.connect(role, h.tokens.issue(t.id).token);
    c.subscribe('stock.all');
    c.subscribe('stock.sku.tea');
    const all = await c.snapshot('stock.all');
    expect(cellOf(all.data, 'A', 'tea')).toMatchObject({ onHand: 100, reserved: 0, inTransit: 40, available: 100, low: false });
    expect((all.data as StockData).warehouses).toEqual([{ id: 'A', name: 'Warehouse A' }, { id: 'B', name: 'Warehouse B' }]);
    expect((all.data as StockData).skus.map((s) => s.id)).toEqual(['cup', 'pot', 'tea']);
    const tea = await c.snapshot('stock.sku.tea');
    expect((tea.data as StockData).cells.map((x) => x.warehouse)).toEqual(['A', 'B']);
    expect((tea.data as StockData).skus).toEqual([{ id: 'tea', name: 'Name of tea' }]);

    for (let i = 1; i <= 3; i++) {
      await h.reserve(t.id, 'tea', i, 'A');
      await c.waitFor((x) => deltasOf(x, 'stock.all').find((f) => cellOf(f.data, 'A', 'tea')?.reserved === i * (i + 1) / 2), 10_000, `reserved ${i}`);
    }
    const deltas = deltasOf(c, 'stock.all');
    expect(deltas.map((f) => f.seq)).toEqual(deltas.map((_, i) => all.seq + 1 + i));
    const last = cellOf(deltas.at(-1)!.data, 'A', 'tea')!;
    expect(last).toMatchObject({ onHand: 100, reserved: 6, committed: 0, available: 94, inTransit: 40 });
    expect(last.at).toBeGreaterThan(0);
    expect(last.version).toBe((await h.rt.engine.readCells(t.id, [{ warehouse: 'A', sku: 'tea' }]))[0]!.version);
    const teaDeltas = deltasOf(c, 'stock.sku.tea');
    expect(teaDeltas.map((f) => f.seq)).toEqual(teaDeltas.map((_, i) => tea.seq + 1 + i));
    expect((teaDeltas.at(-1)!.data as StockData).cells.every((x) => x.sku === 'tea')).toBe(true);
  });

  it('sends the same content as JSON and as protobuf', async () => {
    const json = await h.connect(role, h.tokens.issue(t.id).token, 'json');
    const proto = await h.connect(role, h.tokens.issue(t.id).token, 'protobuf');
    const topics = ['stock.all', 'stock.sku.pot', 'orders.today', 'stock.low', 'exceptions'];
    for (const c of [json, proto]) for (const topic of topics) c.subscribe(topic);
    for (const c of [json, proto]) for (const topic of topics) await c.snapshot(topic);
    const id = await h.reserve(t.id, 'pot', 2);
    await h.transition(t.id, 'confirm', id);
    for (const c of [json, proto]) {
      await c.waitFor((x) => deltasOf(x, 'stock.sku.pot').find((f) => cellOf(f.data, 'A', 'pot')?.committed === 2), 10_000, 'pot committed');
      await c.waitFor((x) => deltasOf(x, 'orders.today').find((f) => (f.data as OrdersData).confirmed >= 1), 10_000, 'confirmed order');
    }
    const strip = (c: typeof json) => topics.map((topic) => c.of(topic).filter((f) => f.seq <= Math.min(
      ...[json, proto].map((x) => x.of(topic).at(-1)!.seq))));
    expect(strip(proto)).toEqual(strip(json));
    expect(proto.frames.length).toBeGreaterThanOrEqual(topics.length + 2);
  });
});

describe('bundles', () => {
  it('names the bundles with the stocked SKUs one unit takes in stock snapshots, JSON and protobuf alike', async () => {
    const k = await h.tenant({ warehouses: ['A'], skus: ['tea', 'cup', 'pot'], stock: [{ warehouse: 'A', sku: 'tea', onHand: 9 }] });
    const put = async (sku: string, components: { sku: string; qty: number }[]) => {
      const r = await h.rt.deps.catalogs.putSku(k.id, { sku, name: `Kit ${sku}`, components });
      if (!r.ok) throw new Error(`${sku}: ${r.error.code} ${r.error.detail}`);
    };
    await put('set', [{ sku: 'tea', qty: 1 }, { sku: 'cup', qty: 2 }]);
    await put('giftbox', [{ sku: 'set', qty: 2 }, { sku: 'pot', qty: 1 }]);
    const set = { sku: 'set', components: [{ sku: 'tea', qty: 1 }, { sku: 'cup', qty: 2 }] };
    // Nested bundles come expanded, their ratios multiplied: what reserving one unit takes.
    const giftbox = { sku: 'giftbox', components: [{ sku: 'tea', qty: 2 }, { sku: 'cup', qty: 4 }, { sku: 'pot', qty: 1 }] };
    for (const format of ['json', 'protobuf'] as const) {
      const c = await h.connect(role, h.tokens.issue(k.id).token, format);
      c.subscribe('stock.all');
      c.subscribe('stock.sku.set');
      c.subscribe('stock.sku.tea');
      const all = (await c.snapshot('stock.all')).data as StockData;
      expect(all.bundles, format).toEqual([giftbox, set]);
      expect(all.skus.map((s) => s.id)).toEqual(['cup', 'giftbox', 'pot', 'set', 'tea']);
      expect(((await c.snapshot('stock.sku.set')).data as StockData).bundles).toEqual([set]);
      expect(((await c.snapshot('stock.sku.tea')).data as StockData).bundles).toEqual([]);
      await h.reserve(k.id, 'tea', 1, 'A');
      const delta = await c.waitFor((x) => deltasOf(x, 'stock.all')[0], 10_000, 'a delta');
      expect((delta.data as StockData).bundles).toEqual([]);
    }
  });
});

describe('topics', () => {
  it('flags a cell under its safety stock on stock.low and drops it when it recovers', async () => {
    const c = await h.connect(role, h.tokens.issue(t.id).token);
    c.subscribe('stock.low');
    const snap = await c.snapshot('stock.low');
    expect((snap.data as LowStockData).items.filter((x) => x.sku === 'cup')).toEqual([]);
    const id = await h.reserve(t.id, 'cup', 5);
    const low = await c.waitFor((x) => deltasOf(x, 'stock.low').find((f) => (f.data as LowStockData).items.some((i) => i.sku === 'cup')), 10_000, 'cup low');
    expect((low.data as LowStockData).items.find((i) => i.sku === 'cup')).toMatchObject({ warehouse: 'A', available: 7, safetyStock: 10, low: true });
    await h.transition(t.id, 'release', id);
    await c.waitFor((x) => deltasOf(x, 'stock.low').find((f) => (f.data as LowStockData).removed.some((r) => r.sku === 'cup' && r.warehouse === 'A')), 10_000, 'cup removed');
    const seqs = deltasOf(c, 'stock.low').map((f) => f.seq);
    expect(seqs).toEqual(seqs.map((_, i) => snap.seq + 1 + i));
  });

  it('counts today\'s orders: total, completed, pending and cancelled as reservations move', async () => {
    const c = await h.connect(role, h.tokens.issue(t.id).token);
    c.subscribe('orders.today');
    const before = (await c.snapshot('orders.today')).data as OrdersData;
    expect(before.day).toBe(new Date().toISOString().slice(0, 10));
    const done = await h.reserve(t.id, 'tea', 1);
    await h.transition(t.id, 'confirm', done);
    await h.transition(t.id, 'fulfil', done);
    const cancelled = await h.reserve(t.id, 'tea', 1);
    await h.transition(t.id, 'release', cancelled);
    await h.reserve(t.id, 'tea', 1);
    const want = { total: before.total + 3, completed: before.completed + 1, cancelled: before.cancelled + 1, pending: before.pending + 1 };
    const after = await c.waitFor((x) => {
      const d = deltasOf(x, 'orders.today').at(-1)?.data as OrdersData | undefined;
      return d && d.total === want.total && d.completed === want.completed && d.cancelled === want.cancelled && d.pending === want.pending ? d : undefined;
    }, 10_000, 'order counts');
    expect(after.pending).toBe(after.held + after.confirmed);
    expect(after.total).toBe(after.completed + after.pending + after.cancelled);
  });

  it('lists orphaned payments and the reconcile drift on exceptions', async () => {
    const c = await h.connect(role, h.tokens.issue(t.id).token);
    c.subscribe('exceptions');
    c.subscribe('orders.today');
    await c.snapshot('exceptions');
    const orders = (await c.snapshot('orders.today')).data as OrdersData;
    const env = {
      eventId: 'ev-orphan-1', tenant: t.id, type: 'payment.orphaned', aggregateId: 'pay-1', sequence: 0, occurredAtMs: Date.now(),
      paymentOrphaned: { paymentId: 'pay-1', reservationId: 'res-gone', reason: 'expired', resolution: 'refund_needed', newReservationId: '' },
    };
    await h.nats.nats.js.publish(subjectOf(h.namespace, t.id, 'payment.orphaned'), encodeEnvelope(env), { msgID: env.eventId });
    const ex = await c.waitFor((x) => deltasOf(x, 'exceptions').find((f) => (f.data as ExceptionsData).payments.length > 0), 10_000, 'orphaned payment');
    expect((ex.data as ExceptionsData).payments).toEqual([{ paymentId: 'pay-1', reservationId: 'res-gone', reason: 'expired', resolution: 'refund_needed', newReservationId: '', at: env.occurredAtMs }]);
    await c.waitFor((x) => deltasOf(x, 'orders.today').find((f) => (f.data as OrdersData).exceptions === orders.exceptions + 1), 10_000, 'exceptions count');
    const report = { checkedAtMs: Date.now(), cells: 1, items: [{ warehouse: 'A', sku: 'tea', kind: 'counters', redis: { onHand: 100, reserved: 1, committed: 0, version: 9 }, ledger: { onHand: 100, reserved: 0, committed: 0, version: 9 } }] };
    await h.rt.redis.next().set(new TenantKeys(h.namespace, t.id).drift, JSON.stringify(report));
    const drift = await c.waitFor((x) => deltasOf(x, 'exceptions').find((f) => (f.data as ExceptionsData).drift !== null), 10_000, 'drift');
    expect((drift.data as ExceptionsData).drift).toMatchObject({ cells: 1, checkedAt: report.checkedAtMs, items: [{ sku: 'tea', kind: 'counters', ledger: { reserved: 0 } }] });
  });

  it('counts its metrics and serves a health check, never metrics, on the ws port', async () => {
    const { registry } = createMetrics({ defaults: false });
    const r = await h.startWs({ registry, fanout: { coalesceMs: 10 } });
    const c = await h.connect(r, h.tokens.issue(t.id).token);
    c.subscribe('stock.sku.tea');
    await c.snapshot('stock.sku.tea');
    await h.reserve(t.id, 'tea', 1);
    await c.waitFor((x) => deltasOf(x, 'stock.sku.tea')[0], 10_000, 'a delta');
    expect((await upgradeStatus(`ws://127.0.0.1:${r.port}/nowhere`)).status).toBe(404);
    const health = await fetch(`http://127.0.0.1:${r.port}/healthz`);
    expect(health.status).toBe(200);
    // Metrics name every tenant: they are served only by the process's metrics listener (PALLET_METRICS_PORT).
    expect((await fetch(`http://127.0.0.1:${r.port}/metrics`)).status).toBe(404);
    const text = await registry.metrics();
    expect(text).toMatch(/pallet_ws_connections 1\b/);
    expect(text).toMatch(/pallet_ws_frames_total\{type="snapshot"\} 1\b/);
    expect(text).toMatch(/pallet_ws_frames_total\{type="delta"\} [1-9]/);
    expect(text).toMatch(/pallet_board_events_total [1-9]/);
  });

  it('answers bad control messages with error frames and keeps the connection', async () => {
    const c = await h.connect(role, h.tokens.issue(t.id).token);
    c.send('not json');
    c.send({ op: 'dance' });
    c.subscribe('stock.sku.bad sku');
    c.send({ op: 'ping' });
    await c.waitFor((x) => (x.frames.some((f) => f.type === 'pong') ? true : undefined), 5_000, 'pong');
    expect(c.frames.filter((f) => f.type === 'error').map((f) => (f.data as { code: string }).code)).toEqual(['BAD_MESSAGE', 'BAD_MESSAGE', 'UNKNOWN_TOPIC']);
    expect(c.closed).toBeNull();
  });
});
