// The whole reservation → outbox → relay → JetStream → projector → PostgreSQL
// path past one machine: a private Redis Cluster (3 masters, one replica
// each), a private three-node NATS cluster (PALLET_EVENTS_REPLICAS=3) and
// THREE Pallet instances (`pallet serve`, every role in each, as child
// processes) sharing the shared PostgreSQL in this file's own schema. Every
// scenario runs reservations on one tenant per Redis master, each request sent
// to the next instance in turn (a load balancer; a retry goes to the next
// one), and hands every 2xx, and every Idempotency-Key that never got one, to
// the fault checker (checker.ts). Faults land on counts of answers, not on
// time. Figures are printed as `[fault] …` lines.

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterKeySlot } from '../../src/adapters/redis/connection.ts';
import { TenantKeys } from '../../src/adapters/redis/keys.ts';
import { relayGroup } from '../../src/adapters/redis/outbox.ts';
import { connectNats } from '../../src/adapters/nats/connection.ts';
import { topology } from '../../src/adapters/nats/topology.ts';
import { PrivateNatsCluster } from '../helpers/nats-cluster.ts';
import { PrivateRedisCluster } from '../helpers/redis-cluster.ts';
import { check, formatReport, type CheckReport } from './checker.ts';
import { createTenant, deliverPayments, newLoadResult, runLoad, type LoadResult, type Tenant } from './client.ts';
import { Held, faultEnv, migrateCore } from './held.ts';
import { sleep, waitFor, type Core, type CoreEnv } from './servers.ts';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const adminKey = `op_${randomBytes(24).toString('base64url')}`;
const ackWaitMs = 2_000;
const sweepIntervalMs = 250;
/** Short, so a dead instance's leases are free soon (the duplicate window, 120 s, stays above 4 leases). */
const relayLeaseMs = 2_000;
const expiryGraceMs = sweepIntervalMs + 2_000;
const drainTimeoutMs = 30_000;
/** 2xx answers the load must get on each side of a fault. */
const answersAroundFaultMin = 60;

const held = new Held();
let redis: PrivateRedisCluster;
let nats: PrivateNatsCluster;
let probe: Cluster;
let env: CoreEnv;
let cores: Core[] = [];
const coreDirs: string[] = [];
/** Every tenant this file made: after an instance dies, each one's outbox must still drain. */
const allTenants: Tenant[] = [];

beforeAll(async () => {
  // No Redis node is killed here: the node timeout of ops/redis-cluster.sh (5 s), so a starved 2-core machine
  // does not promote a replica of a live master (asynchronous replication: that could drop acknowledged writes).
  [redis, nats] = await Promise.all([PrivateRedisCluster.create({ replicas: true, nodeTimeoutMs: 5_000 }), PrivateNatsCluster.create()]);
  env = faultEnv({
    redisUrl: redis.url, natsUrl: nats.url, databaseUrl, namespace: held.namespace(), adminKey, ackWaitMs, sweepIntervalMs,
    extra: { PALLET_EVENTS_REPLICAS: '3', PALLET_RELAY_LEASE_MS: String(relayLeaseMs), PALLET_METRICS_PORT: '0' },
  });
  expect(env.REDIS_URL.split(',')).toHaveLength(6);
  expect(env.NATS_URL.split(',')).toHaveLength(3);
  probe = new Cluster(redis.ports.map((port) => ({ host: '127.0.0.1', port })), { redisOptions: { maxRetriesPerRequest: 2 } });
  probe.on('error', () => undefined);
  await migrateCore(env);
  // The first instance creates the JetStream topology alone; the other two find it and start together.
  coreDirs.push(held.dir('core-1'), held.dir('core-2'), held.dir('core-3'));
  cores = [await held.core(env, coreDirs[0]!)];
  cores.push(...await Promise.all([held.core(env, coreDirs[1]!), held.core(env, coreDirs[2]!)]));
}, 180_000);

afterAll(async () => {
  probe?.disconnect();
  // Stopped first so their logs are complete; what they logged at error level is printed (the dirs go with release).
  await Promise.all(cores.map((c) => c.proc.stop()));
  coreDirs.forEach((d, i) => console.log(errorLines(`instance ${i + 1}`, join(d, 'core.log'))));
  try {
    await held.release(databaseUrl);
  } finally {
    await Promise.all([nats?.stop(), redis?.stop()]);
  }
}, 90_000);

/** How many lines a core logged at error level (50+), by message, with the first error of each. */
function errorLines(name: string, file: string): string {
  const byMsg = new Map<string, { n: number; err: string }>();
  for (const line of (existsSync(file) ? readFileSync(file, 'utf8') : '').split('\n')) {
    if (!line.startsWith('{')) continue;
    let e: { level?: number; msg?: string; err?: unknown; reqId?: string };
    try { e = JSON.parse(line) as typeof e; } catch { continue; }
    if ((e.level ?? 0) < 50) continue;
    const msg = e.msg ?? '?';
    const err = typeof e.err === 'string' ? e.err : (e.err as { message?: string } | undefined)?.message ?? '';
    byMsg.set(msg, { n: (byMsg.get(msg)?.n ?? 0) + 1, err: byMsg.get(msg)?.err ?? err.slice(0, 200) });
  }
  const parts = [...byMsg].map(([msg, v]) => `${v.n}x ${msg} (${v.err})`);
  return `[fault] ${name} logged at error level: ${parts.length === 0 ? 'nothing' : parts.join('; ')}`;
}

/** The next live instance, in turn: what a load balancer in front of the three does. */
let turn = 0;
function nextBase(): string {
  const live = cores.filter((c) => c.proc.running);
  return live[turn++ % live.length]!.base;
}

/** Master port → its slot ranges (CLUSTER SLOTS). */
async function slotsByMaster(): Promise<Map<number, [number, number][]>> {
  const out = new Map<number, [number, number][]>();
  for (const [start, end, master] of await probe.cluster('SLOTS')) {
    if (master === undefined) continue;
    const port = Number(master[1]);
    out.set(port, [...(out.get(port) ?? []), [start, end]]);
  }
  return out;
}

/** One new tenant on each Redis master (the tenant id is the hash tag of all its keys), created through the instances in turn. */
async function tenantPerMaster(): Promise<Tenant[]> {
  const masters = await slotsByMaster();
  expect(masters.size).toBe(3);
  const ids: string[] = [];
  for (const ranges of masters.values()) {
    for (let i = 0; i < 100_000; i++) {
      const id = `tn_${randomBytes(5).toString('hex')}`;
      const slot = clusterKeySlot(`{${id}}`);
      if (ranges.some(([a, b]) => slot >= a && slot <= b)) { ids.push(id); break; }
    }
  }
  expect(ids).toHaveLength(3);
  const tenants = await Promise.all(ids.map((id) => createTenant(nextBase(), adminKey, id)));
  allTenants.push(...tenants);
  return tenants;
}

/**
 * Loads on every tenant at once until stop(): released by the fault, then on
 * until more than answersAroundFaultMin answers after it, at least one for
 * every tenant, and more than totalMin in all. capMs after the release it
 * stops anyway (a hang guard: the assertions on the counts then fail).
 */
function gatedLoads(tenants: readonly Tenant[], totalMin: number, capMs = 30_000) {
  const loads = tenants.map(() => newLoadResult());
  let at: number | null = null;
  const after = (l: LoadResult, t: number): number => l.okTimes.filter((x) => x > t).length;
  const total = (): number => loads.reduce((n, l) => n + l.acknowledged.size, 0);
  const stop = (): boolean => at !== null && (Date.now() > at + capMs
    || (loads.reduce((n, l) => n + after(l, at!), 0) > answersAroundFaultMin && loads.every((l) => after(l, at!) > 0) && total() > totalMin));
  const running = Promise.all(tenants.map((tenant, i) => runLoad({
    base: nextBase, tenant, count: 5_000, concurrency: 2, ttlSeconds: 600, pauseMs: 5, stop,
  }, loads[i])));
  return {
    loads, running,
    answered: (): number => loads.reduce((n, l) => n + l.okTimes.length, 0),
    release: () => { at = Date.now(); },
  };
}

/** The fault hit a running load: answers on both sides of it, on every tenant after it. */
function expectMidLoad(loads: readonly LoadResult[], faultAt: number): void {
  const okTimes = loads.flatMap((l) => l.okTimes);
  expect(okTimes.filter((t) => t < faultAt).length).toBeGreaterThan(answersAroundFaultMin);
  expect(okTimes.filter((t) => t > faultAt).length).toBeGreaterThan(answersAroundFaultMin);
  for (const l of loads) expect(l.okTimes.filter((t) => t > faultAt).length).toBeGreaterThan(0);
}

/** The checker on every tenant (their `pallet reconcile` runs in parallel), each report printed. */
async function checkAll(name: string, tenants: readonly Tenant[], loads: readonly LoadResult[], extra: (i: number) => Partial<Parameters<typeof check>[0]> = () => ({})): Promise<CheckReport[]> {
  const reports = await Promise.all(tenants.map((t, i) => check({
    env, tenant: t.id, attempted: loads[i]!.attempted, reservations: loads[i]!.acknowledged, unanswered: loads[i]!.unanswered,
    expiryGraceMs, drainTimeoutMs, ...extra(i),
  })));
  reports.forEach((r, i) => console.log(formatReport(`${name} [${tenants[i]!.id}]`, r, null)));
  return reports;
}

function expectClean(reports: readonly CheckReport[]): void {
  for (const r of reports) {
    expect(r.problems).toEqual([]);
    expect(r.lost).toBe(0);
    expect(r.found).toBe(r.acknowledged);
    expect(r.duplicateEffects).toBe(0);
    expect(r.appliedUnacknowledgedFound).toBe(r.appliedUnacknowledged);
    expect(r.reconcileExit).toBe(0);
  }
}

/** The relay lease owner of each tenant (`<host>-<pid>-<hex>`), or null when nobody holds it. */
async function leaseOwners(tenants: readonly Tenant[]): Promise<(string | null)[]> {
  return Promise.all(tenants.map((t) => probe.get(new TenantKeys(env.PALLET_NAMESPACE, t.id).relayLease)));
}

const ownedBy = (owner: string | null, core: Core): boolean => owner !== null && owner.includes(`-${core.proc.pid}-`);

/** The relay group read every outbox entry of the tenant and acknowledged it (nothing pending). */
async function outboxDrained(t: Tenant): Promise<boolean> {
  const key = new TenantKeys(env.PALLET_NAMESPACE, t.id).outbox;
  const [last] = await probe.xrevrange(key, '+', '-', 'COUNT', 1);
  if (last === undefined) return false;
  const groups = (await probe.xinfo('GROUPS', key)) as unknown[][];
  const g = groups.find((x) => x[x.indexOf('name') + 1] === relayGroup);
  if (g === undefined || g[g.indexOf('last-delivered-id') + 1] !== last[0]) return false;
  const pending = (await probe.xpending(key, relayGroup)) as [number, ...unknown[]];
  return Number(pending[0]) === 0;
}

describe('the whole path on a Redis Cluster and a NATS cluster with three Pallet instances', () => {
  it('1. no fault: reservations, payments delivered 1-5 times to any instance, expiry by three sweepers; all found once, reconcile clean', async () => {
    const tenants = await tenantPerMaster();
    // Per tenant: 60 held for long (40 of them paid), 40 that expire after 3 s.
    const held600 = await Promise.all(tenants.map((tenant) => runLoad({ base: nextBase, tenant, count: 60, concurrency: 2, ttlSeconds: 600 })));
    const short = await Promise.all(tenants.map((tenant) => runLoad({ base: nextBase, tenant, count: 40, concurrency: 2, ttlSeconds: 3 })));
    const paid = await Promise.all(tenants.map((tenant, i) => deliverPayments(nextBase, tenant, [...held600[i]!.acknowledged.keys()].slice(0, 40), 3)));
    const loads = tenants.map((_, i): LoadResult => ({
      attempted: held600[i]!.attempted + short[i]!.attempted, errors: held600[i]!.errors + short[i]!.errors,
      acknowledged: new Map([...held600[i]!.acknowledged, ...short[i]!.acknowledged]),
      unanswered: [...held600[i]!.unanswered, ...short[i]!.unanswered], okTimes: [...held600[i]!.okTimes, ...short[i]!.okTimes],
    }));
    for (const l of loads) expect(l.acknowledged.size).toBe(100);
    const lastExpiry = Math.max(...short.flatMap((l) => [...l.acknowledged.values()].map((v) => v.expiresAtMs)));
    await sleep(Math.max(0, lastExpiry + sweepIntervalMs + 250 - Date.now()));
    const reports = await checkAll('cluster path, no fault', tenants, loads, (i) => ({ payments: paid[i]!.acknowledged, paymentsUnanswered: paid[i]!.unanswered }));
    expectClean(reports);
    for (const [i, r] of reports.entries()) {
      expect(r.expiredAcknowledged).toBe(short[i]!.acknowledged.size);
      expect(r.paymentsAcknowledged).toBe(40);
      expect(r.paymentsFound).toBe(40);
      expect(r.paymentsNotConfirmed).toBe(0);
      expect(r.resolvedTwice).toBe(0);
    }
  }, 90_000);

  it('2. kill -9 of one of the three instances mid-load: its relay leases move to the others, every outbox drains, nothing lost', async () => {
    const tenants = await tenantPerMaster();
    const run = gatedLoads(tenants, 300);
    await waitFor('answers before the kill', async () => run.answered() > answersAroundFaultMin + 10, 60_000);
    // The victim: the instance that holds the most relay leases right now (of every tenant of this file).
    const owners = await waitFor('relay leases of this scenario\'s tenants', async () => {
      const o = await leaseOwners(allTenants);
      return o.slice(-tenants.length).every((x) => x !== null) ? o : null;
    }, 30_000);
    const victim = [...cores].sort((a, b) => owners.filter((o) => ownedBy(o, b)).length - owners.filter((o) => ownedBy(o, a)).length)[0]!;
    const victimTenants = allTenants.filter((_, i) => ownedBy(owners[i]!, victim));
    expect(victimTenants.length).toBeGreaterThan(0);
    const victimPid = victim.proc.pid;
    const killedAt = Date.now();
    await victim.proc.kill9();
    run.release();
    await run.running;
    expectMidLoad(run.loads, killedAt);
    // Every tenant's outbox drained, and no lease names the dead instance: the survivors took its tenants over.
    const survivors = cores.filter((c) => c !== victim);
    await waitFor('every outbox drained by a live relay', async () => {
      const o = await leaseOwners(allTenants);
      const moved = victimTenants.every((t) => survivors.some((c) => ownedBy(o[allTenants.indexOf(t)]!, c)));
      return moved && o.every((x) => x === null || !x.includes(`-${victimPid}-`)) && (await Promise.all(allTenants.map(outboxDrained))).every(Boolean);
    }, drainTimeoutMs, 100);
    const movedMs = Date.now() - killedAt;
    // The killed instance comes back (same port, same environment) while the checker runs, for the next scenario.
    const [reports] = await Promise.all([checkAll('cluster path, kill -9 of a Pallet instance', tenants, run.loads), victim.start()]);
    console.log(`[fault] instance kill -9: it held ${victimTenants.length} of ${allTenants.length} relay leases; leases moved and every outbox drained ${movedMs} ms after the kill `
      + `(lease ${relayLeaseMs} ms); client errors ${run.loads.reduce((n, l) => n + l.errors, 0)}`);
    expectClean(reports);
    expect(reports.reduce((n, r) => n + r.acknowledged, 0)).toBeGreaterThan(300);
  }, 120_000);

  it('3. kill -9 of the NATS server leading the events stream mid-load (R3): every acknowledged event kept, checker clean', async () => {
    const tenants = await tenantPerMaster();
    const js = await connectNats(nats.url, 'cluster-path-test');
    let leader: string;
    try {
      const stream = topology(env.PALLET_NAMESPACE).eventsStream;
      leader = await waitFor('an events stream leader', async () => (await (await js.jsm()).streams.info(stream)).cluster?.leader || null, 20_000);
    } finally {
      await js.close();
    }
    const run = gatedLoads(tenants, 300);
    await waitFor('answers before the kill', async () => run.answered() > answersAroundFaultMin + 10, 60_000);
    const killedAt = Date.now();
    await nats.kill9(leader);
    run.release();
    await run.running;
    expectMidLoad(run.loads, killedAt);
    // Checked while the killed server is still down: the two survivors hold every acknowledged event.
    const reports = await checkAll(`cluster path, kill -9 of NATS ${leader} (events stream leader)`, tenants, run.loads);
    console.log(`[fault] nats kill -9 of ${leader}: client errors ${run.loads.reduce((n, l) => n + l.errors, 0)}`);
    expectClean(reports);
    expect(reports.reduce((n, r) => n + r.acknowledged, 0)).toBeGreaterThan(300);
  }, 120_000);
});
