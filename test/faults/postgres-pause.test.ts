// Fault test: PostgreSQL (the system of record) paused by SIGSTOP — the
// postmaster and all its children — during a burst of signed payment
// callbacks, longer than the consumer ack wait, then SIGCONT. Private
// PostgreSQL (initdb in a temp dir, run as the postgres user), private Redis
// (AOF) and NATS JetStream, the core as a child process; all stopped by PID in
// afterAll. The checker (checker.ts) then requires every 2xx reservation and
// payment in PostgreSQL exactly once, one confirm per paid reservation,
// `pallet reconcile` exit 0 and the consumers drained.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayload } from '../../src/app/payment.signature.ts';
import { check, formatReport } from './checker.ts';
import { createTenant, problemCode, runLoad, type Tenant } from './client.ts';
import { Core, PrivatePostgres, sleep, waitFor, type CoreEnv } from './servers.ts';
import { Held, faultEnv, migrateCore } from './held.ts';

const adminKey = `op_${randomBytes(24).toString('base64url')}`;
const ackWaitMs = 2_000;
const pauseMs = 4_000;
const sweepIntervalMs = 250;
const expiryGraceMs = sweepIntervalMs + 2_000;
const drainTimeoutMs = 30_000;
const reservations = 150;

// Released in reverse order: the core first, PostgreSQL (resumed before it is stopped) last; no schema in the shared one.
const held = new Held();
afterAll(() => held.release(''), 60_000);

/** The state letter of /proc/<pid>/stat ('T' = stopped), or '?' when the process is gone. */
function procState(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return '?';
  }
}

interface Delivery { readonly paymentId: string; readonly reservationId: string; readonly deliveryId: string }

interface Burst {
  sent: number;
  accepted2xx: number;
  /** paymentId → reservationId of every payment with an accepted delivery. */
  readonly acknowledged: Map<string, string>;
  /** paymentId → reservationId of every payment none of whose deliveries was accepted (it may still have been applied). */
  readonly unanswered: Map<string, string>;
  readonly statuses: Map<number, number>;
  /** Times of the 2xx answers. */
  readonly okTimes: number[];
}

const newBurst = (): Burst => ({ sent: 0, accepted2xx: 0, acknowledged: new Map(), unanswered: new Map(), statuses: new Map(), okTimes: [] });

/** One succeeded payment per reservation, delivered 1–3 times (distinct delivery ids), shuffled. */
function plan(reservationIds: readonly string[]): Delivery[] {
  const out: Delivery[] = [];
  for (const reservationId of reservationIds) {
    const paymentId = `pay_${randomBytes(5).toString('hex')}`;
    const times = 1 + Math.floor(Math.random() * 3);
    for (let i = 0; i < times; i++) out.push({ paymentId, reservationId, deliveryId: `dlv_${randomBytes(5).toString('hex')}` });
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Sends the deliveries with `concurrency` workers, `gapMs` between one
 * worker's deliveries (so the burst spans the pause); a delivery is retried
 * (same id, bounded) on 5xx / timeouts until 2xx. A 409 CALLBACK_REPLAYED on
 * a retry means an earlier attempt of that delivery was accepted.
 */
async function burst(base: string, tenant: Tenant, deliveries: readonly Delivery[], concurrency: number, gapMs: number, out: Burst): Promise<Burst> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < deliveries.length) {
      const d = deliveries[next++]!;
      const raw = Buffer.from(JSON.stringify({ reservationId: d.reservationId, paymentId: d.paymentId, amount: 1999, currency: 'CNY', status: 'succeeded' }));
      for (let attempt = 0; attempt < 40; attempt++) {
        const t = Math.floor(Date.now() / 1000);
        out.sent++;
        let status = 0;
        let code = '';
        try {
          const r = await fetch(`${base}/v1/payments/callbacks`, {
            method: 'POST', body: raw, signal: AbortSignal.timeout(3_000),
            headers: {
              'content-type': 'application/json', 'pallet-tenant': tenant.id, 'pallet-delivery-id': d.deliveryId,
              'pallet-signature': `t=${t},v1=${signPayload(tenant.paymentSecret, t, raw)}`,
            },
          });
          code = problemCode(await r.text()) === 'CALLBACK_REPLAYED' ? 'replayed' : '';
          status = r.status;
        } catch {
          status = 0;
        }
        if ((status >= 200 && status < 300) || (status === 409 && code === 'replayed' && attempt > 0)) {
          out.accepted2xx++;
          out.okTimes.push(Date.now());
          out.acknowledged.set(d.paymentId, d.reservationId);
          break;
        }
        out.statuses.set(status, (out.statuses.get(status) ?? 0) + 1);
        if (status !== 0 && status < 500) break;
        await sleep(200);
      }
      await sleep(gapMs);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  for (const d of deliveries) if (!out.acknowledged.has(d.paymentId)) out.unanswered.set(d.paymentId, d.reservationId);
  return out;
}

describe('faults: PostgreSQL paused (SIGSTOP of the cluster) during payment callbacks', () => {
  let pg: PrivatePostgres;
  let core: Core;
  let env: CoreEnv;

  beforeAll(async () => {
    pg = await held.postgres();
    const redis = await held.redis(true);
    const nats = await held.nats();
    env = faultEnv({
      redisUrl: redis.url, natsUrl: nats.url, databaseUrl: pg.url, namespace: `fault_${randomBytes(5).toString('hex')}`, adminKey,
      ackWaitMs, sweepIntervalMs,
      // The payment secret set through the API stays cached for the whole test: callbacks need no PostgreSQL read.
      extra: { PALLET_AUTH_CACHE_TTL_MS: '120000' },
    });
    expect(env.DATABASE_URL).not.toMatch(/:5432\//);
    await migrateCore(env);
    core = await held.core(env, held.dir('core'));
  }, 60_000);

  it(`SIGSTOP of PostgreSQL for ${pauseMs} ms (> ack wait ${ackWaitMs} ms) mid-burst of callbacks delivered 1-3 times, SIGCONT`, async () => {
    const tenant = await createTenant(core.base, adminKey);
    const load = await runLoad({ base: () => core.base, tenant, count: reservations, concurrency: 6, ttlSeconds: 600 });
    expect(load.acknowledged.size).toBe(reservations);
    const deliveries = plan([...load.acknowledged.keys()]);
    // 8 workers, 60 ms apart: ~300 deliveries take ≥ 2.2 s; the pause comes once 20 were accepted (a count, not a
    // fixed sleep), so it lands mid-burst however fast the machine is.
    const cb0 = newBurst();
    const running = burst(core.base, tenant, deliveries, 8, 60, cb0);
    await waitFor('callbacks accepted before the pause', async () => cb0.okTimes.length >= 20, 60_000, 10);
    const stoppedAt = Date.now();
    const stopped = pg.pause();
    expect(stopped.length).toBeGreaterThan(1);
    // Every process of the cluster is really stopped (state T in /proc/<pid>/stat; signals land asynchronously).
    const notStopped = (): number[] => stopped.filter((p) => !['T', 'Z', '?'].includes(procState(p)));
    await waitFor('the PostgreSQL processes to stop', async () => notStopped().length === 0, 10_000, 20).catch(() => undefined);
    expect(notStopped()).toEqual([]);
    await sleep(pauseMs);
    pg.resume();
    const resumedAt = Date.now();
    const cb = await running;
    const before = cb.okTimes.filter((t) => t < stoppedAt).length;
    const during = cb.okTimes.filter((t) => t >= stoppedAt && t < resumedAt).length;
    const after = cb.okTimes.filter((t) => t >= resumedAt).length;
    const checkStartedAt = Date.now();
    const r = await check({
      env, tenant: tenant.id, attempted: load.attempted, reservations: load.acknowledged, unanswered: load.unanswered,
      payments: cb.acknowledged, paymentsUnanswered: cb.unanswered, expiryGraceMs, drainTimeoutMs,
    });
    // Recovery: from SIGCONT until the checker saw everything in PostgreSQL and the consumers drained.
    const recovery = checkStartedAt + r.drainMs - resumedAt;
    const statuses = [...cb.statuses].map(([s, n]) => `${s}:${n}`).join(',') || 'none';
    console.log(formatReport(
      `postgres SIGSTOP ${pauseMs}ms (${stopped.length} pids): ${deliveries.length} deliveries, ${cb.sent} sent, ${cb.accepted2xx} accepted `
      + `(before/during/after pause ${before}/${during}/${after}), non-2xx ${statuses}; recovery = SIGCONT → drained`, r, recovery));
    expect(before).toBeGreaterThan(0);
    expect(during + after).toBeGreaterThan(0);
    expect(r.problems).toEqual([]);
    expect(r.lost).toBe(0);
    expect(r.found).toBe(reservations);
    expect(r.paymentsAcknowledged).toBe(reservations);
    expect(r.paymentsFound).toBe(reservations);
    expect(r.paymentsNotConfirmed).toBe(0);
    expect(r.duplicateEffects).toBe(0);
    expect(r.reconcileExit).toBe(0);
    expect(r.drained).toBe(true);
  }, 120_000);
});
