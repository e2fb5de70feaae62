// Several ws instances and restarts. Two instances (each its own aggregator
// and ordered consumer) both deliver the same update. A new aggregator builds
// the same board from Redis, PostgreSQL and the events of today as the one
// that watched everything live; PostgreSQL rows count even without their
// events; without the ledger tables the counts come from today's events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerRepo } from '../../src/adapters/postgres/ledger.repo.ts';
import { createSqlForSchema } from '../../src/adapters/postgres/sql.ts';
import { drainProjector } from '../../src/roles/projector.role.ts';
import type { CellView, LowStockData, OrdersData, StockData } from '../../src/app/board/board.types.ts';
import type { Frame } from '../../src/adapters/ws/frames.codec.ts';
import type { WsRole } from '../../src/roles/fanout.role.ts';
import { createWsHarness, deltasOf, type TenantFixture, type WsHarness } from './harness.ts';

let h: WsHarness;
let t: TenantFixture;

beforeAll(async () => {
  h = await createWsHarness('scale');
  t = await h.tenant({
    warehouses: ['A', 'B'], skus: ['s1', 's2', 's3'],
    stock: [
      { warehouse: 'A', sku: 's1', onHand: 100, safetyStock: 95, inTransit: 20 }, { warehouse: 'B', sku: 's1', onHand: 10 },
      { warehouse: 'A', sku: 's2', onHand: 30 }, { warehouse: 'B', sku: 's3', onHand: 7, safetyStock: 3 },
    ],
  });
}, 60_000);

afterAll(() => h?.close(), 60_000);

const withoutTimes = (cells: readonly CellView[]) => cells.map(({ at: _at, ...rest }) => rest);

async function boardOf(role: WsRole, token: string): Promise<{ stock: Frame; low: Frame; orders: Frame }> {
  const c = await h.connect(role, token);
  for (const topic of ['stock.all', 'stock.low', 'orders.today']) c.subscribe(topic);
  return { stock: await c.snapshot('stock.all'), low: await c.snapshot('stock.low'), orders: await c.snapshot('orders.today') };
}

/** Waits until the role's aggregator has handled every event in the stream. */
async function caughtUp(role: WsRole): Promise<void> {
  const last = (await (await h.nats.nats.jsm()).streams.info(`${h.namespace}_events`)).state.last_seq;
  const deadline = Date.now() + 10_000;
  const from = 'seq' in role.started.from ? role.started.from.seq : 0;
  while (role.aggregator.stats().lastSeq < last && from <= last) {
    if (Date.now() > deadline) throw new Error(`aggregator at ${role.aggregator.stats().lastSeq}, stream at ${last}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until every outbox entry of the tenant is in JetStream. */
async function relayed(): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const pending = await h.rt.redis.next().xpending(h.rt.engine.keys(t.id).outbox, 'relay') as [number, ...unknown[]];
    const length = await h.rt.redis.next().xlen(h.rt.engine.keys(t.id).outbox);
    const info = await h.rt.redis.next().xinfo('GROUPS', h.rt.engine.keys(t.id).outbox) as unknown[][];
    const lag = info.length === 0 ? length : Number((info[0] as unknown[])[(info[0] as unknown[]).indexOf('lag') + 1] ?? length);
    if (pending[0] === 0 && lag === 0) return;
    if (Date.now() > deadline) throw new Error('outbox not relayed');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('several instances', () => {
  it('delivers the same update to clients of two instances', async () => {
    const one = await h.startWs({ fanout: { coalesceMs: 20 } });
    const two = await h.startWs({ fanout: { coalesceMs: 20 } });
    const c1 = await h.connect(one, h.tokens.issue(t.id).token);
    const c2 = await h.connect(two, h.tokens.issue(t.id).token, 'protobuf');
    for (const c of [c1, c2]) c.subscribe('stock.sku.s2');
    await c1.snapshot('stock.sku.s2');
    await c2.snapshot('stock.sku.s2');
    await h.reserve(t.id, 's2', 4);
    const got = await Promise.all([c1, c2].map((c) => c.waitFor((x) => deltasOf(x, 'stock.sku.s2').find((f) => (f.data as StockData).cells[0]?.reserved === 4), 10_000, 'the update')));
    expect(withoutTimes((got[1]!.data as StockData).cells)).toEqual(withoutTimes((got[0]!.data as StockData).cells));
    expect((got[0]!.data as StockData).cells[0]!.at).toBe((got[1]!.data as StockData).cells[0]!.at);
  });
});

describe('restart', () => {
  it('builds the same board in a new aggregator as the one that watched the changes live', async () => {
    const live = await h.startWs({ fanout: { coalesceMs: 10 } });
    const r1 = await h.reserve(t.id, 's1', 10, 'A');
    await h.transition(t.id, 'confirm', r1);
    await h.transition(t.id, 'fulfil', r1);
    const r2 = await h.reserve(t.id, 's1', 3, 'B');
    await h.transition(t.id, 'confirm', r2);
    const r3 = await h.reserve(t.id, 's3', 5);
    await h.transition(t.id, 'release', r3);
    await h.reserve(t.id, 's3', 5);
    await h.setStock(t.id, { warehouse: 'A', sku: 's2', onHand: 60, safetyStock: 70 });
    await relayed();
    await caughtUp(live);
    const before = await boardOf(live, h.tokens.issue(t.id).token);

    const fresh = await h.startWs({ fanout: { coalesceMs: 10 } });
    await caughtUp(fresh);
    const after = await boardOf(fresh, h.tokens.issue(t.id).token);
    expect(withoutTimes((after.stock.data as StockData).cells)).toEqual(withoutTimes((before.stock.data as StockData).cells));
    expect(withoutTimes((after.low.data as LowStockData).items)).toEqual(withoutTimes((before.low.data as LowStockData).items));
    expect((after.low.data as LowStockData).items.map((c) => `${c.warehouse}/${c.sku}`).sort()).toEqual(['A/s1', 'A/s2', 'B/s3']);
    const orders = after.orders.data as OrdersData;
    expect(orders).toEqual(before.orders.data);
    // held: r3's replacement and the s2 reservation of the previous test.
    expect(orders).toMatchObject({ completed: 1, confirmed: 1, held: 2, cancelled: 1 });
    expect(fresh.aggregator.stats().poison).toBe(0);
  });

  it('counts today\'s reservations and orphaned payments PostgreSQL has, even without their events', async () => {
    const today = new Date();
    const yesterday = new Date(Date.now() - 86_400_000 * 2);
    const row = (id: string, status: string, seq: number, at: Date) => ({
      tenant_id: t.id, id, status, last_sequence: seq, last_event_id: `ev-${id}`, allocations: h.rt.sql.json([['A', 's1', 1]]), created_at: at, updated_at: at,
    });
    await h.rt.sql`insert into reservations ${h.rt.sql([row('pg-done', 'fulfilled', 3, today), row('pg-old', 'held', 1, yesterday)])}`;
    await h.rt.sql`insert into payment_exceptions ${h.rt.sql({
      tenant_id: t.id, payment_id: 'pay-pg', reservation_id: 'pg-gone', reason: 'expired', resolution: 'refund_needed', new_reservation_id: null, event_id: 'ev-pay-pg', occurred_at: today,
    })}`;
    const role = await h.startWs();
    await caughtUp(role);
    const c = await h.connect(role, h.tokens.issue(t.id).token);
    c.subscribe('orders.today');
    c.subscribe('exceptions');
    const orders = (await c.snapshot('orders.today')).data as OrdersData;
    expect(orders).toMatchObject({ completed: 2, exceptions: 1 });
    expect((await c.snapshot('exceptions')).data).toMatchObject({ paymentsToday: 1, payments: [{ paymentId: 'pay-pg', reservationId: 'pg-gone' }] });
  });

  it('starts after the projector\'s ack floor once PostgreSQL has the events, and counts the same', async () => {
    const reference = await h.startWs();
    await caughtUp(reference);
    const projected = await drainProjector({
      nats: h.nats.nats, store: new LedgerRepo(h.rt.sql), redis: h.rt.redis, namespace: h.namespace, events: h.nats.events, log: h.rt.log, metrics: h.rt.metrics,
    }, 20_000);
    expect(projected).toBe(true);
    const last = (await (await h.nats.nats.jsm()).streams.info(`${h.namespace}_events`)).state.last_seq;
    const role = await h.startWs();
    expect(role.started).toMatchObject({ postgres: true, from: { seq: last + 1 } });
    expect(role.started.reservations).toBeGreaterThan(0);
    expect((await boardOf(role, h.tokens.issue(t.id).token)).orders.data).toEqual((await boardOf(reference, h.tokens.issue(t.id).token)).orders.data);
  });

  it('starts without the ledger tables: today\'s counts from today\'s events', async () => {
    const empty = createSqlForSchema(`${h.namespace}_none`);
    try {
      const withTables = await h.startWs();
      const without = await h.startWs({ sql: empty });
      await caughtUp(withTables);
      await caughtUp(without);
      const a = (await boardOf(withTables, h.tokens.issue(t.id).token)).orders.data as OrdersData;
      const b = (await boardOf(without, h.tokens.issue(t.id).token)).orders.data as OrdersData;
      // The PostgreSQL-only rows of the previous test are the difference.
      expect(b).toEqual({ ...a, total: a.total - 1, completed: a.completed - 1, exceptions: a.exceptions - 1 });
    } finally {
      await empty.end({ timeout: 5 });
    }
  });
});
