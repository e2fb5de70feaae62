// The projector against the real Redis, NATS JetStream and PostgreSQL: stock
// changes made with the real engine, their outbox entries published to
// JetStream here (as the relay would), projected into the ledger. One random
// namespace for the file (schema, streams, keys), removed in afterAll; one
// tenant per test. Also the ledger routes (GET …/ledger, …/history) via inject.

import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReserveCommand, Transition } from '../../src/app/stock.port.ts';
import { decodeEnvelope, encodeEnvelope, envelopeFromOutbox, subjectOf, type Envelope, type EnvelopeInit } from '../../src/adapters/events/envelope.codec.ts';
import { errorHandler } from '../../src/adapters/http/problem.ts';
import { ledgerRoutes } from '../../src/adapters/http/routes/ledger.route.ts';
import { buildSchemas } from '../../src/adapters/http/schemas.ts';
import { LedgerService } from '../../src/app/ledger.service.ts';
import { projectionRows } from '../../src/adapters/postgres/ledger.mapping.ts';
import { LedgerRepo } from '../../src/adapters/postgres/ledger.repo.ts';
import type { Sql } from '../../src/adapters/postgres/sql.ts';
import type { ProjectionStore } from '../../src/roles/projector.role.ts';
import { createHttpHarness, expectProblem, type HttpHarness, type TenantFixture } from '../helpers/http.ts';
import { readCells } from '../helpers/outbox.ts';
import { createPipelineHarness, type PipelineHarness } from './harness.ts';

let h: PipelineHarness;
let seq = 0;

beforeAll(async () => {
  h = await createPipelineHarness('proj');
});
afterAll(async () => {
  await h?.close();
});

const newTenant = (): string => `ten${++seq}x${Math.floor(Math.random() * 1e6)}`;

async function setStock(tenant: string, wh: string, sku: string, onHand: number, extra: { safetyStock?: number; inTransit?: number } = {}): Promise<void> {
  const out = await h.redis.engine.setStock(tenant, {
    warehouse: wh, sku, eventId: `ev-${++seq}`, operationKey: `op-${seq}`, fingerprint: 'fp', reason: 'count', nowMs: Date.now(),
  }, { onHand, ...extra });
  expect(out.kind).toBe('written');
}

async function adjust(tenant: string, wh: string, sku: string, delta: number): Promise<boolean> {
  const out = await h.redis.engine.adjustStock(tenant, {
    warehouse: wh, sku, eventId: `ev-${++seq}`, operationKey: `op-${seq}`, fingerprint: 'fp', reason: 'receiving', nowMs: Date.now(),
  }, delta);
  return out.kind === 'written';
}

async function reserve(tenant: string, id: string, lines: [string, number][], opts: { warehouses?: string[]; split?: boolean; ttlMs?: number } = {}): Promise<boolean> {
  const now = Date.now();
  const cmd: ReserveCommand = {
    reservationId: id, idempotencyKey: id, fingerprint: 'fp', nowMs: now, expiresAtMs: now + (opts.ttlMs ?? 900_000), catalogVersion: 0,
    allowSplit: opts.split ?? false, warehouses: opts.warehouses ?? ['w1', 'w2'], demand: lines.map(([sku, qty]) => ({ sku, qty })),
  };
  return (await h.redis.engine.reserve(tenant, cmd)).kind === 'reserved';
}

async function transition(tenant: string, op: Transition, id: string): Promise<string> {
  return (await h.redis.engine.transition(tenant, op, id, Date.now())).kind;
}

const decoded = (e: EnvelopeInit): Envelope => decodeEnvelope(encodeEnvelope(e));

async function tables(sql: Sql, tenant: string) {
  const plain = <T>(rows: readonly T[]): T[] => rows.map((r) => ({ ...r }));
  return {
    ledger: plain(await sql`select * from stock_ledger where tenant_id = ${tenant} order by event_id, warehouse, sku`),
    reservations: plain(await sql`select * from reservations where tenant_id = ${tenant} order by id`),
    history: plain(await sql`select * from reservation_history where tenant_id = ${tenant} order by event_id`),
    payments: plain(await sql`select * from payments where tenant_id = ${tenant} order by event_id`),
    exceptions: plain(await sql`select * from payment_exceptions where tenant_id = ${tenant} order by event_id`),
  };
}

const counter = async (c: { get(): Promise<{ values: { value: number; labels: object }[] }> }, labels: object = {}): Promise<number> =>
  (await c.get()).values.filter((v) => Object.entries(labels).every(([k, x]) => (v.labels as Record<string, unknown>)[k] === x)).reduce((n, v) => n + v.value, 0);

/** A small life of a tenant: levels, then reservations that get confirmed, released, fulfilled and expired. */
async function smallWorkload(tenant: string): Promise<void> {
  await setStock(tenant, 'w1', 'A', 20, { safetyStock: 3, inTransit: 5 });
  await setStock(tenant, 'w1', 'B', 10);
  await setStock(tenant, 'w2', 'A', 4);
  expect(await reserve(tenant, 'r1', [['A', 2], ['B', 1]])).toBe(true);
  expect(await reserve(tenant, 'r2', [['A', 3]])).toBe(true);
  expect(await reserve(tenant, 'r3', [['A', 17]], { split: true })).toBe(true);
  expect(await transition(tenant, 'confirm', 'r1')).toBe('done');
  expect(await transition(tenant, 'fulfil', 'r1')).toBe('done');
  expect(await transition(tenant, 'release', 'r2')).toBe('done');
  expect(await reserve(tenant, 'r4', [['B', 2]], { ttlMs: -1 })).toBe(true);
  expect(await h.redis.engine.sweep(tenant, Date.now(), 10)).toBe(1);
  expect(await adjust(tenant, 'w1', 'B', 5)).toBe(true);
}

describe('projector', () => {
  it('writes every event once: replaying the same events (new JetStream messages, or projectBatch again) changes nothing', async () => {
    const tenant = newTenant();
    await smallWorkload(tenant);
    const envelopes = await h.nextEnvelopes(tenant);
    expect(envelopes.length).toBe(12);
    const cellRows = envelopes.reduce((n, e) => n + projectionRows([decoded(e)]).ledger.length, 0);
    await h.projector();
    expect(await h.publishEnvelopes(envelopes)).toBe(12);
    await h.drained();
    const first = await tables(h.sql, tenant);
    expect(first.ledger).toHaveLength(cellRows);
    expect(new Set(first.ledger.map((r: any) => r.event_id)).size).toBe(12);
    expect(first.history.map((r: any) => r.event_id).sort()).toEqual(['r1:confirmed', 'r1:fulfilled', 'r1:reserved', 'r2:released', 'r2:reserved', 'r3:reserved', 'r4:expired', 'r4:reserved']);
    expect(Object.fromEntries(first.reservations.map((r: any) => [r.id, r.status]))).toEqual({ r1: 'fulfilled', r2: 'released', r3: 'held', r4: 'expired' });

    // The same events again as new messages (as after a JetStream tail refill), and through projectBatch directly.
    expect(await h.publishEnvelopes(envelopes, ':again')).toBe(12);
    await h.drained();
    expect(await h.ledger.projectBatch(envelopes.map(decoded))).toEqual({ inserted: 0 });
    expect(await tables(h.sql, tenant)).toEqual(first);

    // The watermark is the last outbox id once the ack floor passed it (sampled about once a second), and only goes up.
    const key = h.redis.keys(tenant).outboxWatermark;
    const last = envelopes[envelopes.length - 1]!.outboxId;
    await expect.poll(() => h.redis.redis().get(key), { timeout: 5_000, interval: 100 }).toBe(last);
    expect(await h.publishEnvelopes([envelopes[0]!], ':old')).toBe(1);
    await h.drained();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await h.redis.redis().get(key)).toBe(last);
    expect(await counter(h.metrics.projected as never, { type: 'stock.reserved' })).toBeGreaterThanOrEqual(4);
  });

  it('stock_ledger, reservation_history, payments and payment_exceptions refuse UPDATE, DELETE and TRUNCATE', async () => {
    const tenant = newTenant();
    await setStock(tenant, 'w1', 'A', 5);
    expect(await reserve(tenant, 'ra', [['A', 1]])).toBe(true);
    const now = Date.now();
    const payments: EnvelopeInit[] = [
      { eventId: `payment:${tenant}:p1:succeeded`, tenant, type: 'payment.received', aggregateId: 'p1', sequence: 0, occurredAtMs: now, outboxId: '',
        paymentReceived: { paymentId: 'p1', reservationId: 'ra', amountMinor: 1999, currency: 'CNY', status: 'succeeded', deliveryId: 'd1', receivedAtMs: now } },
      { eventId: `orphan:${tenant}:p2`, tenant, type: 'payment.orphaned', aggregateId: 'p2', sequence: 0, occurredAtMs: now, outboxId: '',
        paymentOrphaned: { paymentId: 'p2', reservationId: 'rz', reason: 'expired', resolution: 'refund_needed', newReservationId: '' } },
    ];
    await h.projector();
    await h.publish(tenant);
    await h.publishEnvelopes(payments);
    await h.drained();
    const t = await tables(h.sql, tenant);
    expect(t.payments).toMatchObject([{ payment_id: 'p1', reservation_id: 'ra', amount_minor: '1999', currency: 'CNY', status: 'succeeded', delivery_id: 'd1' }]);
    expect(t.exceptions).toMatchObject([{ payment_id: 'p2', reservation_id: 'rz', reason: 'expired', resolution: 'refund_needed', new_reservation_id: null }]);
    for (const table of ['stock_ledger', 'reservation_history', 'payments', 'payment_exceptions']) {
      await expect(h.sql`update ${h.sql(table)} set tenant_id = 'other' where tenant_id = ${tenant}`, table).rejects.toThrow(`${table} is append-only: UPDATE refused`);
      await expect(h.sql`delete from ${h.sql(table)} where tenant_id = ${tenant}`, table).rejects.toThrow(`${table} is append-only: DELETE refused`);
      await expect(h.sql`truncate ${h.sql(table)}`, table).rejects.toThrow(`${table} is append-only: TRUNCATE refused`);
    }
    expect(await tables(h.sql, tenant)).toEqual(t);
  });

  it('moves a reservation only forward when its events arrive out of order, and fills what only earlier events carry', async () => {
    const tenant = newTenant();
    await setStock(tenant, 'w1', 'A', 5);
    expect(await reserve(tenant, 'ro', [['A', 2]])).toBe(true);
    expect(await transition(tenant, 'confirm', 'ro')).toBe('done');
    expect(await transition(tenant, 'fulfil', 'ro')).toBe('done');
    const [set, reserved, confirmed, fulfilled] = (await h.nextEnvelopes(tenant)).map(decoded) as [Envelope, Envelope, Envelope, Envelope];
    const state = async () => (await h.ledger.reservationHistory(tenant, 'ro')).reservation;

    expect(await h.ledger.projectBatch([fulfilled])).toEqual({ inserted: 1 });
    expect(await state()).toMatchObject({ status: 'fulfilled', lastSequence: 3, allocations: [['w1', 'A', 2]], createdAtMs: null, expiresAtMs: null, confirmedAtMs: null });
    expect(await h.ledger.projectBatch([reserved])).toEqual({ inserted: 1 });
    expect(await state()).toMatchObject({ status: 'fulfilled', lastSequence: 3, createdAtMs: reserved.occurredAtMs, expiresAtMs: reserved.stockReserved!.expiresAtMs, confirmedAtMs: null });
    expect(await h.ledger.projectBatch([confirmed, set])).toEqual({ inserted: 2 });
    expect(await state()).toMatchObject({ status: 'fulfilled', lastSequence: 3, confirmedAtMs: confirmed.occurredAtMs });
    const history = await h.ledger.reservationHistory(tenant, 'ro');
    expect(history.events.map((e) => [e.type, e.status, e.sequence])).toEqual([['stock.reserved', 'held', 1], ['stock.confirmed', 'confirmed', 2], ['stock.fulfilled', 'fulfilled', 3]]);

    // All at once, shuffled, in one batch: the same end state.
    const other = newTenant();
    await setStock(other, 'w1', 'A', 5);
    expect(await reserve(other, 'rb', [['A', 1]])).toBe(true);
    expect(await transition(other, 'release', 'rb')).toBe('done');
    const [, res, rel] = (await h.nextEnvelopes(other)).map(decoded) as [Envelope, Envelope, Envelope];
    expect(await h.ledger.projectBatch([rel, res])).toEqual({ inserted: 2 });
    expect((await h.ledger.reservationHistory(other, 'rb')).reservation).toMatchObject({ status: 'released', lastSequence: 2, createdAtMs: res.occurredAtMs });
    expect(await h.ledger.projectBatch([res])).toEqual({ inserted: 0 });
    expect((await h.ledger.reservationHistory(other, 'rb')).reservation).toMatchObject({ status: 'released', lastSequence: 2 });
  });

  it('ledger sums equal the Redis counters after a mixed workload (seeded)', async () => {
    const seed = Number(process.env.SEED ?? Date.now() % 1_000_000);
    console.log(`mixed workload seed ${seed}`);
    let s = seed;
    const rnd = (n: number): number => { s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0; return s % n; };
    const tenant = newTenant();
    const skus = ['A', 'B', 'C', 'D'];
    for (const wh of ['w1', 'w2']) for (const sku of skus) await setStock(tenant, wh, sku, 5 + rnd(20), { safetyStock: rnd(4), inTransit: rnd(9) });
    const held: string[] = [];
    const confirmed: string[] = [];
    await h.projector();
    for (let i = 0; i < 250; i++) {
      const op = rnd(10);
      if (op < 4) {
        const id = `m${i}`;
        const lines = [...new Set([skus[rnd(4)]!, skus[rnd(4)]!])].map((sku): [string, number] => [sku, 1 + rnd(3)]);
        if (await reserve(tenant, id, lines, { split: rnd(2) === 0, ttlMs: rnd(8) === 0 ? -1 : 900_000 })) held.push(id);
      } else if (op < 6 && held.length > 0) {
        const id = held.splice(rnd(held.length), 1)[0]!;
        if ((await transition(tenant, 'confirm', id)) === 'done') confirmed.push(id);
      } else if (op < 7 && held.length > 0) {
        await transition(tenant, 'release', held.splice(rnd(held.length), 1)[0]!);
      } else if (op < 8 && confirmed.length > 0) {
        await transition(tenant, rnd(2) === 0 ? 'fulfil' : 'release', confirmed.splice(rnd(confirmed.length), 1)[0]!);
      } else if (op < 9) {
        await adjust(tenant, rnd(2) === 0 ? 'w1' : 'w2', skus[rnd(4)]!, rnd(2) === 0 ? 1 + rnd(5) : -1 - rnd(3));
      } else {
        await h.redis.engine.sweep(tenant, Date.now(), 50);
      }
      if (i % 50 === 0) await h.publish(tenant); // publishing while the workload runs
    }
    await h.publish(tenant);
    await h.drained();
    const redisCells = await readCells(h.redis.redis(), h.redis.keys(tenant));
    const ledger = await h.ledger.ledgerSums(tenant);
    expect(new Map(ledger.map((c) => [`${c.warehouse}/${c.sku}`, { onHand: c.onHand, reserved: c.reserved, committed: c.committed, v: c.version }]))).toEqual(redisCells);
    for (const c of ledger) {
      expect(c.rows, `${c.warehouse}/${c.sku} rows`).toBe(c.version);
      const [inTransit, safetyStock] = await h.redis.redis().hmget(h.redis.keys(tenant).cell(c.warehouse, c.sku), 'inTransit', 'safetyStock');
      expect({ inTransit: c.inTransit, safetyStock: c.safetyStock }).toEqual({ inTransit: Number(inTransit), safetyStock: Number(safetyStock) });
    }
  });

  it('dead-letters an undecodable message and an envelope on the wrong subject, terms them, and projects the rest', async () => {
    const tenant = newTenant();
    await setStock(tenant, 'w1', 'A', 3);
    const [good] = await h.nextEnvelopes(tenant);
    const jsm = await h.nats.jsm();
    const dlqBefore = (await jsm.streams.info(h.t.dlqStream)).state.messages;
    const deadBefore = await counter(h.metrics.consumerDeadLetters as never);
    await h.projector();
    await h.publishRaw(subjectOf(h.ns, tenant, 'stock.reserved'), new Uint8Array([0xff, 0xff, 0xff, 0x01]), `junk-${tenant}`);
    await h.publishRaw(subjectOf(h.ns, 'someoneelse', 'stock.set'), encodeEnvelope(good!), `wrong-${tenant}`);
    await h.publishEnvelopes([good!]);
    await h.drained();
    expect((await jsm.streams.info(h.t.dlqStream)).state.messages - dlqBefore).toBe(2);
    expect(await counter(h.metrics.consumerDeadLetters as never) - deadBefore).toBe(2);
    expect((await h.ledger.ledgerSums(tenant)).map((c) => c.onHand)).toEqual([3]);
    const dlq = await jsm.streams.getMessage(h.t.dlqStream, { last_by_subj: h.t.dlqSubject('projector', subjectOf(h.ns, 'someoneelse', 'stock.set')) });
    expect(dlq?.header.get('Pallet-Dead-Reason')).toMatch(/does not match tenant/);
  });

  it('naks a batch on a transient database error and projects it once the database answers again', async () => {
    const tenant = newTenant();
    await setStock(tenant, 'w1', 'A', 7);
    let failures = 2;
    const flaky: ProjectionStore = {
      projectBatch: async (envs) => {
        if (failures > 0) { failures--; throw new Error('connection reset (simulated)'); }
        return h.ledger.projectBatch(envs);
      },
      ping: async () => true,
    };
    const redeliveredBefore = await counter(h.metrics.consumerRedeliveries as never);
    const p = await h.projector(flaky);
    await h.publish(tenant);
    await h.drained();
    await p.stop();
    expect(failures).toBe(0);
    expect((await h.ledger.ledgerSums(tenant)).map((c) => c.onHand)).toEqual([7]);
    expect(await counter(h.metrics.consumerRedeliveries as never) - redeliveredBefore).toBeGreaterThanOrEqual(2);
    expect(h.logs.some((l) => l.msg.includes('naked for redelivery'))).toBe(true);
  });

  it('narrows a data error down to the poison event: it is dead-lettered, the rest of the batch is written', async () => {
    const tenant = newTenant();
    for (const sku of ['A', 'B', 'C', 'D', 'E']) await setStock(tenant, 'w1', sku, 1);
    const envelopes = await h.nextEnvelopes(tenant);
    const poisonId = envelopes[2]!.eventId!;
    const dataError = await h.sql`select 1 / 0`.then(() => null, (err: unknown) => err);
    const picky: ProjectionStore = {
      projectBatch: async (envs) => {
        if (envs.some((e) => e.eventId === poisonId)) throw dataError;
        return h.ledger.projectBatch(envs);
      },
      ping: async () => true,
    };
    const jsm = await h.nats.jsm();
    const dlqBefore = (await jsm.streams.info(h.t.dlqStream)).state.messages;
    const p = await h.projector(picky);
    await h.publishEnvelopes(envelopes);
    await h.drained();
    await p.stop();
    expect((await h.ledger.ledgerSums(tenant)).map((c) => c.sku)).toEqual(['A', 'B', 'D', 'E']);
    expect((await jsm.streams.info(h.t.dlqStream)).state.messages - dlqBefore).toBe(1);
  });

  it('dead-letters an event that fails on its last delivery (consumerMaxDeliver)', async () => {
    const tenant = newTenant();
    await setStock(tenant, 'w1', 'A', 1);
    const [env] = await h.nextEnvelopes(tenant);
    let calls = 0;
    const down: ProjectionStore = {
      projectBatch: async (envs) => {
        if (envs.some((e) => e.eventId === env!.eventId)) { calls++; throw new Error('still down (simulated)'); }
        return h.ledger.projectBatch(envs);
      },
      ping: async () => true,
    };
    const jsm = await h.nats.jsm();
    const dlqBefore = (await jsm.streams.info(h.t.dlqStream)).state.messages;
    const p = await h.projector(down);
    await h.publishEnvelopes([env!]);
    await h.drained(20_000);
    await p.stop();
    expect(calls).toBe(h.events.consumerMaxDeliver);
    expect((await jsm.streams.info(h.t.dlqStream)).state.messages - dlqBefore).toBe(1);
    expect(await h.ledger.ledgerSums(tenant)).toEqual([]);
  });
});

// ---------------------------------------------------------------- routes

describe('ledger routes', () => {
  let hh: HttpHarness;
  let app: FastifyInstance;
  let repo: LedgerRepo;

  beforeAll(async () => {
    hh = await createHttpHarness();
    repo = new LedgerRepo(hh.rt.sql);
    app = Fastify({ logger: false, ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: true } } }).withTypeProvider<TypeBoxTypeProvider>();
    app.decorateRequest('principal', null);
    app.setErrorHandler(errorHandler);
    await app.register(ledgerRoutes, { ...hh.rt.deps, schemas: buildSchemas(hh.config.limits), ledger: new LedgerService(repo) });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await hh?.close();
  });

  const get = async (url: string, key: string) => {
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
    return { status: res.statusCode, headers: res.headers, text: res.payload, body: JSON.parse(res.payload) };
  };

  /** Projects every outbox entry of the tenant (no JetStream needed for the read side). */
  async function project(tenant: string): Promise<void> {
    const redis = hh.rt.redis.next();
    const rows = await redis.xrange(hh.rt.engine.keys(tenant).outbox, '-', '+');
    await repo.projectBatch(rows.map(([id, fields]) => {
      const f: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
      return decoded(envelopeFromOutbox(tenant, id, f));
    }));
  }

  async function shop(): Promise<{ t: TenantFixture; reservation: string }> {
    const t = await hh.tenant({ warehouses: [{ id: 'w1' }], skus: [{ sku: 'A' }], stock: [{ warehouse: 'w1', sku: 'A', onHand: 50, safetyStock: 2, inTransit: 4 }] });
    let last = '';
    for (let i = 0; i < 6; i++) {
      const r = await hh.reserve(t, { lines: [{ sku: 'A', qty: i + 1 }] });
      expect(r.status).toBe(201);
      last = r.body.id;
    }
    expect((await hh.call({ method: 'POST', url: `/v1/reservations/${last}/confirm`, key: t.keys.checkout })).status).toBe(200);
    await project(t.id);
    return { t, reservation: last };
  }

  it('pages through a cell ledger in version order with a cursor, at most limit items per page', async () => {
    const { t } = await shop();
    const versions: number[] = [];
    let url = '/v1/stock/w1/A/ledger?limit=3';
    let pages = 0;
    for (;;) {
      const r = await get(url, t.keys.read);
      expect(r.status, r.text).toBe(200);
      expect(r.body.items.length).toBeLessThanOrEqual(3);
      versions.push(...r.body.items.map((x: any) => x.version));
      pages++;
      if (r.body.nextCursor === null) break;
      url = `/v1/stock/w1/A/ledger?limit=3&cursor=${r.body.nextCursor}`;
    }
    expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(pages).toBe(3);
    const all = await get('/v1/stock/w1/A/ledger', t.keys.admin);
    expect(all.body.items[0]).toMatchObject({ type: 'stock.set', dOnHand: 50, onHand: 50, reserved: 0, inTransit: 4, safetyStock: 2, version: 1, reservationId: null, reason: 'test setup' });
    expect(all.body.items[7]).toMatchObject({ type: 'stock.confirmed', dReserved: -6, dCommitted: 6, reserved: 15, committed: 6, inTransit: null, version: 8 });
    expect(all.body.nextCursor).toBeNull();
  });

  it('refuses a bad limit or cursor (400 naming the field) and a key without read or admin scope (403)', async () => {
    const { t } = await shop();
    for (const limit of ['0', '501', 'abc', '-1', '1.5']) {
      expectProblem(await get(`/v1/stock/w1/A/ledger?limit=${limit}`, t.keys.read) as never, 400, 'VALIDATION_FAILED', 'querystring.limit');
    }
    expect((await get('/v1/stock/w1/A/ledger?limit=500', t.keys.read)).status).toBe(200);
    expectProblem(await get('/v1/stock/w1/A/ledger?cursor=bm90LWEtY3Vyc29y', t.keys.read) as never, 400, 'VALIDATION_FAILED', 'querystring.cursor');
    expectProblem(await get('/v1/stock/w1/A/ledger?cursor=a%20b', t.keys.read) as never, 400, 'VALIDATION_FAILED', 'querystring.cursor');
    expectProblem(await get('/v1/stock/w1/A/ledger', t.keys.checkout) as never, 403, 'FORBIDDEN');
  });

  it('answers a reservation history in order, 404 for an unknown one, and never another tenant\'s data', async () => {
    const { t, reservation } = await shop();
    const r = await get(`/v1/reservations/${reservation}/history`, t.keys.checkout);
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ id: reservation, status: 'confirmed', allocations: [{ warehouse: 'w1', sku: 'A', qty: 6 }] });
    expect(r.body.items.map((x: any) => [x.type, x.status, x.sequence])).toEqual([['stock.reserved', 'held', 1], ['stock.confirmed', 'confirmed', 2]]);
    expect(Date.parse(r.body.expiresAt)).toBeGreaterThan(Date.parse(r.body.createdAt));
    expectProblem(await get('/v1/reservations/nope-nope/history', t.keys.read) as never, 404, 'RESERVATION_NOT_FOUND');

    const other = await shop();
    expectProblem(await get(`/v1/reservations/${reservation}/history`, other.t.keys.read) as never, 404, 'RESERVATION_NOT_FOUND');
    const foreign = await get('/v1/stock/w1/A/ledger?limit=500', other.t.keys.read);
    expect(foreign.body.items.every((x: any) => !x.reservationId || x.reservationId !== reservation)).toBe(true);
    expect(foreign.body.items).toHaveLength(8);
  });
});
