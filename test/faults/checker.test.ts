// The fault checker on synthetic records (its negative control): reservations,
// ledger rows, history and payments written straight into a migrated schema of
// the shared PostgreSQL, Idempotency-Keys and reservation records into the
// shared Redis under the same namespace, then the checker's own reads
// (readPg, appliedOf, missingInRedis) and rules (evaluate). A consistent record
// passes, with the applied-but-not-acknowledged reservation counted apart; each
// kind of damage — a lost acknowledged reservation, a duplicate effect, an
// applied-not-acknowledged reservation resolved twice, never resolved, missing
// or without its ledger rows, an unexplained reservation, a doubled or
// unconfirmed payment — fails it. No servers are started.

import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/adapters/postgres/migrate.ts';
import { namespacePattern, TenantKeys } from '../../src/adapters/redis/keys.ts';
import { deleteMatching, redisUrl } from '../helpers/redis.ts';
import { appliedOf, evaluate, missingInRedis, readPg, type CheckReport, type RuleInput } from './checker.ts';
import type { CoreEnv } from './servers.ts';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const schema = `fault_chk_${randomBytes(5).toString('hex')}`;
const env: CoreEnv = { REDIS_URL: redisUrl, NATS_URL: 'nats://unused', DATABASE_URL: databaseUrl, PALLET_NAMESPACE: schema, PALLET_ADMIN_KEY: 'unused' };
const expiryGraceMs = 2_500;
const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });

beforeAll(async () => {
  await migrate(sql, schema);
}, 60_000);

afterAll(async () => {
  await sql`drop schema if exists ${sql(schema)} cascade`;
  await deleteMatching(redis, namespacePattern(schema));
  await sql.end({ timeout: 2 });
  redis.disconnect();
});

type Step = 'reserved' | 'expired' | 'confirmed' | 'released';
const statusOf: Record<Step, string> = { reserved: 'held', expired: 'expired', confirmed: 'confirmed', released: 'released' };

/** One tenant's synthetic record, written the way the projector and the Lua scripts would have written it. */
class Synthetic {
  readonly tenant = `tn_${randomBytes(4).toString('hex')}`;
  private readonly keys = new TenantKeys(schema, this.tenant);
  private version = 0;

  /** A reservation the core made: its Redis record, its PostgreSQL row (status of the last step) and its events. */
  async reservation(id: string, steps: readonly Step[], o: { cells?: number; expiresInMs?: number; redisOnly?: boolean; noLedger?: boolean } = {}): Promise<void> {
    await redis.hset(this.keys.reservation(id), 'st', statusOf[steps.at(-1) ?? 'reserved']);
    if (o.redisOnly) return;
    const cells = Array.from({ length: o.cells ?? 1 }, (_, i) => ['wh-a', `SKU-${i}`, 1]);
    await sql`insert into ${sql(schema)}.reservations ${sql({
      tenant_id: this.tenant, id, status: statusOf[steps.at(-1) ?? 'reserved'], last_sequence: steps.length, last_event_id: `${id}:${steps.at(-1)}`,
      allocations: sql.json(cells), expires_at: new Date(Date.now() + (o.expiresInMs ?? 600_000)), created_at: new Date(),
    })}`;
    for (const [i, step] of steps.entries()) await this.event(id, step, i + 1, cells.length, `${id}:${step}`, o.noLedger);
  }

  /** One event of a reservation: its history row and (unless noLedger) one stock_ledger row per cell. */
  async event(id: string, step: Step, sequence: number, cells: number, eventId: string, noLedger = false): Promise<void> {
    await sql`insert into ${sql(schema)}.reservation_history ${sql({
      tenant_id: this.tenant, reservation_id: id, event_id: eventId, event_type: `stock.${step}`, status: statusOf[step],
      from_status: step === 'released' ? 'held' : null, sequence, occurred_at: new Date(),
    })}`;
    if (!noLedger) await this.ledger(id, step, cells, eventId);
  }

  async ledger(id: string, step: Step, cells: number, eventId: string): Promise<void> {
    for (let i = 0; i < cells; i++) {
      await sql`insert into ${sql(schema)}.stock_ledger ${sql({
        tenant_id: this.tenant, warehouse: 'wh-a', sku: `SKU-${i}`, event_id: eventId, event_type: `stock.${step}`, reservation_id: id,
        d_on_hand: 0, d_reserved: 0, d_committed: 0, on_hand_after: 100, reserved_after: 0, committed_after: 0,
        cell_version: ++this.version, occurred_at: new Date(),
      })}`;
    }
  }

  /** The Idempotency-Key a reservation request left in Redis (reserveStock-n.lua: `<fingerprint>|<id>`). */
  async idempotency(key: string, reservationId: string): Promise<void> {
    await redis.set(this.keys.idempotency(key), `fp${randomBytes(3).toString('hex')}|${reservationId}`);
  }

  async payment(paymentId: string, reservationId: string, eventId = `pay:${paymentId}`): Promise<void> {
    await sql`insert into ${sql(schema)}.payments ${sql({
      tenant_id: this.tenant, payment_id: paymentId, reservation_id: reservationId, amount_minor: 1999, currency: 'CNY',
      status: 'succeeded', delivery_id: `dlv_${eventId}`, event_id: eventId, received_at: new Date(),
    })}`;
  }

  /** The checker's reads of this tenant and its rules; JetStream and `pallet reconcile` stand clean. */
  async judge(o: { acked: readonly string[]; unanswered?: readonly string[]; payments?: Record<string, string>; paymentsUnanswered?: Record<string, string> }): Promise<CheckReport> {
    const input: RuleInput = {
      attempted: o.acked.length + (o.unanswered?.length ?? 0), reservations: new Map(o.acked.map((id) => [id, { expiresAtMs: 0 }])),
      unanswered: o.unanswered ?? [], payments: new Map(Object.entries(o.payments ?? {})),
      paymentsUnanswered: new Map(Object.entries(o.paymentsUnanswered ?? {})), expiryGraceMs,
    };
    const pg = await readPg(sql, schema, this.tenant, expiryGraceMs);
    const applied = await appliedOf(env, this.tenant, input.unanswered);
    const gone = await missingInRedis(env, this.tenant, [...input.reservations.keys(), ...applied.values()]);
    const js = { consumers: { projector: { pending: 0, ackPending: 0 }, payments: { pending: 0, ackPending: 0 } }, deadLetters: 0 };
    return evaluate(input, { pg, applied, missingInRedis: gone, js, reconcile: { code: 0, out: '' } }, { drainMs: 0, drained: true });
  }
}

describe('fault checker on synthetic records', () => {
  it('passes a consistent record and counts an applied, not acknowledged reservation apart (resolved once, in the ledger)', async () => {
    const s = new Synthetic();
    await s.reservation('a1', ['reserved', 'expired'], { cells: 2 });
    await s.reservation('a2', ['reserved', 'confirmed']);
    await s.payment('p1', 'a2');
    // k1: the request was applied, its answer cut; k2: never applied.
    await s.reservation('u1', ['reserved', 'expired']);
    await s.idempotency('k1', 'u1');
    const r = await s.judge({ acked: ['a1', 'a2'], unanswered: ['k1', 'k2'], payments: { p1: 'a2' } });
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({
      ok: true, acknowledged: 2, found: 2, lost: 0, unanswered: 2, appliedUnacknowledged: 1, appliedUnacknowledgedFound: 1,
      expiredAcknowledged: 1, expiredUnacknowledged: 1, unexplainedExtras: 0, duplicateEffects: 0, resolvedTwice: 0, ledgerMissing: 0,
      paymentsAcknowledged: 1, paymentsFound: 1, paymentsNotConfirmed: 0,
    });
  });

  it('fails on a lost acknowledged reservation', async () => {
    const s = new Synthetic();
    await s.reservation('a1', ['reserved']);
    const r = await s.judge({ acked: ['a1', 'a2'] });
    expect(r.ok).toBe(false);
    expect(r.lost).toBe(1);
    expect(r.problems.join('\n')).toMatch(/1 acknowledged reservation\(s\) missing in PostgreSQL, e\.g\. a2/);
  });

  it('fails on a duplicate effect (the reservation stocked twice under two event ids)', async () => {
    const s = new Synthetic();
    await s.reservation('a1', ['reserved']);
    await s.ledger('a1', 'reserved', 1, 'a1:reserved:again');
    const r = await s.judge({ acked: ['a1'] });
    expect(r.ok).toBe(false);
    expect(r.duplicateEffects).toBe(1);
  });

  it('fails on an applied, not acknowledged reservation resolved twice (expired, then confirmed)', async () => {
    const s = new Synthetic();
    await s.reservation('u1', ['reserved', 'expired', 'confirmed']);
    await s.idempotency('k1', 'u1');
    const r = await s.judge({ acked: [], unanswered: ['k1'] });
    expect(r.appliedUnacknowledged).toBe(1);
    expect(r.ok).toBe(false);
    expect(r.resolvedTwice).toBe(1);
    expect(r.duplicateEffects).toBe(0);
  });

  it('fails on an applied, not acknowledged reservation never resolved (held past its expiry)', async () => {
    const s = new Synthetic();
    await s.reservation('u1', ['reserved'], { expiresInMs: -60_000 });
    await s.idempotency('k1', 'u1');
    const r = await s.judge({ acked: [], unanswered: ['k1'] });
    expect(r.ok).toBe(false);
    expect(r.heldPastExpiry).toBe(1);
    expect(r.expiredUnacknowledged).toBe(0);
  });

  it('fails on an applied, not acknowledged reservation that never reached PostgreSQL', async () => {
    const s = new Synthetic();
    await s.reservation('u1', ['reserved'], { redisOnly: true });
    await s.idempotency('k1', 'u1');
    const r = await s.judge({ acked: [], unanswered: ['k1'] });
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ appliedUnacknowledged: 1, appliedUnacknowledgedFound: 0 });
    expect(r.problems.join('\n')).toMatch(/applied, not acknowledged reservation\(s\) missing in PostgreSQL/);
  });

  it('fails on an applied, not acknowledged reservation without its ledger rows', async () => {
    const s = new Synthetic();
    await s.reservation('u1', ['reserved'], { noLedger: true });
    await s.idempotency('k1', 'u1');
    const r = await s.judge({ acked: [], unanswered: ['k1'] });
    expect(r.ok).toBe(false);
    expect(r.ledgerMissing).toBe(1);
  });

  it('fails on a reservation that neither a 2xx nor an unanswered Idempotency-Key explains', async () => {
    const s = new Synthetic();
    await s.reservation('a1', ['reserved']);
    await s.reservation('x1', ['reserved']);
    const r = await s.judge({ acked: ['a1'], unanswered: ['k-not-applied'] });
    expect(r.ok).toBe(false);
    expect(r.unexplainedExtras).toBe(1);
  });

  it('fails on a payment recorded twice and on an applied, not acknowledged payment whose reservation is not confirmed', async () => {
    const s = new Synthetic();
    await s.reservation('a1', ['reserved', 'confirmed']);
    await s.reservation('a2', ['reserved']);
    await s.payment('p1', 'a1');
    await s.payment('p1', 'a1', 'pay:p1:again');
    await s.payment('p2', 'a2');
    const r = await s.judge({ acked: ['a1', 'a2'], payments: { p1: 'a1' }, paymentsUnanswered: { p2: 'a2' } });
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ duplicateEffects: 1, paymentsFound: 1, paymentsAppliedUnacknowledged: 1, paymentsNotConfirmed: 1 });
  });
});
