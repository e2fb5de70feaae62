// Reconcile and rebuild against the real Redis, NATS JetStream and
// PostgreSQL: stock changes made with the real engine, published to JetStream
// here, projected by a real projector; then drift is injected in Redis by
// hand and found, repaired, or Redis is wiped and rebuilt from the ledger.
// One random namespace for the file, removed in afterAll; one tenant per test.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReserveCommand, Transition } from '../../src/app/stock.port.ts';
import { runRebuildCommand } from '../../src/app/rebuild.command.ts';
import { runReconcileCommand } from '../../src/app/reconcile.command.ts';
import { ReconcileService, type ReconcileOptions } from '../../src/app/reconcile.service.ts';
import { drainProjector } from '../../src/roles/projector.role.ts';
import { Reconciler } from '../../src/roles/reconciler.role.ts';
import { readCells } from '../helpers/outbox.ts';
import { deleteMatching, scanKeys } from '../helpers/redis.ts';
import { createPipelineHarness, type PipelineHarness } from './harness.ts';

let h: PipelineHarness;
let seq = 0;
const fast: Omit<ReconcileOptions, 'repair'> = { recheckRounds: 3, recheckDelayMs: 50 };

beforeAll(async () => {
  h = await createPipelineHarness('reco');
  await h.projector();
});
afterAll(async () => {
  await h?.close();
});

const newTenant = (): string => `ten${++seq}x${Math.floor(Math.random() * 1e6)}`;
const rt = () => ({ ledger: h.ledger, stockAdmin: h.admin });
/**
 * Reservation ids are unique across tenants, as the API's UUIDs are: event ids
 * (`<reservation>:<event>`) are the JetStream message ids, deduplicated stream-wide.
 */
const rid = (tenant: string, name: string): string => `${name}-${tenant}`;

async function setStock(tenant: string, wh: string, sku: string, onHand: number, extra: { safetyStock?: number; inTransit?: number } = {}): Promise<void> {
  const out = await h.redis.engine.setStock(tenant, {
    warehouse: wh, sku, eventId: `ev-${++seq}`, operationKey: `op-${seq}`, fingerprint: 'fp', reason: 'count', nowMs: Date.now(),
  }, { onHand, ...extra });
  expect(out.kind).toBe('written');
}

async function reserve(tenant: string, name: string, lines: [string, number][], opts: { split?: boolean; ttlMs?: number } = {}): Promise<void> {
  const now = Date.now();
  const cmd: ReserveCommand = {
    reservationId: rid(tenant, name), idempotencyKey: rid(tenant, name), fingerprint: 'fp', nowMs: now, expiresAtMs: now + (opts.ttlMs ?? 900_000), catalogVersion: 0,
    allowSplit: opts.split ?? false, warehouses: ['w1', 'w2'], demand: lines.map(([sku, qty]) => ({ sku, qty })),
  };
  expect((await h.redis.engine.reserve(tenant, cmd)).kind).toBe('reserved');
}

async function transition(tenant: string, op: Transition, name: string): Promise<void> {
  expect((await h.redis.engine.transition(tenant, op, rid(tenant, name), Date.now())).kind).toBe('done');
}

/** Levels in two warehouses, reservations in every state, all projected. */
async function shop(tenant: string): Promise<void> {
  await setStock(tenant, 'w1', 'A', 30, { safetyStock: 4, inTransit: 6 });
  await setStock(tenant, 'w1', 'B', 12, { safetyStock: 1 });
  await setStock(tenant, 'w2', 'A', 9, { inTransit: 2 });
  await reserve(tenant, 'held1', [['A', 2], ['B', 3]]);
  await reserve(tenant, 'held2', [['A', 35]], { split: true });
  await reserve(tenant, 'conf1', [['B', 2]]);
  await transition(tenant, 'confirm', 'conf1');
  await reserve(tenant, 'rel1', [['A', 1]]);
  await transition(tenant, 'release', 'rel1');
  await reserve(tenant, 'ful1', [['B', 1]]);
  await transition(tenant, 'confirm', 'ful1');
  await transition(tenant, 'fulfil', 'ful1');
  await reserve(tenant, 'exp1', [['A', 1]], { ttlMs: -1 });
  expect(await h.redis.engine.sweep(tenant, Date.now(), 10)).toBe(1);
  await h.publish(tenant);
  await h.drained();
}

function capture() {
  const lines: string[] = [];
  return { lines, out: { log: (l: string) => { lines.push(l); }, error: (l: string) => { lines.push(`ERR ${l}`); } }, text: () => lines.join('\n') };
}

describe('reconcile', () => {
  it('reports a clean state, finds a counter changed behind the scripts (exit 1), and --repair sets it from the ledger', async () => {
    const tenant = newTenant();
    await shop(tenant);
    const clean = capture();
    expect(await runReconcileCommand(rt(), ['--tenant', tenant], clean.out, fast), clean.text()).toBe(0);
    expect(clean.lines.at(-1)).toMatch(/1 tenant\(s\), 3 cell\(s\), 6 reservation\(s\) checked: 0 drifted/);

    const before = await readCells(h.redis.redis(), h.redis.keys(tenant));
    await h.redis.redis().hincrby(h.redis.keys(tenant).cell('w1', 'A'), 'onHand', 3);
    const drift = capture();
    expect(await runReconcileCommand(rt(), ['--tenant', tenant], drift.out, fast)).toBe(1);
    expect(drift.text()).toContain(`DRIFT ${tenant} w1/A counters  redis[onHand=33 reserved=`);
    expect(drift.lines.filter((l) => l.startsWith('DRIFT'))).toHaveLength(1);

    const repair = capture();
    expect(await runReconcileCommand(rt(), ['--tenant', tenant, '--repair'], repair.out, fast), repair.text()).toBe(0);
    expect(repair.text()).toMatch(new RegExp(`DRIFT ${tenant} w1/A counters .* REPAIRED`));
    expect(repair.lines.at(-1)).toMatch(/0 drifted$/);
    expect(await readCells(h.redis.redis(), h.redis.keys(tenant))).toEqual(before);
  });

  it('waits for events still in flight; reports a ledger that never catches up as lagging', async () => {
    const tenant = newTenant();
    await shop(tenant);
    await setStock(tenant, 'w2', 'A', 20);
    await reserve(tenant, 'late1', [['B', 1]]);
    const service = new ReconcileService(h.ledger, h.admin, fast);
    const lagging = await service.reconcile(tenant);
    expect(lagging.drift.map((d) => [d.warehouse, d.sku, d.kind])).toEqual([['w1', 'B', 'lagging'], ['w2', 'A', 'lagging']]);
    expect(lagging.reservationDrift).toEqual([{ tenant, reservationId: rid(tenant, 'late1'), kind: 'reservation_lagging', redis: 'held', postgres: null }]);

    // The events reach PostgreSQL while reconcile re-checks (10 × 200 ms by default): no drift.
    const publishing = new Promise((resolve) => setTimeout(resolve, 300)).then(() => h.publish(tenant));
    const report = await new ReconcileService(h.ledger, h.admin).reconcile(tenant);
    await publishing;
    expect(report.drift).toEqual([]);
    expect(report.reservationDrift).toEqual([]);
  });

  it('finds Redis behind the ledger, a lost cell and a lost reservation; repairs the cells, not the reservation', async () => {
    const tenant = newTenant();
    await shop(tenant);
    const k = h.redis.keys(tenant);
    const redis = h.redis.redis();
    const v = Number(await redis.hget(k.cell('w1', 'B'), 'v'));
    await redis.hset(k.cell('w1', 'B'), 'v', v - 1, 'onHand', 100); // as if restored from an older AOF
    await redis.del(k.cell('w2', 'A'));
    await redis.del(k.reservation(rid(tenant, 'conf1')));

    const report = await new ReconcileService(h.ledger, h.admin, fast).reconcile(tenant, { repair: true });
    expect(report.drift.map((d) => [`${d.warehouse}/${d.sku}`, d.kind, d.repaired])).toEqual([
      ['w1/B', 'redis_behind', true], ['w2/A', 'missing_in_redis', true],
      ['w1/B', 'confirmed_vs_committed', undefined], ['w2/A', 'held_vs_reserved', undefined],
    ]);
    expect(report.reservationDrift).toEqual([{ tenant, reservationId: rid(tenant, 'conf1'), kind: 'reservation_missing_in_redis', redis: null, postgres: 'confirmed' }]);
    const ledger = await h.ledger.ledgerSums(tenant);
    expect(await readCells(redis, k)).toEqual(new Map(ledger.map((c) => [`${c.warehouse}/${c.sku}`, { onHand: c.onHand, reserved: c.reserved, committed: c.committed, v: c.version }])));
    expect(await redis.hmget(k.cell('w2', 'A'), 'inTransit', 'safetyStock')).toEqual(['2', '0']);

    const after = capture();
    expect(await runReconcileCommand(rt(), ['--tenant', tenant], after.out, fast)).toBe(1);
    expect(after.text()).toContain(`DRIFT ${tenant} reservation ${rid(tenant, 'conf1')} reservation_missing_in_redis  redis=- postgres=confirmed`);
  });

  it('reports a ledger with a missing event as ledger_gap and neither repairs nor rebuilds from it', async () => {
    const tenant = newTenant();
    await setStock(tenant, 'w1', 'A', 5);
    await setStock(tenant, 'w1', 'A', 6);
    await setStock(tenant, 'w1', 'A', 7);
    const [first, lost, third] = await h.nextEnvelopes(tenant);
    expect(lost).toBeDefined();
    await h.publishEnvelopes([first!, third!]);
    await h.drained();
    const report = await new ReconcileService(h.ledger, h.admin, fast).reconcile(tenant, { repair: true });
    expect(report.drift).toMatchObject([{ warehouse: 'w1', sku: 'A', kind: 'ledger_gap', detail: '2 ledger rows for versions 1..3' }]);
    expect(report.drift[0]!.repaired).toBeUndefined();
    await deleteMatching(h.redis.redis(), `${h.redis.keys(tenant).prefix}*`);
    const rebuild = capture();
    expect(await runRebuildCommand(rt(), ['--tenant', tenant, '--no-drain'], rebuild.out)).toBe(1);
    expect(rebuild.text()).toMatch(/PROBLEM .* w1\/A: the ledger has 2 rows for versions 1..3/);
    expect(await scanKeys(h.redis.redis(), `${h.redis.keys(tenant).prefix}c:*`)).toEqual([]);
  });

  it('the Reconciler role publishes the drift count and the time of its last run', async () => {
    const tenant = newTenant();
    await shop(tenant);
    await h.redis.redis().hincrby(h.redis.keys(tenant).cell('w2', 'A'), 'reserved', 1);
    const warnings: string[] = [];
    const reconciler = new Reconciler(new ReconcileService(h.ledger, h.admin, fast), 3600, h.metrics, { warn: (_o, m) => { warnings.push(m); }, error: () => undefined });
    const report = await reconciler.runOnce();
    const mine = report.drift.filter((d) => d.tenant === tenant).map((d) => [d.warehouse, d.sku, d.kind]);
    expect(mine).toEqual([['w2', 'A', 'counters'], ['w2', 'A', 'held_vs_reserved']]);
    expect((await h.metrics.reconcileDriftCells.get()).values[0]!.value).toBe(report.drift.length + report.reservationDrift.length);
    expect((await h.metrics.reconcileLastRunSeconds.get()).values[0]!.value).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(warnings.some((w) => w.startsWith('reconcile:'))).toBe(true);
    await h.redis.redis().hincrby(h.redis.keys(tenant).cell('w2', 'A'), 'reserved', -1);
  });

  it('rejects unknown options with exit status 2', async () => {
    const c = capture();
    expect(await runReconcileCommand(rt(), ['--tenat', 'x'], c.out)).toBe(2);
    expect(c.text()).toMatch(/usage: pallet reconcile/);
  });
});

describe('rebuild', () => {
  /** What a rebuild restores: cells, live reservations, the expiry index. */
  async function restorable(tenant: string) {
    const redis = h.redis.redis();
    const k = h.redis.keys(tenant);
    const out: Record<string, unknown> = {};
    for (const key of await scanKeys(redis, `${k.prefix}c:*`)) out[key] = await redis.hgetall(key);
    for (const key of await scanKeys(redis, `${k.prefix}r:*`)) {
      const r = await redis.hgetall(key);
      if (r.st === 'held' || r.st === 'confirmed') out[key] = r;
    }
    out[k.expiry] = await redis.zrange(k.expiry, 0, -1, 'WITHSCORES');
    return out;
  }

  it('restores identical cells and live reservations after every key of the tenant is gone, first draining JetStream', async () => {
    const tenant = newTenant();
    await shop(tenant);
    // The JetStream tail: events published but not yet projected when Redis is lost.
    const projectorDeps = { nats: h.nats, store: h.ledger, redis: h.redis.pool, namespace: h.ns, events: h.events, log: { info: () => {}, warn: () => {}, error: () => {} }, metrics: h.metrics };
    await reserve(tenant, 'tail1', [['B', 4]]);
    await transition(tenant, 'confirm', 'held1');
    const before = await restorable(tenant);
    expect(Object.keys(before).filter((key) => key.includes(':r:')).length).toBe(4); // held2, tail1, held1 (now confirmed), conf1

    await h.stopProjectors(); // nothing consumes until the rebuild drains
    expect(await h.publish(tenant)).toBe(2);
    expect(await deleteMatching(h.redis.redis(), `${h.redis.keys(tenant).prefix}*`)).toBeGreaterThan(5);

    const out = capture();
    const code = await runRebuildCommand({ ...rt(), drain: (ms) => drainProjector(projectorDeps, ms) }, ['--tenant', tenant, '--drain-timeout-seconds', '20'], out.out);
    expect(code, out.text()).toBe(0);
    expect(out.text()).toContain('projector drained');
    expect(out.lines.at(-1)).toBe('1 tenant(s): 3 cell(s) restored, 0 present; 4 reservation(s) restored, 0 present; 0 problem(s)');
    expect(await restorable(tenant)).toEqual(before);

    const check = capture();
    expect(await runReconcileCommand(rt(), ['--tenant', tenant], check.out, fast), check.text()).toBe(0);

    // Life goes on from the restored versions: the ledger stays gap-free and equal to Redis.
    await h.projector();
    await transition(tenant, 'fulfil', 'conf1');
    await transition(tenant, 'release', 'tail1');
    await h.publish(tenant);
    await h.drained();
    const after = capture();
    expect(await runReconcileCommand(rt(), ['--tenant', tenant], after.out, fast), after.text()).toBe(0);

    // A second rebuild overwrites nothing.
    const again = capture();
    expect(await runRebuildCommand(rt(), ['--tenant', tenant, '--no-drain'], again.out)).toBe(0);
    expect(again.lines.at(-1)).toBe('1 tenant(s): 0 cell(s) restored, 3 present; 0 reservation(s) restored, 2 present; 0 problem(s)');
  });

  it('refuses to rebuild without a way to drain unless --no-drain, and when the drain times out', async () => {
    const a = capture();
    expect(await runRebuildCommand(rt(), ['--tenant', 'x'], a.out)).toBe(2);
    const b = capture();
    expect(await runRebuildCommand({ ...rt(), drain: async () => false }, ['--tenant', 'x', '--drain-timeout-seconds', '1'], b.out)).toBe(1);
    expect(b.text()).toMatch(/did not drain within 1 s; nothing rebuilt/);
  });
});
