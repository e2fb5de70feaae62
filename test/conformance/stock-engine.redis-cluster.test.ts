// The StockEngine conformance suite against the Redis engine on a private
// 3-master Redis Cluster (test/helpers/redis-cluster.ts), then every other
// Lua script through the adapter that calls it (lease, outbox trim,
// watermark, ack log, timers, reconcile's repair and restore), and the SCAN
// paths (reconcile, board, sweeper index) with tenants on every master.
// Proof that every script ran whole on the cluster: each one's SHA is in the
// script cache of a master at the end (a cross-slot call would have failed).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterKeySlot, RedisPool, scanTargets } from '../../src/adapters/redis/connection.ts';
import { namespacePattern, TenantKeys } from '../../src/adapters/redis/keys.ts';
import { RedisLease } from '../../src/adapters/redis/lease.ts';
import { RedisOutbox } from '../../src/adapters/redis/outbox.ts';
import { AckedSeqMark, RedisAckLog } from '../../src/adapters/redis/ack-log.ts';
import { RedisTimers } from '../../src/adapters/redis/timers.ts';
import { RedisStockAdmin } from '../../src/adapters/redis/stock.admin.ts';
import { RedisBoardRepo } from '../../src/adapters/redis/board.repo.ts';
import { RedisStockEngine } from '../../src/adapters/redis/stock.engine.ts';
import { scriptNames, scriptSource } from '../../src/adapters/redis/scripts.ts';
import { raiseWatermarks } from '../../src/roles/projector/watermarks.ts';
import { loadConfig } from '../../src/config.ts';
import type { CellUpdate } from '../../src/app/board/board.types.ts';
import { defaultEngineOptions, deleteMatching, randomNamespace, scanKeys } from '../helpers/redis.ts';
import { PrivateRedisCluster } from '../helpers/redis-cluster.ts';
import { stockEngineConformance } from './stock-engine.conformance.ts';

let cluster: PrivateRedisCluster;
let pool: RedisPool;
const namespace = randomNamespace('cluster');
/** Keys of the conformance run per master port, counted before its cleanup. */
let conformanceKeysPerMaster: number[] = [];

const newPool = (url: string): RedisPool => new RedisPool({
  url, connections: 2, commandTimeoutMs: 10_000, cluster: loadConfig({ REDIS_URL: url }).redisCluster,
});

beforeAll(async () => {
  cluster = await PrivateRedisCluster.create();
  pool = newPool(cluster.url);
}, 60_000);

afterAll(async () => {
  await pool?.close();
  await cluster?.stop();
});

/** Keys matching `pattern` on each master (by SCAN on that node alone). */
async function keysPerMaster(pattern: string): Promise<number[]> {
  const nodes = await scanTargets(pool.next());
  return Promise.all(nodes.map(async (node) => (await scanKeys(node, pattern)).length));
}

/** One tenant id per master: tenants whose hash tag falls in each master's slots. */
function tenantsOnEveryMaster(prefix: string): string[] {
  const owners = new Map<string, string>();
  const client = pool.next() as unknown as { slots: string[][] };
  for (let i = 0; owners.size < 3 && i < 10_000; i++) {
    const tenant = `${prefix}${i}`;
    const owner = client.slots[clusterKeySlot(`{${tenant}}`)]?.[0];
    if (owner !== undefined && !owners.has(owner)) owners.set(owner, tenant);
  }
  return [...owners.values()];
}

describe('the cluster client', () => {
  it('computes the slot of a key as the cluster does (hash tag, or the whole key)', async () => {
    const node = (await scanTargets(pool.next()))[0]!;
    for (const key of ['pallet:{t1}:outbox', 'plain', '{}x', 'a{b}c{d}', `${namespace}:{sweep}:due`, '{ünï}']) {
      expect(clusterKeySlot(key), key).toBe(Number(await node.cluster('KEYSLOT', key)));
    }
  });
});

stockEngineConformance('RedisStockEngine on Redis Cluster', async () => {
  const onHandMax = 1_000;
  const engine = new RedisStockEngine(pool, { ...defaultEngineOptions(namespace), onHandMax });
  return {
    engine, onHandMax,
    async close() {
      conformanceKeysPerMaster = await keysPerMaster(namespacePattern(namespace));
      await deleteMatching(pool.next(), namespacePattern(namespace));
    },
  };
});

describe('the conformance run on the cluster', () => {
  it('spread its tenants over all three masters', () => {
    expect(conformanceKeysPerMaster).toHaveLength(3);
    for (const n of conformanceKeysPerMaster) expect(n).toBeGreaterThan(0);
  });
});

describe('every other script and every SCAN path on the cluster', () => {
  const ns = randomNamespace('clscripts');
  const T = 1_700_000_000_000;
  let engine: RedisStockEngine;
  let tenants: string[];

  beforeAll(async () => {
    engine = new RedisStockEngine(pool, defaultEngineOptions(ns));
    tenants = tenantsOnEveryMaster('cl');
    expect(tenants).toHaveLength(3);
    for (const t of tenants) {
      const w = (sku: string, n: number) => ({ warehouse: 'A', sku, eventId: `${t}-e${n}`, operationKey: `${t}-o${n}`, fingerprint: `f${n}`, reason: 'count', nowMs: T });
      expect((await engine.setStock(t, w('s1', 1), { onHand: 10 })).kind).toBe('written');
      expect((await engine.adjustStock(t, w('s2', 2), 5)).kind).toBe('written');
      const r = await engine.reserve(t, {
        reservationId: `${t}-r1`, idempotencyKey: `${t}-k1`, fingerprint: 'fp', nowMs: T, expiresAtMs: T + 1_000,
        catalogVersion: 0, allowSplit: false, warehouses: ['A'], demand: [{ sku: 's1', qty: 2 }],
      });
      expect(r.kind).toBe('reserved');
    }
  });

  afterAll(async () => {
    await deleteMatching(pool.next(), namespacePattern(ns));
  });

  it('scripts of tenants on different masters sent in one tick all run (none batched into another master\'s pipeline)', async () => {
    const now = T;
    const outs = await Promise.all(Array.from({ length: 15 }, (_, i) => engine.reserve(tenants[i % 3]!, {
      reservationId: `tick${i}`, idempotencyKey: `tick${i}`, fingerprint: 'fp', nowMs: now, expiresAtMs: now + 60_000,
      catalogVersion: 0, allowSplit: false, warehouses: ['A'], demand: [{ sku: 's2', qty: 1 }],
    })));
    expect(outs.map((o) => o.kind)).toEqual(Array(15).fill('reserved'));
    await Promise.all(Array.from({ length: 15 }, (_, i) => engine.transition(tenants[i % 3]!, 'release', `tick${i}`, now + 1)));
  });

  it('the keys of the three tenants live on three different masters', async () => {
    expect((await keysPerMaster(namespacePattern(ns))).every((n) => n > 0)).toBe(true);
  });

  it('reconcile reads (per-master SCAN) see each tenant\'s cells and reservations, and repair/restore run', async () => {
    const admin = new RedisStockAdmin(pool, ns);
    for (const t of tenants) {
      expect((await admin.cells(t, 100)).map((c) => `${c.sku}:${c.onHand}/${c.reserved}`)).toEqual(['s1:10/2', 's2:5/0']);
      const held = await admin.reservations(t, 100);
      expect(held?.filter((r) => r.status === 'held').map((r) => r.id)).toEqual([`${t}-r1`]);
      expect(held).toHaveLength(6); // and the five released in the tick test
      const s2 = (await admin.cellsNow(t, [{ warehouse: 'A', sku: 's2' }]))[0]!;
      expect(await admin.setCell(t, 'A', 's2', s2.version, { onHand: 7, reserved: 0, committed: 0, version: s2.version + 1, inTransit: 0, safetyStock: 0 })).toBe('written');
      expect(await admin.restoreReservation(t, {
        id: `${t}-r9`, status: 'held', createdAtMs: T, expiresAtMs: T + 5_000, confirmedAtMs: null, allocations: [['A', 's1', 1]],
      })).toBe('restored');
      expect(await admin.publishCatalogVersion(t, 4)).toBe(4);
    }
  });

  it('the sweeper\'s index (its own slot) takes tenants of every master, and sweeping expires on each', async () => {
    expect((await engine.dueTenants(T + 1_000, 100)).sort()).toEqual([...tenants].sort());
    expect(await engine.indexExpiries(tenants)).toBe(3);
    for (const t of tenants) {
      expect(await engine.sweep(t, T + 1_000, 10)).toBe(1);
      await engine.reindexExpiry(t);
    }
    // What is left: the restored reservations (expiring at T + 5000; records only, reconcile's repair sets cells).
    expect((await engine.dueTenants(T + 1_000, 100))).toEqual([]);
    expect((await engine.dueTenants(T + 5_000, 100)).sort()).toEqual([...tenants].sort());
  });

  it('the board loads every cell of every master, and reads drift across tenants without MGET', async () => {
    const board = new RedisBoardRepo(pool, ns);
    const seen: string[] = [];
    const inputs = {
      applyCell: (tenant: string, u: CellUpdate) => { seen.push(`${tenant}/${u.sku}`); return true; },
    } as unknown as Parameters<RedisBoardRepo['loadCells']>[2];
    expect(await board.loadCells(1_000, 1, inputs)).toEqual({ cells: 6, cellsTruncated: false });
    expect(seen.sort()).toEqual(tenants.flatMap((t) => [`${t}/s1`, `${t}/s2`]).sort());
    const client = pool.next();
    for (const t of tenants) await client.set(new TenantKeys(ns, t).drift, JSON.stringify({ checkedAtMs: T, cells: 2, items: [] }));
    const drift = await board.readDrift([...tenants, 'nobody'], 2);
    for (const t of tenants) expect(drift.get(t)).toMatchObject({ cells: 2, checkedAt: T });
    expect(drift.get('nobody')).toBeNull();
  });

  it('relay leases, outbox reads, acks and trims, and watermarks work on each master', async () => {
    for (const t of tenants) {
      const k = new TenantKeys(ns, t);
      const lease = new RedisLease(() => pool.next(), k.relayLease, 'me', { ms: 5_000 });
      expect((await lease.acquireOrRenew()).kind).toBe('acquired');
      expect((await new RedisLease(() => pool.next(), k.relayLease, 'other', { ms: 5_000 }).acquireOrRenew()).kind).toBe('held');
      const outbox = new RedisOutbox(() => pool.next(), k);
      await outbox.ensureGroup();
      const entries = await outbox.read('me', '>', 100);
      expect(entries.length).toBeGreaterThanOrEqual(4);
      await outbox.ack(entries, entries.length);
      const last = entries[entries.length - 1]![0];
      await raiseWatermarks(() => pool.next(), ns, new Map([[t, last]]), { error: () => undefined, warn: () => undefined } as never);
      expect(await outbox.watermark()).toBe(last);
      const trimmed = await outbox.trim({ wallFloorMs: null, consumer: 'me', idleConsumerMs: 60_000 });
      expect(trimmed).toMatchObject({ result: { trimmed: entries.length - 1 } });
      await lease.release();
    }
  });

  it('the ack log ({js} slot) notes, verifies, marks damaged and clears', async () => {
    const mark = new AckedSeqMark(pool, ns, 100);
    mark.note(7, 'm7');
    await mark.flush();
    const log = new RedisAckLog(pool.next(), ns);
    const snap = await log.read();
    expect(snap.entries.map((e) => e.mark.seq)).toEqual([7]);
    await log.raiseVerified(7);
    expect(await log.markDamaged(snap.entries[0]!.member, 'test')).toBe(true);
    expect((await log.read()).damaged).toBe('test');
    await log.clear();
    expect((await log.read()).entries).toEqual([]);
  });

  it('SLA timers arm, claim and settle per tenant, indexed across masters', async () => {
    const timers = new RedisTimers(pool, ns);
    for (const t of tenants) await timers.apply(t, `o-${t}`, { clear: [], arm: { stage: 'paidToReleased', deadlineMs: T + 10, keepExisting: false } });
    expect((await timers.dueTenants(T + 10, 10)).sort()).toEqual([...tenants].sort());
    for (const t of tenants) {
      const claimed = await timers.claim(t, T + 10, 1_000, 10);
      expect(claimed.map((c) => c.orderId)).toEqual([`o-${t}`]);
      expect(await timers.settle(t, claimed[0]!, null)).toBe(true);
    }
  });

  it('a new pool loads every script on every master once it knows the cluster (after SCRIPT FLUSH everywhere)', async () => {
    const nodes = await scanTargets(pool.next());
    expect(nodes.length).toBe(3);
    await Promise.all(nodes.map((n) => n.script('FLUSH')));
    const shas = scriptNames.map((name) => createHash('sha1').update(scriptSource(name)).digest('hex'));
    const cachedEverywhere = async (): Promise<string[]> => {
      const missing: string[] = [];
      for (const [i, sha] of shas.entries()) {
        const cached = await Promise.all(nodes.map(async (n) => ((await n.script('EXISTS', sha)) as number[])[0] === 1));
        if (!cached.every(Boolean)) missing.push(scriptNames[i]!);
      }
      return missing;
    };
    expect((await cachedEverywhere()).length).toBe(scriptNames.length);
    const fresh = newPool(cluster.url);
    try {
      const deadline = Date.now() + 15_000;
      let missing = await cachedEverywhere();
      while (missing.length > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        missing = await cachedEverywhere();
      }
      expect(missing).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
