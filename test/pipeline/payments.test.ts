// The payments consumer against the real Redis and NATS JetStream (own
// namespace: `<ns>:*` keys and the `<ns>_events` / `<ns>_dlq` streams, both
// removed afterwards): payment.received events confirm reservations; payments
// for expired, released or unknown reservations become payment.orphaned
// events (re-reserved or refund_needed); duplicates have no second effect.

import { randomBytes } from 'node:crypto';
import type { JetStreamClient } from '@nats-io/jetstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeEnvelope, type Envelope } from '../../src/adapters/events/envelope.codec.ts';
import { createMetrics, type Metrics } from '../../src/adapters/metrics/metrics.ts';
import type { Clock } from '../../src/app/clock.port.ts';
import type { PaymentReceived, PaymentRecords, PaymentStatus } from '../../src/app/payment.port.ts';
import { receivedEventId } from '../../src/app/payment.service.ts';
import { PaymentSettler, settleDefaults } from '../../src/app/payment-settlement.service.ts';
import type { StockEngine } from '../../src/app/stock.port.ts';
import type { Allocation } from '../../src/core/stock.types.ts';
import { JetStreamPaymentEvents } from '../../src/adapters/nats/payment-events.ts';
import { RedisPaymentRecords } from '../../src/adapters/redis/payment-records.ts';
import { PaymentsConsumer } from '../../src/roles/payments.role.ts';
import { createNatsHarness, readStream, type NatsHarness } from '../helpers/nats.ts';
import { readCounters, readOutbox } from '../helpers/outbox.ts';
import { createHarness, type StockHarness } from '../helpers/redis.ts';

let s: StockHarness;
let n: NatsHarness;
let metrics: Metrics;
let consumer: PaymentsConsumer;
const clock: Clock = { nowMs: () => Date.now() };
/** PAYMENTS_TEST_LOG=1 prints the consumer's log lines (retries, orphans, dead letters). */
const logTo = (level: string) => (obj: object, msg: string): void => {
  if (process.env.PAYMENTS_TEST_LOG) console.log(level, msg, JSON.stringify(obj, (k, v: unknown) => (k === 'err' ? String(v) : v)));
};
const quiet = { info: logTo('info'), warn: logTo('warn'), error: logTo('error') };

const maxDeliver = 4;

function newConsumer(engine: StockEngine = s.engine): PaymentsConsumer {
  return new PaymentsConsumer({
    nats: n.nats, engine, redis: s.pool, namespace: s.namespace, events: n.events, log: quiet, metrics, clock,
    settle: { publishTimeoutMs: 5_000 },
  });
}

beforeAll(async () => {
  s = createHarness('pay');
  n = await createNatsHarness(s.namespace, { consumerAckWaitMs: 5_000, consumerMaxDeliver: maxDeliver });
  metrics = createMetrics({ defaults: false });
  consumer = newConsumer();
  consumer.start();
});

afterAll(async () => {
  await consumer?.stop();
  await n?.close();
  await s?.close();
});

// ---------------------------------------------------------------- helpers

const id = (prefix: string): string => `${prefix}_${randomBytes(5).toString('hex')}`;
let tenant: string;

beforeEach(() => {
  tenant = id('tn');
});

async function stock(warehouse: string, sku: string, onHand: number): Promise<void> {
  const eventId = id('ev');
  const out = await s.engine.setStock(tenant, { warehouse, sku, eventId, operationKey: eventId, fingerprint: eventId, reason: 'test', nowMs: Date.now() }, { onHand });
  expect(out.kind).toBe('written');
}

interface ReserveSpec {
  readonly warehouses: readonly string[];
  readonly demand: readonly { sku: string; qty: number }[];
  /** Already past its expiry (nobody swept it yet). */
  readonly expired?: boolean;
}

async function reserve(spec: ReserveSpec): Promise<{ id: string; allocations: readonly Allocation[] }> {
  const reservationId = id('res');
  const now = Date.now();
  const out = await s.engine.reserve(tenant, {
    reservationId, idempotencyKey: reservationId, fingerprint: reservationId, catalogVersion: 0, allowSplit: true,
    nowMs: spec.expired ? now - 120_000 : now, expiresAtMs: spec.expired ? now - 60_000 : now + 600_000,
    warehouses: spec.warehouses, demand: spec.demand,
  });
  if (out.kind !== 'reserved') throw new Error(`reserve: ${JSON.stringify(out)}`);
  return { id: reservationId, allocations: out.allocations };
}

function payment(reservationId: string, status: PaymentStatus = 'succeeded', paymentId = id('pay')): PaymentReceived {
  return {
    eventId: receivedEventId(tenant, paymentId, status), tenant, paymentId, reservationId, amount: 9_900, currency: 'CNY',
    status, deliveryId: id('dlv'), receivedAtMs: Date.now(),
  };
}

/** The exact bytes the intake publishes for a payment (captured from its publisher). */
async function encoded(e: PaymentReceived): Promise<{ subject: string; data: Uint8Array }> {
  let captured: { subject: string; data: Uint8Array } | undefined;
  const capture = { publish: async (subject: string, data: Uint8Array) => { captured = { subject, data }; return { stream: '', seq: 0, duplicate: false }; } };
  await new JetStreamPaymentEvents(capture as unknown as JetStreamClient, s.namespace).received(e, 1_000);
  return captured!;
}

/** Publishes a payment as the intake does (msg id = event id). */
async function publish(e: PaymentReceived): Promise<void> {
  await new JetStreamPaymentEvents(n.nats.js, s.namespace).received(e, 5_000);
}

/** Publishes the same payment again under another message id: a duplicate beyond JetStream's dedupe window. */
async function publishCopy(e: PaymentReceived, copy: number): Promise<void> {
  const { subject, data } = await encoded(e);
  await n.nats.js.publish(subject, data, { msgID: `${e.eventId}#copy${copy}`, timeout: 5_000 });
}

/** Until the consumer has acked (or termed) everything in the stream. */
async function settled(timeoutMs = 20_000): Promise<void> {
  const jsm = await n.nats.jsm();
  await eventually(async () => {
    const info = await jsm.consumers.info(n.topology.eventsStream, 'payments');
    return info.num_pending === 0 && info.num_ack_pending === 0;
  }, timeoutMs);
}

async function eventually(cond: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const cell = (warehouse: string, sku: string) => readCounters(s.redis(), s.keys(tenant), warehouse, sku);

async function orphans(): Promise<Envelope[]> {
  const subject = `${s.namespace}.${tenant}.payment.orphaned`;
  // Decoded after filtering: the dead-letter test leaves an undecodable message in the stream.
  return (await readStream(n.nats, n.topology.eventsStream)).filter((m) => m.subject === subject).map((m) => decodeEnvelope(m.data));
}

async function confirmedEvents(reservationId: string): Promise<number> {
  return (await readOutbox(s.redis(), s.keys(tenant))).filter((e) => e.type === 'confirmed' && e.agg === reservationId).length;
}

const orphanedCount = async (resolution: string): Promise<number> =>
  (await metrics.paymentsOrphaned.get()).values.find((v) => v.labels.resolution === resolution)?.value ?? 0;

// ---------------------------------------------------------------- behaviour

describe('payments consumer', () => {
  it('confirms a held reservation: reserved units become committed', async () => {
    await stock('w1', 'A', 10);
    const r = await reserve({ warehouses: ['w1'], demand: [{ sku: 'A', qty: 3 }] });
    expect(await cell('w1', 'A')).toMatchObject({ onHand: 10, reserved: 3, committed: 0 });
    await publish(payment(r.id));
    await settled();
    expect((await s.engine.getReservation(tenant, r.id))?.status).toBe('confirmed');
    expect(await cell('w1', 'A')).toMatchObject({ onHand: 10, reserved: 0, committed: 3 });
    expect(await confirmedEvents(r.id)).toBe(1);
    expect(await orphans()).toHaveLength(0);
  });

  it('acks failed and pending payments without touching the reservation', async () => {
    await stock('w1', 'A', 10);
    const r = await reserve({ warehouses: ['w1'], demand: [{ sku: 'A', qty: 2 }] });
    await publish(payment(r.id, 'failed'));
    await publish(payment(r.id, 'pending'));
    await settled();
    expect((await s.engine.getReservation(tenant, r.id))?.status).toBe('held');
    expect(await cell('w1', 'A')).toMatchObject({ reserved: 2, committed: 0 });
    expect(await orphans()).toHaveLength(0);
  });

  it('a payment for an expired reservation is re-reserved in the original warehouses and confirmed (re_reserved)', async () => {
    await stock('w1', 'A', 3);
    await stock('w2', 'A', 3);
    await stock('w2', 'B', 1);
    const r = await reserve({ warehouses: ['w1', 'w2'], demand: [{ sku: 'A', qty: 5 }, { sku: 'B', qty: 1 }], expired: true });
    expect(r.allocations).toEqual([
      { warehouse: 'w1', sku: 'A', qty: 3 }, { warehouse: 'w2', sku: 'A', qty: 2 }, { warehouse: 'w2', sku: 'B', qty: 1 },
    ]);
    const before = await orphanedCount('re_reserved');
    const p = payment(r.id);
    await publish(p);
    await settled();

    const newId = `${r.id}.r1`;
    expect((await s.engine.getReservation(tenant, r.id))?.status).toBe('expired');
    const again = await s.engine.getReservation(tenant, newId);
    expect(again?.status).toBe('confirmed');
    expect([...again!.allocations].sort(byCell)).toEqual([...r.allocations].sort(byCell));
    expect(await cell('w1', 'A')).toMatchObject({ reserved: 0, committed: 3 });
    expect(await cell('w2', 'A')).toMatchObject({ reserved: 0, committed: 2 });
    expect(await cell('w2', 'B')).toMatchObject({ reserved: 0, committed: 1 });

    const [o, ...more] = await orphans();
    expect(more).toHaveLength(0);
    expect(o?.eventId).toBe(`orphan:${tenant}:${p.paymentId}`);
    expect(o?.causationId).toBe(p.eventId);
    expect(o?.paymentOrphaned).toMatchObject({ paymentId: p.paymentId, reservationId: r.id, reason: 'expired', resolution: 're_reserved', newReservationId: newId });
    expect(await orphanedCount('re_reserved')).toBe(before + 1);
  });

  it('a payment for an expired reservation whose stock was sold meanwhile is refund_needed, and reserves nothing', async () => {
    await stock('w1', 'A', 4);
    const r = await reserve({ warehouses: ['w1'], demand: [{ sku: 'A', qty: 4 }], expired: true });
    // The expiry returns the units; another buyer takes and pays them.
    expect((await s.engine.transition(tenant, 'expire', r.id, Date.now())).kind).toBe('done');
    const other = await reserve({ warehouses: ['w1'], demand: [{ sku: 'A', qty: 4 }] });
    expect((await s.engine.transition(tenant, 'confirm', other.id, Date.now())).kind).toBe('done');
    const before = await orphanedCount('refund_needed');

    await publish(payment(r.id));
    await settled();
    expect(await s.engine.getReservation(tenant, `${r.id}.r1`)).toBeNull();
    expect(await cell('w1', 'A')).toMatchObject({ onHand: 4, reserved: 0, committed: 4 });
    const [o] = await orphans();
    expect(o?.paymentOrphaned).toMatchObject({ reservationId: r.id, reason: 'expired', resolution: 'refund_needed', newReservationId: '' });
    expect(await orphanedCount('refund_needed')).toBe(before + 1);
  });

  it('a payment for a released (never confirmed) reservation is orphaned with reason released', async () => {
    await stock('w1', 'A', 5);
    const r = await reserve({ warehouses: ['w1'], demand: [{ sku: 'A', qty: 2 }] });
    expect((await s.engine.transition(tenant, 'release', r.id, Date.now())).kind).toBe('done');
    await publish(payment(r.id));
    await settled();
    expect((await orphans()).map((o) => o.paymentOrphaned)).toMatchObject([{ reason: 'released', resolution: 're_reserved', newReservationId: `${r.id}.r1` }]);
    expect(await cell('w1', 'A')).toMatchObject({ reserved: 0, committed: 2 });
  });

  it('a payment for a reservation confirmed and then released (cancelled) had its effect: no orphan, no re-reservation', async () => {
    await stock('w1', 'A', 5);
    const r = await reserve({ warehouses: ['w1'], demand: [{ sku: 'A', qty: 2 }] });
    const p = payment(r.id);
    await publish(p);
    await settled();
    expect((await s.engine.transition(tenant, 'release', r.id, Date.now())).kind).toBe('done');
    await publishCopy(p, 1);
    await settled();
    expect(await orphans()).toHaveLength(0);
    expect(await s.engine.getReservation(tenant, `${r.id}.r1`)).toBeNull();
    expect(await cell('w1', 'A')).toMatchObject({ reserved: 0, committed: 0 });
  });

  it('a payment for an unknown reservation is orphaned with reason not_found and refund_needed', async () => {
    const missing = id('res');
    await publish(payment(missing));
    await settled();
    expect((await orphans()).map((o) => o.paymentOrphaned)).toMatchObject([{ reservationId: missing, reason: 'not_found', resolution: 'refund_needed' }]);
  });

  it('each payment delivered 1–5 times, concurrently and out of order, has exactly one effect and at most one orphan message', async () => {
    const seed = Date.now() % 2_147_483_647;
    console.log(`duplicate delivery seed ${seed}`);
    const rand = lcg(seed);
    await stock('w1', 'A', 100);
    await stock('w1', 'Z', 2);
    const held = await Promise.all(Array.from({ length: 8 }, () => reserve({ warehouses: ['w1'], demand: [{ sku: 'A', qty: 2 }] })));
    const expired = await Promise.all(Array.from({ length: 8 }, () => reserve({ warehouses: ['w1'], demand: [{ sku: 'A', qty: 3 }], expired: true })));
    // Z: 2 units; four expired reservations of 2 each whose units went to a paid order meanwhile.
    const starved: { id: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await reserve({ warehouses: ['w1'], demand: [{ sku: 'Z', qty: 2 }], expired: true });
      expect((await s.engine.transition(tenant, 'expire', r.id, Date.now())).kind).toBe('done');
      starved.push(r);
    }
    const taker = await reserve({ warehouses: ['w1'], demand: [{ sku: 'Z', qty: 2 }] });
    await s.engine.transition(tenant, 'confirm', taker.id, Date.now());

    const payments = [...held, ...expired, ...starved].map((r) => payment(r.id));
    const copies = payments.flatMap((p) => Array.from({ length: 1 + Math.floor(rand() * 5) }, (_, k) => ({ p, k })));
    shuffle(copies, rand);
    await consumer.stop();
    try {
      await Promise.all(copies.map(({ p, k }) => publishCopy(p, k)));
    } finally {
      consumer.start();
    }
    await settled(30_000);

    for (const r of held) {
      expect(await confirmedEvents(r.id)).toBe(1);
      expect(await s.engine.getReservation(tenant, `${r.id}.r1`)).toBeNull();
    }
    for (const r of expired) {
      expect(await confirmedEvents(r.id)).toBe(0);
      expect(await confirmedEvents(`${r.id}.r1`)).toBe(1);
      expect((await s.engine.getReservation(tenant, `${r.id}.r1`))?.status).toBe('confirmed');
      expect(await s.engine.getReservation(tenant, `${r.id}.r2`)).toBeNull();
    }
    for (const r of starved) {
      const again = await s.engine.getReservation(tenant, `${r.id}.r1`);
      // A losing settler may have reserved before the refund was recorded; it released it again.
      expect(again === null || again.status === 'released').toBe(true);
    }
    expect(await cell('w1', 'A')).toMatchObject({ onHand: 100, reserved: 0, committed: 8 * 2 + 8 * 3 });
    expect(await cell('w1', 'Z')).toMatchObject({ onHand: 2, reserved: 0, committed: 2 });

    const byPayment = new Map<string, Envelope[]>();
    for (const o of await orphans()) byPayment.set(o.paymentOrphaned!.paymentId!, [...(byPayment.get(o.paymentOrphaned!.paymentId!) ?? []), o]);
    for (const [, list] of byPayment) expect(list).toHaveLength(1);
    expect(byPayment.size).toBe(expired.length + starved.length);
    for (const r of expired) expect(findOrphan(byPayment, r.id)?.resolution).toBe('re_reserved');
    for (const r of starved) expect(findOrphan(byPayment, r.id)?.resolution).toBe('refund_needed');
    expect(await n.readDlq()).toHaveLength(0);
  });

  it('retries a payment whose settlement failed (nak with delay) until it takes effect', async () => {
    await stock('w1', 'A', 5);
    const r = await reserve({ warehouses: ['w1'], demand: [{ sku: 'A', qty: 1 }] });
    let failuresLeft = 2;
    const flaky = flakyEngine(() => failuresLeft-- > 0);
    const redeliveriesBefore = (await metrics.consumerRedeliveries.get()).values[0]?.value ?? 0;
    await withConsumer(flaky, async () => {
      await publish(payment(r.id));
      await settled();
    });
    expect(failuresLeft).toBeLessThan(0);
    expect((await s.engine.getReservation(tenant, r.id))?.status).toBe('confirmed');
    expect((await metrics.consumerRedeliveries.get()).values[0]?.value ?? 0).toBeGreaterThanOrEqual(redeliveriesBefore + 2);
    expect(await n.readDlq()).toHaveLength(0);
  });

  it('dead-letters a message it can never settle: poison at once, a failing one after max deliveries', async () => {
    const subject = `${s.namespace}.${tenant}.payment.received`;
    await n.nats.js.publish(subject, new Uint8Array([0xff, 0xff, 0xff]), { msgID: id('junk') });
    await settled();
    let dlq = await n.readDlq();
    expect(dlq).toHaveLength(1);
    expect(dlq[0]!.subject).toBe(n.topology.dlqSubject('payments', subject));

    await stock('w1', 'A', 5);
    const r = await reserve({ warehouses: ['w1'], demand: [{ sku: 'A', qty: 1 }] });
    await withConsumer(flakyEngine(() => true), async () => {
      await publish(payment(r.id));
      await settled();
    });
    dlq = await n.readDlq();
    expect(dlq).toHaveLength(2);
    expect((await s.engine.getReservation(tenant, r.id))?.status).toBe('held');
  });
});

describe('PaymentSettler: one resolution per orphaned payment', () => {
  const settlerWith = (records: PaymentRecords) =>
    new PaymentSettler(s.engine, records, new JetStreamPaymentEvents(n.nats.js, s.namespace), clock, { ...settleDefaults, publishTimeoutMs: 5_000 });
  const refund = JSON.stringify({ reason: 'expired', resolution: 'refund_needed', newReservationId: '' });

  it('a recorded resolution wins: refund_needed stays refund_needed even when stock has come back', async () => {
    await stock('w1', 'A', 10);
    const r = await reserve({ warehouses: ['w1'], demand: [{ sku: 'A', qty: 2 }], expired: true });
    const records = new RedisPaymentRecords(s.pool, s.namespace);
    const p = payment(r.id);
    expect(await records.decideOrphan(tenant, p.paymentId, refund, 60)).toBe(true);
    const out = await settlerWith(records).settle(p);
    expect(out).toMatchObject({ kind: 'orphaned', decision: { resolution: 'refund_needed' } });
    expect(await s.engine.getReservation(tenant, `${r.id}.r1`)).toBeNull();
    expect(await cell('w1', 'A')).toMatchObject({ reserved: 0, committed: 0 });
  });

  it('a settler that re-reserved but lost the race to record its resolution releases the re-reservation', async () => {
    await stock('w1', 'A', 10);
    const r = await reserve({ warehouses: ['w1'], demand: [{ sku: 'A', qty: 2 }], expired: true });
    const real = new RedisPaymentRecords(s.pool, s.namespace);
    // Another settler records refund_needed between our re-reserve and our record.
    const racing: PaymentRecords = Object.assign(Object.create(real) as RedisPaymentRecords, {
      decideOrphan: async (t: string, pid: string, d: string, ttl: number) => {
        await real.decideOrphan(t, pid, refund, ttl);
        return real.decideOrphan(t, pid, d, ttl);
      },
    });
    const p = payment(r.id);
    const out = await settlerWith(racing).settle(p);
    expect(out).toMatchObject({ kind: 'orphaned', decision: { resolution: 'refund_needed' } });
    expect((await s.engine.getReservation(tenant, `${r.id}.r1`))?.status).toBe('released');
    expect(await cell('w1', 'A')).toMatchObject({ reserved: 0, committed: 0 });
    expect((await orphans()).map((o) => o.paymentOrphaned?.resolution)).toEqual(['refund_needed']);
  });
});

// ---------------------------------------------------------------- more helpers

const byCell = (a: Allocation, b: Allocation): number => `${a.warehouse}/${a.sku}`.localeCompare(`${b.warehouse}/${b.sku}`);

function findOrphan(byPayment: Map<string, Envelope[]>, reservationId: string) {
  for (const [, [o]] of byPayment) if (o?.paymentOrphaned?.reservationId === reservationId) return o.paymentOrphaned;
  return undefined;
}

/** The real engine, whose transitions throw while `fail()` says so. */
function flakyEngine(fail: () => boolean): StockEngine {
  const e = s.engine;
  return {
    reserve: (t, c) => e.reserve(t, c),
    transition: async (t, op, rid, now) => { if (fail()) throw new Error('redis is down (test)'); return e.transition(t, op, rid, now); },
    getReservation: (t, rid) => e.getReservation(t, rid),
    setStock: (t, w, l) => e.setStock(t, w, l),
    adjustStock: (t, w, d) => e.adjustStock(t, w, d),
    readCells: (t, c) => e.readCells(t, c),
    sweep: (t, now, max) => e.sweep(t, now, max),
    dueTenants: (now, max) => e.dueTenants(now, max),
    reindexExpiry: (t) => e.reindexExpiry(t),
    indexExpiries: (ts) => e.indexExpiries(ts),
    publishCatalogVersion: (t, v) => e.publishCatalogVersion(t, v),
    catalogVersion: (t) => e.catalogVersion(t),
  };
}

/** Runs `body` with another consumer instance on the durable in place of the shared one. */
async function withConsumer(engine: StockEngine, body: () => Promise<void>): Promise<void> {
  await consumer.stop();
  const other = newConsumer(engine);
  other.start();
  try {
    await body();
  } finally {
    await other.stop();
    consumer.start();
  }
}

function lcg(seed: number): () => number {
  let x = seed || 1;
  return () => {
    x = (x * 48_271) % 2_147_483_647;
    return x / 2_147_483_647;
  };
}

function shuffle<T>(items: T[], rand: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
