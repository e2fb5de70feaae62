// The sweeper role against the real Redis: driven by the sweep index the
// engine keeps, it expires a brand-new tenant's reservations on its next
// round, has no cap on tenants, and the index is never later than a held
// reservation, whatever reserves and sweeps interleave.
import { afterAll, describe, expect, it } from 'vitest';
import type { ReserveCommand } from '../../src/app/stock.port.ts';
import { sweepIndexKey } from '../../src/adapters/redis/keys.ts';
import { Sweeper, type SweeperOptions } from '../../src/roles/sweeper.role.ts';
import { createHarness } from '../helpers/redis.ts';

const h = createHarness('sweeper', { connections: 4 });
afterAll(() => h.close());

const T = 1_700_000_000_000;
let seq = 0;
const quietLog = { error: (o: object, m: string) => console.log('ERR', m, o), warn: (o: object, m: string) => console.log('WARN', m, o) };
const options: SweeperOptions = { intervalMs: 50, batchMax: 100, tenantsPerRoundMax: 1_000, concurrency: 8, rescanMs: 0, rescanPageMax: 100 };

function manualClock(start: number): { nowMs(): number; set(ms: number): void } {
  let now = start;
  return { nowMs: () => now, set: (ms) => { now = ms; } };
}

async function stock(tenant: string, sku: string, onHand: number): Promise<void> {
  const out = await h.engine.setStock(tenant, {
    warehouse: 'A', sku, eventId: `ev${++seq}`, operationKey: `op${seq}`, fingerprint: 'fp', reason: 'init', nowMs: T,
  }, { onHand });
  expect(out.kind).toBe('written');
}

function cmd(resId: string, sku: string, qty: number, expiresAtMs: number): ReserveCommand {
  return {
    reservationId: resId, idempotencyKey: resId, fingerprint: 'fp', nowMs: T, expiresAtMs, catalogVersion: 0,
    allowSplit: false, warehouses: ['A'], demand: [{ sku, qty }],
  };
}

const reserve = (tenant: string, id: string, qty: number, expiresAtMs: number) => h.engine.reserve(tenant, cmd(id, 's1', qty, expiresAtMs));
const statusOf = async (tenant: string, id: string) => (await h.engine.getReservation(tenant, id))?.status;
const indexScore = async (tenant: string): Promise<number | null> => {
  const s = await h.redis().zscore(sweepIndexKey(h.namespace), tenant);
  return s === null ? null : Number(s);
};
const nextExpiry = async (tenant: string): Promise<number | null> => {
  const r = await h.redis().zrange(h.keys(tenant).expiry, 0, 0, 'WITHSCORES');
  return r.length === 2 ? Number(r[1]) : null;
};

describe('sweeper', () => {
  it('expires a tenant created after its last round on the first round after the reservation falls due', async () => {
    const clock = manualClock(T);
    const sweeper = new Sweeper(h.engine, async () => [], clock, options, quietLog);
    expect(await sweeper.sweepOnce()).toBe(0);
    // The tenant did not exist a moment ago: no tenant list to refresh first.
    await stock('newcomer', 's1', 10);
    expect((await reserve('newcomer', 'r1', 3, T + 1_000)).kind).toBe('reserved');
    clock.set(T + 999);
    expect(await sweeper.sweepOnce()).toBe(0);
    expect(await statusOf('newcomer', 'r1')).toBe('held');
    clock.set(T + 1_000);
    expect(await sweeper.sweepOnce()).toBe(1);
    expect(await statusOf('newcomer', 'r1')).toBe('expired');
    expect(await indexScore('newcomer')).toBeNull();
  });

  it('has no cap on tenants: 10,050 tenants with a due reservation each all expire', async () => {
    const tenants = Array.from({ length: 10_050 }, (_, i) => `many${i}`);
    for (let i = 0; i < tenants.length; i += 500) {
      const slice = tenants.slice(i, i + 500);
      await Promise.all(slice.map((t) => stock(t, 's1', 1)));
      const outs = await Promise.all(slice.map((t) => reserve(t, 'r', 1, T + 5)));
      expect(outs.every((o) => o.kind === 'reserved')).toBe(true);
    }
    const sweeper = new Sweeper(h.engine, async () => [], manualClock(T + 10), { ...options, tenantsPerRoundMax: 1_000, concurrency: 16 }, quietLog);
    let expired = 0;
    let rounds = 0;
    for (let n = -1; n !== 0 && rounds < 30; rounds++) {
      n = await sweeper.sweepOnce();
      expired += n;
    }
    expect(expired).toBe(tenants.length);
    expect(rounds).toBeLessThanOrEqual(12); // 11 rounds of at most 1,000 tenants, then an empty one
    expect(await statusOf('many10049', 'r')).toBe('expired');
    expect(await h.redis().zcount(sweepIndexKey(h.namespace), '-inf', '+inf')).toBeLessThan(5);
  }, 120_000);

  it('keeps a tenant with more due than a round takes due, and sets a swept tenant to its next expiry', async () => {
    const t = 'deep';
    await stock(t, 's1', 1_000);
    for (let i = 0; i < 30; i++) expect((await reserve(t, `d${i}`, 1, T + 1)).kind).toBe('reserved');
    expect((await reserve(t, 'later', 1, T + 60_000)).kind).toBe('reserved');
    const clock = manualClock(T + 10);
    // 2 reservations per batch, 10 batches per tenant and round: 20, then the other 10.
    const sweeper = new Sweeper(h.engine, async () => [], clock, { ...options, batchMax: 2 }, quietLog);
    expect(await sweeper.sweepOnce()).toBe(20);
    expect(await indexScore(t)).toBe(T + 1);
    expect(await sweeper.sweepOnce()).toBe(10);
    expect(await indexScore(t)).toBe(T + 60_000);
    expect(await statusOf(t, 'later')).toBe('held');
  });

  it('leaves the index alone when a reservation is refused', async () => {
    const t = 'refused';
    await stock(t, 's1', 1);
    expect((await reserve(t, 'ok', 1, T + 50_000)).kind).toBe('reserved');
    expect((await reserve(t, 'no', 1, T + 5)).kind).toBe('error');
    expect(await indexScore(t)).toBe(T + 50_000);
    expect(await indexScore('never-reserved')).toBeNull();
    expect((await reserve('never-reserved', 'x', 1, T + 5)).kind).toBe('error');
    expect(await indexScore('never-reserved')).toBeNull();
  });

  it('rescans every catalog tenant, page by page, into the index (data from before the index existed)', async () => {
    const tenants = Array.from({ length: 250 }, (_, i) => `old${String(i).padStart(3, '0')}`);
    await Promise.all(tenants.map((t) => stock(t, 's1', 5)));
    await Promise.all(tenants.map((t, i) => reserve(t, 'r', 1, T + 100 + i)));
    await h.redis().zrem(sweepIndexKey(h.namespace), ...tenants);
    const listTenants = async (limit: number, afterId?: string) => tenants.filter((t) => afterId === undefined || t > afterId).slice(0, limit);
    const sweeper = new Sweeper(h.engine, listTenants, manualClock(T + 1_000), { ...options, rescanPageMax: 100 }, quietLog);
    expect(await sweeper.sweepOnce()).toBe(0);
    expect(await sweeper.rescan()).toBe(250);
    expect(await indexScore('old249')).toBe(T + 349);
    expect(await sweeper.sweepOnce()).toBe(250);
  });

  it('never leaves the index later than a held reservation while reserves and sweeps interleave', async () => {
    const tenants = ['race0', 'race1', 'race2'];
    await Promise.all(tenants.map((t) => stock(t, 's1', 100_000)));
    const clock = manualClock(T);
    const sweepers = [0, 1].map(() => new Sweeper(h.engine, async () => [], clock, { ...options, batchMax: 3 }, quietLog));
    let stop = false;
    const sweeping = (async () => {
      for (let i = 0; !stop && i < 10_000; i++) {
        clock.set(T + i * 7);
        await Promise.all(sweepers.map((s) => s.sweepOnce()));
      }
    })();
    let n = 0;
    for (let round = 0; round < 40; round++) {
      await Promise.all(tenants.map((t) => reserve(t, `x${n++}`, 1, clock.nowMs() + (n % 11) * 13)));
    }
    stop = true;
    await sweeping;
    for (const t of tenants) {
      const next = await nextExpiry(t);
      const score = await indexScore(t);
      if (next !== null) {
        expect(score, `${t}: index entry present`).not.toBeNull();
        expect(score!, `${t}: index entry at or before the next expiry`).toBeLessThanOrEqual(next);
      }
    }
  });
});
