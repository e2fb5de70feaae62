// The expiry sweeper (RedisStockEngine.sweep) against the real Redis: what it
// expires, that concurrent sweepers expire each reservation exactly once, and
// that a confirm racing an expiry has exactly one winner. One random namespace
// for the file (deleted in afterAll), one tenant per test.

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ReserveCommand, TransitionOutcome } from '../../src/app/stock.port.ts';
import type { RedisStockEngine } from '../../src/adapters/redis/stock.engine.ts';
import { createHarness } from '../helpers/redis.ts';
import { readCells, readOutbox, readReservations, replayLedger, sumByCell, type OutboxEvent } from '../helpers/outbox.ts';

const h = createHarness('sweep', { connections: 4 });
// two engines over separate pools ("processes"), so concurrent sweepers do not share sockets
const engines: RedisStockEngine[] = [h.engine, h.engineOn(h.extraPool(4))];
const T = 1_700_000_000_000;
let seq = 0;
const tenants: string[] = [];

afterEach(async () => {
  // every test leaves cells equal to the replay of its outbox
  for (const t of tenants.splice(0)) {
    const ledger = replayLedger(await readOutbox(h.redis(), h.keys(t)));
    expect(await readCells(h.redis(), h.keys(t)), `cells of ${t} = replay of its outbox`).toEqual(ledger);
  }
});
afterAll(() => h.close());

function newTenant(): string {
  const t = `ten${++seq}`;
  tenants.push(t);
  return t;
}

async function stock(tenant: string, wh: string, sku: string, onHand: number): Promise<void> {
  const out = await h.engine.setStock(tenant, {
    warehouse: wh, sku, eventId: `ev${++seq}`, operationKey: `op${seq}`, fingerprint: 'fp', reason: 'init', nowMs: T,
  }, { onHand });
  expect(out.kind).toBe('written');
}

function cmd(resId: string, sku: string, qty: number, expiresAtMs: number): ReserveCommand {
  return {
    reservationId: resId, idempotencyKey: resId, fingerprint: 'fp', nowMs: T, expiresAtMs, catalogVersion: 0,
    allowSplit: false, warehouses: ['A'], demand: [{ sku, qty }],
  };
}

async function held(tenant: string, resId: string, sku: string, qty: number, expiresAtMs: number): Promise<void> {
  expect((await h.engine.reserve(tenant, cmd(resId, sku, qty, expiresAtMs))).kind).toBe('reserved');
}

const events = async (tenant: string, type: string): Promise<OutboxEvent[]> =>
  (await readOutbox(h.redis(), h.keys(tenant))).filter((e) => e.type === type);
const index = async (tenant: string): Promise<string[]> => h.redis().zrange(h.keys(tenant).expiry, 0, -1);
const statusOf = async (tenant: string, id: string): Promise<string | undefined> => (await h.engine.getReservation(tenant, id))?.status;

function shuffle<T>(items: T[], seed: number): T[] {
  let s = seed >>> 0;
  for (let i = items.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    const j = s % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const codeOf = (o: TransitionOutcome): string => (o.kind === 'error' ? o.error.code : o.kind);

describe('sweep', () => {
  it('expires the held reservations due at now (inclusive) and leaves later, confirmed and released ones alone', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 100);
    await held(t, 'due1', 's1', 1, T + 10);
    await held(t, 'due2', 's1', 2, T + 20);
    await held(t, 'later', 's1', 4, T + 21);
    await held(t, 'conf', 's1', 8, T + 5);
    await held(t, 'rel', 's1', 16, T + 5);
    expect(await h.engine.transition(t, 'confirm', 'conf', T)).toEqual({ kind: 'done' });
    expect(await h.engine.transition(t, 'release', 'rel', T)).toEqual({ kind: 'done' });
    expect(await h.engine.sweep(t, T + 9, 100)).toBe(0);
    expect(await h.engine.sweep(t, T + 20, 100)).toBe(2);
    expect((await events(t, 'expired')).map((e) => e.id).sort()).toEqual(['due1:expired', 'due2:expired']);
    expect(await statusOf(t, 'due1')).toBe('expired');
    expect(await statusOf(t, 'due2')).toBe('expired');
    expect(await statusOf(t, 'later')).toBe('held');
    expect(await statusOf(t, 'conf')).toBe('confirmed');
    expect(await index(t)).toEqual(['later']);
    expect((await readCells(h.redis(), h.keys(t))).get('A/s1')).toMatchObject({ onHand: 100, reserved: 4, committed: 8 });
    expect(await h.engine.sweep(t, T + 20, 100)).toBe(0);
    expect(await events(t, 'expired')).toHaveLength(2);
  });

  it('expires at most max reservations per sweep, earliest expiry first', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 100);
    for (let i = 5; i >= 1; i--) await held(t, `r${i}`, 's1', 1, T + i);
    expect(await h.engine.sweep(t, T + 10, 2)).toBe(2);
    expect(await index(t)).toEqual(['r3', 'r4', 'r5']);
    expect(await h.engine.sweep(t, T + 10, 2)).toBe(2);
    expect(await h.engine.sweep(t, T + 10, 2)).toBe(1);
    expect(await h.engine.sweep(t, T + 10, 2)).toBe(0);
    expect(await index(t)).toEqual([]);
  });

  it('drops an index entry whose reservation is gone, so such entries cannot block the sweeper', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 10);
    await held(t, 'real', 's1', 3, T + 10);
    // e.g. a reservation hash lost to eviction or deleted by hand, its index entry still due first
    await h.redis().zadd(h.keys(t).expiry, T - 100, 'ghost1', T - 99, 'ghost2');
    let expired = 0;
    for (let i = 0; i < 3; i++) expired += await h.engine.sweep(t, T + 10, 2);
    expect(await index(t)).toEqual([]);
    expect(expired).toBe(1);
    expect(await statusOf(t, 'real')).toBe('expired');
  });

  it('expires each of 200 due reservations exactly once under 8 concurrent sweepers', async () => {
    const t = newTenant();
    const skus = ['s1', 's2', 's3', 's4'];
    for (const sku of skus) await stock(t, 'A', sku, 200);
    const ids = Array.from({ length: 200 }, (_, i) => `r${i}`);
    const qty = (i: number): number => 1 + (i % 3);
    await Promise.all(ids.map((id, i) => held(t, id, skus[i % 4]!, qty(i), T + (i % 7))));
    const s1 = ids.reduce((n, _, i) => n + (i % 4 === 0 ? qty(i) : 0), 0);
    expect((await readCells(h.redis(), h.keys(t))).get('A/s1')).toMatchObject({ reserved: s1 });
    const counts = await Promise.all(Array.from({ length: 8 }, (_, i) => engines[i % 2]!.sweep(t, T + 10, 500)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(200);
    const expired = await events(t, 'expired');
    expect(expired).toHaveLength(200);
    expect(new Set(expired.map((e) => e.id))).toEqual(new Set(ids.map((id) => `${id}:expired`)));
    const records = await readReservations(h.redis(), h.keys(t), ids);
    expect([...records.values()].every((r) => r?.st === 'expired')).toBe(true);
    for (const [, c] of await readCells(h.redis(), h.keys(t))) expect(c).toMatchObject({ onHand: 200, reserved: 0, committed: 0 });
    expect(await index(t)).toEqual([]);
    expect(await Promise.all(engines.map((e) => e.sweep(t, T + 10, 500)))).toEqual([0, 0]);
  });
});

describe('confirm racing expiry', () => {
  const pairs = 150;

  async function setup(t: string): Promise<string[]> {
    await stock(t, 'A', 's1', 1_000);
    await stock(t, 'A', 's2', 1_000);
    const ids = Array.from({ length: pairs }, (_, i) => `r${i}`);
    await Promise.all(ids.map((id, i) => held(t, id, i % 2 === 0 ? 's1' : 's2', 1 + (i % 3), T + 1_000)));
    return ids;
  }

  /** Per reservation, the confirmed and expired events; checks counters against the winners. */
  async function winners(t: string, ids: string[]): Promise<Map<string, 'confirmed' | 'expired'>> {
    const all = await readOutbox(h.redis(), h.keys(t));
    const out = new Map<string, 'confirmed' | 'expired'>();
    for (const id of ids) {
      const ends = all.filter((e) => e.data.res === id && (e.type === 'confirmed' || e.type === 'expired')).map((e) => e.type);
      expect(ends, `events ending ${id}`).toHaveLength(1);
      out.set(id, ends[0] as 'confirmed' | 'expired');
    }
    const records = await readReservations(h.redis(), h.keys(t), ids);
    for (const id of ids) expect(records.get(id)?.st, id).toBe(out.get(id));
    const cells = await readCells(h.redis(), h.keys(t));
    const committed = sumByCell(records.values(), 'confirmed');
    for (const sku of ['s1', 's2']) {
      expect(cells.get(`A/${sku}`)).toEqual({ onHand: 1_000, reserved: 0, committed: committed.get(`A/${sku}`) ?? 0, v: expect.any(Number) });
    }
    expect(await index(t)).toEqual([]);
    return out;
  }

  it('has exactly one winner per reservation when a confirm just before expiry races expire and sweepers at expiry', async () => {
    const t = newTenant();
    const ids = await setup(t);
    const ops: (() => Promise<[string, string, TransitionOutcome | number]>)[] = [];
    ids.forEach((id, i) => {
      ops.push(async () => [id, 'confirm', await engines[i % 2]!.transition(t, 'confirm', id, T + 999)]);
      ops.push(async () => [id, 'expire', await engines[(i + 1) % 2]!.transition(t, 'expire', id, T + 1_000)]);
    });
    for (let i = 0; i < 4; i++) ops.push(async () => ['*', 'sweep', await engines[i % 2]!.sweep(t, T + 1_000, 500)]);
    const results = await Promise.all(shuffle(ops, 7).map((op) => op()));
    const won = await winners(t, ids);
    const swept = results.filter(([, op]) => op === 'sweep').reduce((n, [, , r]) => n + (r as number), 0);
    let expiredByTransition = 0;
    for (const [id, op, r] of results) {
      if (op === 'sweep') continue;
      const code = codeOf(r as TransitionOutcome);
      if (op === 'confirm') expect(code, `confirm ${id}`).toBe(won.get(id) === 'confirmed' ? 'done' : 'RESERVATION_EXPIRED');
      else if (won.get(id) === 'confirmed') expect(code, `expire ${id}`).toBe('RESERVATION_CONFIRMED');
      else if (code === 'done') expiredByTransition++;
      else expect(code, `expire ${id}`).toBe('RESERVATION_EXPIRED');
    }
    const expiredCount = [...won.values()].filter((w) => w === 'expired').length;
    expect(expiredByTransition + swept).toBe(expiredCount);
    console.log(`confirm-vs-expire race: ${pairs - expiredCount} confirmed, ${expiredCount} expired (${swept} by sweepers)`);
  });

  it('never confirms when the confirm arrives at the expiry instant, whoever runs first', async () => {
    const t = newTenant();
    const ids = await setup(t);
    const ops: (() => Promise<[string, TransitionOutcome | number]>)[] = [];
    ids.forEach((id, i) => ops.push(async () => [id, await engines[i % 2]!.transition(t, 'confirm', id, T + 1_000)]));
    for (let i = 0; i < 4; i++) ops.push(async () => ['*', await engines[i % 2]!.sweep(t, T + 1_000, 500)]);
    const results = await Promise.all(shuffle(ops, 11).map((op) => op()));
    for (const [id, r] of results) if (id !== '*') expect(codeOf(r as TransitionOutcome), id).toBe('RESERVATION_EXPIRED');
    const won = await winners(t, ids);
    expect([...won.values()].every((w) => w === 'expired')).toBe(true);
  });
});
