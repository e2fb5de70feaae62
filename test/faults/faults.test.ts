// Fault tests of the durability chain (DESIGN.md): private Redis (AOF,
// appendfsync always), private NATS JetStream and the Pallet core as a child
// process, all on free ports with data in temp dirs, killed and paused by
// PID. PostgreSQL is the shared one, in this file's own schema (dropped in
// afterAll). Each scenario runs a bounded reservation load on its own tenant,
// injects a fault, and hands every 2xx — and the Idempotency-Key of every
// reservation that got none, which a cut request may still have applied — to
// the checker (checker.ts). Loads end on counts of answers, not on time.
// Figures are printed as `[fault] …` lines.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, formatReport, type CheckReport } from './checker.ts';
import { createTenant, deliverPayments, newLoadResult, runLoad, type LoadResult, type Tenant } from './client.ts';
import { Core, PrivateNats, PrivateRedis, sleep, waitFor, type CoreEnv } from './servers.ts';
import { Held, faultEnv, migrateCore } from './held.ts';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const adminKey = `op_${randomBytes(24).toString('base64url')}`;
const ackWaitMs = 2_000;
const sweepIntervalMs = 250;
/** A held reservation may outlive its expiry by one sweep plus the pipeline (relay, JetStream, projector). */
const expiryGraceMs = sweepIntervalMs + 2_000;
const drainTimeoutMs = 30_000;

const coreEnv = (namespace: string, redisUrl: string, natsUrl: string): CoreEnv =>
  faultEnv({ redisUrl, natsUrl, databaseUrl, namespace, adminKey, ackWaitMs, sweepIntervalMs });

function report(name: string, r: CheckReport, recoveryMs: number | null): void {
  console.log(formatReport(name, r, recoveryMs));
}

/** Recovery: from the fault to the first 2xx after the failed component was started again, or null. */
function recoveryMs(load: LoadResult, faultAt: number, restartedAt: number): number | null {
  const after = load.okTimes.filter((x) => x >= restartedAt);
  return after.length === 0 ? null : Math.min(...after) - faultAt;
}

/** 2xx answers a load must get on each side of its fault. */
const answersAroundFaultMin = 50;

/**
 * Keeps a load running until release(), then until it got more than
 * answersAroundFaultMin answers after release and more than `totalMin` in all
 * (and `tailMs` passed): counts, not time, so a slow machine runs longer
 * instead of failing. `capMs` after release it stops anyway (a hang guard:
 * the assertions on the counts then fail).
 */
function untilReleased(load: LoadResult, totalMin: number, tailMs = 1_000, capMs = 30_000): { stop: () => boolean; release: () => void } {
  let at: number | null = null;
  const answeredSince = (t: number): number => load.okTimes.filter((x) => x > t).length;
  return {
    stop: () => at !== null && Date.now() > at + tailMs
      && ((answeredSince(at) > answersAroundFaultMin && load.acknowledged.size > totalMin) || Date.now() > at + capMs),
    release: () => { at = Date.now(); },
  };
}

/** Until the running load got enough answers for the fault to land mid-load (instead of a fixed sleep). */
async function answeredBeforeFault(load: LoadResult): Promise<void> {
  await waitFor('answers before the fault', async () => load.okTimes.length > answersAroundFaultMin + 10, 60_000);
}

/** The fault hit a running load: 2xx answers both before and after it. */
function expectMidLoad(load: LoadResult, faultAt: number): void {
  expect(load.okTimes.filter((t) => t < faultAt).length).toBeGreaterThan(answersAroundFaultMin);
  expect(load.okTimes.filter((t) => t > faultAt).length).toBeGreaterThan(answersAroundFaultMin);
}

const held = new Held();
afterAll(() => held.release(databaseUrl), 60_000);

describe('faults: the durability chain under kill -9 and pauses (AOF on)', () => {
  let redis: PrivateRedis;
  let nats: PrivateNats;
  let core: Core;
  let env: CoreEnv;

  beforeAll(async () => {
    redis = await held.redis(true);
    nats = await held.nats();
    env = coreEnv(held.namespace(), redis.url, nats.url);
    await migrateCore(env);
    core = await held.core(env, held.dir('core'));
  }, 60_000);

  it('1. kill -9 of the core mid-load, restart, finish the load (short TTL: expiry checked)', async () => {
    const tenant = await createTenant(core.base, adminKey);
    const load = newLoadResult();
    const gate = untilReleased(load, 300);
    const running = runLoad({ base: () => core.base, tenant, count: 5_000, concurrency: 6, ttlSeconds: 3, pauseMs: 5, stop: gate.stop }, load);
    await answeredBeforeFault(load);
    const killedAt = Date.now();
    await core.proc.kill9();
    await sleep(300);
    const restartedAt = Date.now();
    await core.start();
    const restartMs = Date.now() - killedAt;
    gate.release();
    await running;
    expectMidLoad(load, killedAt);
    // Wait until every reservation is past its expiry plus one sweep and the pipeline.
    const lastExpiry = Math.max(...[...load.acknowledged.values()].map((v) => v.expiresAtMs));
    await sleep(Math.max(0, lastExpiry + expiryGraceMs + 250 - Date.now()));
    // Requests cut by the kill may be applied without a 2xx: the checker finds them by Idempotency-Key.
    const r = await check({ env, tenant: tenant.id, attempted: load.attempted, reservations: load.acknowledged, unanswered: load.unanswered, expiryGraceMs, drainTimeoutMs });
    const recovery = recoveryMs(load, killedAt, restartedAt);
    report(`core kill -9 (restart ${restartMs}ms, client errors ${load.errors})`, r, recovery);
    expect(r.problems).toEqual([]);
    expect(r.lost).toBe(0);
    expect(r.acknowledged).toBeGreaterThan(300);
    // Every reservation expired exactly once, acknowledged or not (resolvedTwice and duplicates are problems above).
    expect(r.expiredAcknowledged).toBe(r.acknowledged);
    expect(r.appliedUnacknowledgedFound).toBe(r.appliedUnacknowledged);
    expect(r.expiredUnacknowledged).toBe(r.appliedUnacknowledged);
    expect(r.resolvedTwice).toBe(0);
  }, 120_000);

  it('2. kill -9 of Redis mid-load, restart from its AOF; the core keeps running', async () => {
    const tenant = await createTenant(core.base, adminKey);
    const load = newLoadResult();
    const gate = untilReleased(load, 300);
    const running = runLoad({ base: () => core.base, tenant, count: 5_000, concurrency: 6, ttlSeconds: 600, pauseMs: 5, stop: gate.stop }, load);
    await answeredBeforeFault(load);
    const killedAt = Date.now();
    await redis.proc.kill9();
    await sleep(500);
    const restartedAt = Date.now();
    await redis.start();
    gate.release();
    await running;
    expectMidLoad(load, killedAt);
    const r = await check({ env, tenant: tenant.id, attempted: load.attempted, reservations: load.acknowledged, unanswered: load.unanswered, expiryGraceMs, drainTimeoutMs });
    report(`redis kill -9 + AOF restart (client errors ${load.errors})`, r, recoveryMs(load, killedAt, restartedAt));
    expect(r.problems).toEqual([]);
    expect(r.lost).toBe(0);
    expect(r.appliedUnacknowledgedFound).toBe(r.appliedUnacknowledged);
    expect(r.acknowledged).toBeGreaterThan(300);
  }, 120_000);

  it('3. kill -9 of NATS and restart (same store); SIGSTOP longer than the ack wait, then SIGCONT', async () => {
    const tenant = await createTenant(core.base, adminKey);
    const load = newLoadResult();
    const gate = untilReleased(load, 400);
    const running = runLoad({ base: () => core.base, tenant, count: 5_000, concurrency: 6, ttlSeconds: 600, pauseMs: 10, stop: gate.stop }, load);
    await answeredBeforeFault(load);
    const killedAt = Date.now();
    await nats.proc.kill9();
    await sleep(500);
    await nats.start();
    await sleep(1_000);
    nats.proc.signal('SIGSTOP');
    await sleep(ackWaitMs * 2);
    nats.proc.signal('SIGCONT');
    const resumedAt = Date.now();
    gate.release();
    await running;
    expectMidLoad(load, killedAt);
    expect(load.okTimes.filter((t) => t > resumedAt).length).toBeGreaterThan(answersAroundFaultMin);
    const checkedAt = Date.now();
    const r = await check({ env, tenant: tenant.id, attempted: load.attempted, reservations: load.acknowledged, unanswered: load.unanswered, expiryGraceMs, drainTimeoutMs });
    // Recovery: from SIGCONT until the checker saw the pipeline drained (the load ran 1 s past SIGCONT).
    const recovery = checkedAt + r.drainMs - resumedAt;
    report(`nats kill -9 + restart, SIGSTOP ${ackWaitMs * 2}ms (client errors ${load.errors})`, r, recovery);
    expect(r.problems).toEqual([]);
    expect(r.lost).toBe(0);
    expect(r.appliedUnacknowledgedFound).toBe(r.appliedUnacknowledged);
    expect(r.acknowledged).toBeGreaterThan(400);
  }, 120_000);

  it('4. payment callbacks delivered 1-5 times each, concurrently and out of order', async () => {
    const tenant: Tenant = await createTenant(core.base, adminKey);
    const load = await runLoad({ base: () => core.base, tenant, count: 200, concurrency: 6, ttlSeconds: 600 });
    expect(load.acknowledged.size).toBe(200);
    const started = Date.now();
    const cb = await deliverPayments(core.base, tenant, [...load.acknowledged.keys()], 8);
    const r = await check({
      env, tenant: tenant.id, attempted: load.attempted, reservations: load.acknowledged, unanswered: load.unanswered,
      payments: cb.acknowledged, paymentsUnanswered: cb.unanswered, expiryGraceMs, drainTimeoutMs,
    });
    const statuses = [...cb.statuses].map(([s, n]) => `${s}:${n}`).join(',') || 'none';
    report(`payments: ${cb.sent} deliveries, ${cb.accepted2xx} 2xx, non-2xx ${statuses}; recovery = callbacks + drain`, r, Date.now() - started);
    expect(r.problems).toEqual([]);
    expect(r.paymentsAcknowledged).toBe(200);
    expect(r.paymentsFound).toBe(200);
    expect(r.paymentsNotConfirmed).toBe(0);
    expect(r.duplicateEffects).toBe(0);
  }, 90_000);
});

describe('faults: negative control (Redis without AOF)', () => {
  it('5. kill -9 of a Redis without AOF after acknowledged reservations: the checker reports the loss', async () => {
    const redis = await held.redis(false);
    const nats = await held.nats();
    const env = coreEnv(held.namespace(), redis.url, nats.url);
    expect(env.REDIS_URL).not.toMatch(/:6379$/);
    await migrateCore(env);
    const core = await held.core(env, held.dir('core'));
    const tenant = await createTenant(core.base, adminKey);
    const load = await runLoad({ base: () => core.base, tenant, count: 100, concurrency: 4, ttlSeconds: 600 });
    const input = { env, tenant: tenant.id, attempted: load.attempted, reservations: load.acknowledged, unanswered: load.unanswered, expiryGraceMs, drainTimeoutMs };
    // The checker passes before the fault: the control differs from the scenarios above only by the AOF.
    const before = await check(input);
    report('negative control, before the kill', before, null);
    expect(before.problems).toEqual([]);
    await redis.proc.kill9();
    await redis.start();
    const after = await check({ ...input, noWait: true });
    report('negative control, Redis restarted without AOF', after, null);
    expect(after.ok).toBe(false);
    expect(after.reconcileExit).not.toBe(0);
    expect(after.reconcileOutput).toMatch(/missing_in_redis|redis_behind/);
    expect(after.missingInRedis).toBe(load.acknowledged.size);
  }, 90_000);
});
