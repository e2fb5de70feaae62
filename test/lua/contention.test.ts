// Many concurrent clients reserving the same scarce stock against the real
// Redis: never more than what is on hand, and stopping only when no refused
// request could have fitted. Clients are four engines over four pools of their
// own ("processes"), two connections each; requests go out at once through
// Promise.all. One random namespace for the file, deleted in afterAll.

import { afterAll, describe, expect, it } from 'vitest';
import type { ReserveCommand, ReserveOutcome } from '../../src/app/stock.port.ts';
import type { RedisStockEngine } from '../../src/adapters/redis/stock.engine.ts';
import { createHarness } from '../helpers/redis.ts';
import { readCells, readOutbox, readReservations, replayLedger, sumByCell } from '../helpers/outbox.ts';

const h = createHarness('contention', { connections: 2 });
const clients: RedisStockEngine[] = Array.from({ length: 4 }, () => h.engineOn(h.extraPool(2)));
const T = 1_700_000_000_000;
let seq = 0;

afterAll(() => h.close());

async function stock(tenant: string, sku: string, onHand: number): Promise<void> {
  const out = await h.engine.setStock(tenant, {
    warehouse: 'A', sku, eventId: `ev${++seq}`, operationKey: `op${seq}`, fingerprint: 'fp', reason: 'init', nowMs: T,
  }, { onHand });
  expect(out.kind).toBe('written');
}

function cmd(resId: string, demand: [string, number][], more: Partial<ReserveCommand> = {}): ReserveCommand {
  return {
    reservationId: resId, idempotencyKey: resId, fingerprint: 'fp', nowMs: T, expiresAtMs: T + 60_000, catalogVersion: 0,
    allowSplit: false, warehouses: ['A'], demand: demand.map(([sku, qty]) => ({ sku, qty })), ...more,
  };
}

/** Sends every command at once, round-robin over the clients. */
function reserveAll(tenant: string, cmds: ReserveCommand[]): Promise<ReserveOutcome[]> {
  return Promise.all(cmds.map((c, i) => clients[i % clients.length]!.reserve(tenant, c)));
}

/** Checks counters = sum of held reservations = replay of the outbox, for every cell; returns the cells. */
async function expectConsistent(tenant: string, ids: string[]): Promise<Map<string, { onHand: number; reserved: number; committed: number }>> {
  const records = await readReservations(h.redis(), h.keys(tenant), ids);
  const heldSums = sumByCell(records.values(), 'held');
  const cells = await readCells(h.redis(), h.keys(tenant));
  for (const [name, c] of cells) {
    expect(c.reserved, `reserved of ${name} = sum of held reservations`).toBe(heldSums.get(name) ?? 0);
    expect(c.onHand - c.reserved - c.committed, `available of ${name}`).toBeGreaterThanOrEqual(0);
  }
  expect(cells).toEqual(replayLedger(await readOutbox(h.redis(), h.keys(tenant))));
  return cells;
}

/** A small deterministic PRNG (LCG), so the quantities are the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
}

describe('contention on one SKU', () => {
  it('grants exactly N of 2N concurrent single-unit requests for N units', async () => {
    const t = 'single';
    const n = 500;
    await stock(t, 's1', n);
    const ids = Array.from({ length: 2 * n }, (_, i) => `r${i}`);
    const outcomes = await reserveAll(t, ids.map((id) => cmd(id, [['s1', 1]])));
    const granted = outcomes.filter((o) => o.kind === 'reserved');
    expect(granted).toHaveLength(n);
    for (const o of outcomes) {
      if (o.kind === 'reserved') continue;
      expect(o).toMatchObject({ kind: 'error', error: { code: 'STOCK_INSUFFICIENT', extra: { lines: [{ sku: 's1', requested: 1, available: 0 }] } } });
    }
    const cells = await expectConsistent(t, ids);
    expect(cells.get('A/s1')).toMatchObject({ onHand: n, reserved: n, committed: 0 });
    expect((await readOutbox(h.redis(), h.keys(t))).filter((e) => e.type === 'reserved')).toHaveLength(n);
  });

  it('never over-reserves 2,000 concurrent requests of 1..3 units, and refuses only requests that could not fit', async () => {
    const t = 'mixed';
    const n = 500;
    await stock(t, 's1', n);
    const rand = lcg(20_240_601);
    const qtys = Array.from({ length: 2_000 }, () => 1 + Math.floor(rand() * 3));
    const ids = qtys.map((_, i) => `r${i}`);
    const outcomes = await reserveAll(t, ids.map((id, i) => cmd(id, [['s1', qtys[i]!]])));
    let grantedQty = 0;
    const refusedQtys: number[] = [];
    outcomes.forEach((o, i) => {
      if (o.kind === 'reserved') {
        expect(o.allocations).toEqual([{ warehouse: 'A', sku: 's1', qty: qtys[i] }]);
        grantedQty += qtys[i]!;
        return;
      }
      expect(o).toMatchObject({ kind: 'error', error: { code: 'STOCK_INSUFFICIENT' } });
      // the availability it saw was too small for it
      const line = (o.kind === 'error' ? o.error.extra?.lines : undefined) as { requested: number; available: number }[];
      expect(line[0]!.available).toBeLessThan(qtys[i]!);
      refusedQtys.push(qtys[i]!);
    });
    const cells = await expectConsistent(t, ids);
    const c = cells.get('A/s1')!;
    expect(c.reserved).toBe(grantedQty);
    expect(grantedQty).toBeLessThanOrEqual(n);
    // availability only falls here (nothing is released), so every refused request is larger than what is left
    expect(refusedQtys.length).toBeGreaterThan(0);
    expect(n - grantedQty).toBeLessThan(Math.min(...refusedQtys));
    console.log(`contention 1..3 units: ${outcomes.length - refusedQtys.length} granted (${grantedQty} units of ${n}), ${refusedQtys.length} refused`);
  });

  it('reserves a multi-component cart all or nothing under contention: the scarce component caps both', async () => {
    const t = 'cart';
    await stock(t, 's1', 500);
    await stock(t, 's2', 100);
    const ids = Array.from({ length: 300 }, (_, i) => `r${i}`);
    const outcomes = await reserveAll(t, ids.map((id) => cmd(id, [['s1', 1], ['s2', 1]])));
    expect(outcomes.filter((o) => o.kind === 'reserved')).toHaveLength(100);
    const cells = await expectConsistent(t, ids);
    expect(cells.get('A/s1')).toMatchObject({ reserved: 100 });
    expect(cells.get('A/s2')).toMatchObject({ reserved: 100 });
  });

  it('reserves once for 50 concurrent retries of one idempotency key; every retry gets the same reservation id', async () => {
    const t = 'retry';
    await stock(t, 's1', 10);
    const ids = Array.from({ length: 50 }, (_, i) => `attempt${i}`);
    const outcomes = await reserveAll(t, ids.map((id) => cmd(id, [['s1', 3]], { idempotencyKey: 'order-1', fingerprint: 'body-1' })));
    const winners = ids.filter((_, i) => outcomes[i]!.kind === 'reserved');
    expect(winners).toHaveLength(1);
    for (const o of outcomes) if (o.kind !== 'reserved') expect(o).toEqual({ kind: 'replay', reservationId: winners[0] });
    const cells = await expectConsistent(t, ids);
    expect(cells.get('A/s1')).toMatchObject({ reserved: 3 });
    expect((await readOutbox(h.redis(), h.keys(t))).filter((e) => e.type === 'reserved')).toHaveLength(1);
  });
});
