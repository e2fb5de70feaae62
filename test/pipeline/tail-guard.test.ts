// The durability pieces behind the tail guard, against the real Redis and the
// real NATS JetStream where they touch them:
// - WatermarkGate: a committed batch's outbox watermarks wait for the
//   consumer's ack floor (unit tests and a fast-check property);
// - pubAckSeq: the stream sequence of a PubAck, from literal and real PubAcks;
// - PaymentJournal: binary entries, pagination, the retention window, the
//   length bound;
// - AckedSeqMark: logs what it noted into `<ns>:{js}:acked`, bounded, once per flush;
// - JetStreamPaymentEvents with a journal and a mark, and PaymentService.accept
//   when the journal cannot write;
// - JetStreamTailGuard.checkOnce: no repair while the stream is at or above
//   the mark; a refill through a real OutboxRelay when it is below; none while
//   another instance holds the repair lease.
// Each test has its own namespace (Redis keys `<ns>:*`, the `<ns>_events` /
// `<ns>_dlq` streams), deleted in afterAll. Nothing here uses PostgreSQL.
//
// The property test prints its seed; rerun a failure with FC_SEED=<seed> (and FC_RUNS=<n>).

import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { headers } from '@nats-io/nats-core';
import { afterAll, describe, expect, it } from 'vitest';
import { subjectOf } from '../../src/adapters/events/envelope.codec.ts';
import { createMetrics } from '../../src/adapters/metrics/metrics.ts';
import { eventLogKeys, tenantKeysCache } from '../../src/adapters/redis/keys.ts';
import { PaymentJournal } from '../../src/adapters/redis/payment-journal.ts';
import { Code, runScript } from '../../src/adapters/redis/scripts.ts';
import type { Clock } from '../../src/app/clock.port.ts';
import type { PaymentCallback, PaymentReceived, PaymentSecretStore } from '../../src/app/payment.port.ts';
import { PaymentService, receivedEventId } from '../../src/app/payment.service.ts';
import { errorStatus } from '../../src/adapters/http/status.ts';
import { JetStreamPaymentEvents } from '../../src/adapters/nats/payment-events.ts';
import { pubAckSeq } from '../../src/adapters/nats/puback.ts';
import { AckedSeqMark, readAckLog } from '../../src/adapters/redis/ack-log.ts';
import { RedisPaymentRecords } from '../../src/adapters/redis/payment-records.ts';
import { WatermarkGate } from '../../src/roles/projector/watermarks.ts';
import { OutboxRelay } from '../../src/roles/relay/relay.role.ts';
import { JetStreamTailGuard } from '../../src/roles/tail-guard.role.ts';
import type { Log } from '../../src/app/log.port.ts';
import { createNatsHarness, readStream, type NatsHarness } from '../helpers/nats.ts';
import { readOutbox } from '../helpers/outbox.ts';
import { createHarness, type StockHarness } from '../helpers/redis.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A Redis namespace of its own (keys deleted in afterAll). */
function redisOnly(): StockHarness {
  const h = createHarness('tguard');
  cleanups.push(() => h.close());
  return h;
}

/** A namespace with Redis keys and its own JetStream topology (streams deleted in afterAll). */
async function withNats(): Promise<{ h: StockHarness; nh: NatsHarness }> {
  const h = redisOnly();
  const nh = await createNatsHarness(h.namespace);
  cleanups.push(() => nh.close());
  return { h, nh };
}

const encoder = new TextEncoder();
const marks = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const msOf = (id: string): number => Number(id.slice(0, id.indexOf('-')));

async function lastSeq(nh: NatsHarness): Promise<number> {
  return (await (await nh.nats.jsm()).streams.info(nh.topology.eventsStream)).state.last_seq;
}

function journalOf(h: StockHarness, opts: { retentionMs?: number; entriesMax?: number } = {}, nowMs?: () => number): PaymentJournal {
  return new PaymentJournal(h.pool, tenantKeysCache(h.namespace), { retentionMs: 600_000, entriesMax: 10_000, ...opts }, nowMs);
}

function paymentReceived(tenant: string, paymentId = `pay_${randomBytes(4).toString('hex')}`): PaymentReceived {
  return {
    eventId: receivedEventId(tenant, paymentId, 'succeeded'), tenant, paymentId, reservationId: `res_${paymentId}`,
    amount: 1_250, currency: 'EUR', status: 'succeeded', deliveryId: `dlv_${paymentId}`, receivedAtMs: Date.now(),
  };
}

// ---------------------------------------------------------------- WatermarkGate

describe('WatermarkGate', () => {
  it('holds a batch\'s marks until the ack floor reaches its highest sequence, then releases them once', () => {
    const gate = new WatermarkGate(8);
    gate.hold(10, marks({ a: '5-0' }));
    expect(gate.release(9)).toEqual(new Map());
    expect(gate.size).toBe(1);
    expect(gate.release(10)).toEqual(marks({ a: '5-0' }));
    expect(gate.size).toBe(0);
    expect(gate.release(100)).toEqual(new Map());
  });

  it('a batch that committed before an earlier one waits for the floor to pass it', () => {
    const gate = new WatermarkGate(8);
    gate.hold(20, marks({ a: '2-0' })); // a second projector committed the later batch first
    gate.hold(10, marks({ a: '1-0' }));
    expect(gate.release(15)).toEqual(marks({ a: '1-0' }));
    expect(gate.release(20)).toEqual(marks({ a: '2-0' }));
  });

  it('merges the marks of released batches to the highest outbox id per tenant, comparing stream ids numerically', () => {
    const gate = new WatermarkGate(8);
    gate.hold(3, marks({ a: '9-0', b: '1-5' }));
    gate.hold(6, marks({ a: '10-0' }));
    gate.hold(5, marks({ b: '1-12', c: '7-3' }));
    gate.hold(8, marks({ b: '2-0' }));
    // As strings "9-0" > "10-0" and "1-5" > "1-12"; as stream ids they are lower.
    expect(gate.release(7)).toEqual(marks({ a: '10-0', b: '1-12', c: '7-3' }));
    expect(gate.release(8)).toEqual(marks({ b: '2-0' }));
  });

  it('at the bound merges the two oldest batches, so neither is released before the higher sequence is covered', () => {
    expect(() => new WatermarkGate(1)).toThrow(/batchesMax/);
    const gate = new WatermarkGate(2);
    gate.hold(5, marks({ a: '1-0' }));
    gate.hold(50, marks({ a: '2-0' }));
    gate.hold(7, marks({ a: '3-0', b: '1-0' }));
    expect(gate.size).toBe(2);
    expect(gate.release(7)).toEqual(marks({ a: '3-0', b: '1-0' }));
    expect(gate.release(49)).toEqual(new Map()); // '1-0' of seq 5 now waits with seq 50
    expect(gate.release(50)).toEqual(marks({ a: '2-0' }));
    expect(gate.size).toBe(0);
  });

  it('after clear(), does not hold a batch pulled before it (an older generation)', () => {
    const gate = new WatermarkGate(8);
    const before = gate.generation;
    gate.hold(5, new Map([['t', '1-0']]), before);
    gate.clear();
    gate.hold(6, new Map([['t', '2-0']]), before); // pulled before the clear, written after it
    gate.hold(7, new Map([['t', '3-0']]));
    expect(gate.release(100)).toEqual(new Map([['t', '3-0']]));
  });

  it('ignores empty marks and keeps a copy of what it holds', () => {
    const gate = new WatermarkGate(2);
    gate.hold(1, new Map());
    expect(gate.size).toBe(0);
    const m = marks({ a: '4-0' });
    gate.hold(3, m);
    m.set('a', '99-0');
    m.set('z', '1-0');
    expect(gate.release(3)).toEqual(marks({ a: '4-0' }));
  });

  it('property: never releases an id of a batch whose highest sequence is above the floor, and loses none', () => {
    const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);
    const numRuns = Number(process.env.FC_RUNS ?? 300);
    console.log(`tail-guard WatermarkGate property: seed=${seed} numRuns=${numRuns} (rerun with FC_SEED=${seed} FC_RUNS=${numRuns})`);
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('hold' as const), maxSeq: fc.nat(100),
        // [tenant, ms of the outbox id]; the id's seq part is the hold's number, so every id is unique
        marks: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.nat(30)), { maxLength: 3 }),
      }),
      fc.record({ kind: fc.constant('release' as const), floor: fc.nat(110) }),
    );
    fc.assert(fc.property(fc.integer({ min: 2, max: 6 }), fc.array(op, { maxLength: 60 }), (batchesMax, ops) => {
      const gate = new WatermarkGate(batchesMax);
      const seqOf = new Map<string, number>(); // `${tenant} ${id}` → maxSeq of the batch that held it
      const highestHeld = new Map<string, string>();
      const highestReleased = new Map<string, string>();
      const raise = (into: Map<string, string>, tenant: string, id: string): void => {
        const cur = into.get(tenant);
        const [ms, seq] = id.split('-').map(Number) as [number, number];
        if (cur === undefined || ms > msOf(cur) || (ms === msOf(cur) && seq > Number(cur.split('-')[1]))) into.set(tenant, id);
      };
      const check = (floor: number): void => {
        for (const [tenant, id] of gate.release(floor)) {
          const seq = seqOf.get(`${tenant} ${id}`);
          expect(seq, `released ${tenant} ${id} was held`).toBeDefined();
          expect(seq!, `released ${tenant} ${id} at floor ${floor}`).toBeLessThanOrEqual(floor);
          raise(highestReleased, tenant, id);
        }
      };
      ops.forEach((o, n) => {
        if (o.kind === 'release') {
          check(o.floor);
          return;
        }
        const m = new Map<string, string>();
        for (const [tenant, ms] of o.marks) m.set(tenant, `${ms}-${n}`);
        for (const [tenant, id] of m) {
          seqOf.set(`${tenant} ${id}`, o.maxSeq);
          raise(highestHeld, tenant, id);
        }
        gate.hold(o.maxSeq, m);
        expect(gate.size).toBeLessThanOrEqual(batchesMax);
      });
      check(Number.MAX_SAFE_INTEGER);
      expect(gate.size).toBe(0);
      expect(highestReleased).toEqual(highestHeld);
    }), { seed, numRuns });
  });
});

// ---------------------------------------------------------------- pubAckSeq

describe('pubAckSeq', () => {
  it('reads the sequence of every PubAck shape the server sends, 0 when there is none', () => {
    const seq = (json: string): number => pubAckSeq(encoder.encode(json));
    expect(seq('{"stream":"s","seq":123}')).toBe(123);
    expect(seq('{"stream":"s","seq":123,"duplicate":true}')).toBe(123);
    expect(seq('{"stream":"s","domain":"hub","seq":42}')).toBe(42);
    expect(seq('{"stream":"seq","domain":"seq","seq":7}')).toBe(7);
    expect(seq('{"stream":"s","seq":9007199254740991}')).toBe(9007199254740991);
    expect(seq('{"stream":"s"}')).toBe(0);
    expect(seq('{"stream":"s","seq":}')).toBe(0);
    expect(seq('')).toBe(0);
  });

  it('equals the sequence JetStream reports, for a real PubAck and its duplicate', async () => {
    const { h, nh } = await withNats();
    const subject = subjectOf(h.namespace, 'tn', 'stock.set');
    const hdrs = headers();
    hdrs.set('Nats-Msg-Id', 'tn:ev-1');
    await nh.nats.js.publish(subject, encoder.encode('first'), { msgID: 'tn:ev-0' }); // so the seq is not 1
    const first = await nh.nats.nc.request(subject, encoder.encode('x'), { timeout: 5_000, headers: hdrs });
    const again = await nh.nats.nc.request(subject, encoder.encode('x'), { timeout: 5_000, headers: hdrs });
    const ack = first.json<{ stream: string; seq: number }>();
    expect(ack).toEqual({ stream: nh.topology.eventsStream, seq: 2 });
    expect(pubAckSeq(first.data)).toBe(await lastSeq(nh));
    expect(again.json<{ seq: number; duplicate?: boolean }>()).toMatchObject({ seq: 2, duplicate: true });
    expect(pubAckSeq(again.data)).toBe(2);
  });
});

// ---------------------------------------------------------------- PaymentJournal

describe('PaymentJournal', () => {
  it('gives back binary payloads byte for byte with subject and message id, oldest first, page by page', async () => {
    const h = redisOnly();
    const journal = journalOf(h);
    const big = randomBytes(64);
    const payloads = [
      new Uint8Array([0, 255, 0xc3, 0x28, 0, 10, 13]), // NULs and bytes that are not UTF-8
      new Uint8Array(0),
      big.subarray(17, 40), // a view with a byte offset into a larger buffer
      randomBytes(3_000),
      encoder.encode('plain'),
    ];
    for (const [i, d] of payloads.entries()) await journal.append('tj', `sub.${i}`, `msg-${i}`, d);
    expect(await journal.length('tj')).toBe(5);

    const pages: string[][] = [];
    const all = [];
    for (let after = '', round = 0; round < 10; round++) {
      const page = await journal.read('tj', after, 2);
      if (page.length === 0) break;
      pages.push(page.map((e) => e.msgId));
      all.push(...page);
      after = page[page.length - 1]!.id;
    }
    expect(pages).toEqual([['msg-0', 'msg-1'], ['msg-2', 'msg-3'], ['msg-4']]);
    expect(all.map((e) => e.subject)).toEqual(payloads.map((_, i) => `sub.${i}`));
    expect(all.map((e) => Buffer.from(e.data).toString('hex'))).toEqual(payloads.map((d) => Buffer.from(d).toString('hex')));
    expect(await journal.read('other', '', 10)).toEqual([]);
  });

  it('does not return entries older than the retention (by the injected clock)', async () => {
    const h = redisOnly();
    let now = Date.now();
    const journal = journalOf(h, { retentionMs: 60_000 }, () => now);
    for (const i of [0, 1, 2]) await journal.append('tr', 's', `old-${i}`, encoder.encode('o'));
    await sleep(5); // the next entries get a later millisecond in their stream ids
    for (const i of [0, 1]) await journal.append('tr', 's', `new-${i}`, encoder.encode('n'));
    const ids = (await journal.read('tr', '', 10)).map((e) => e.id);
    expect(ids).toHaveLength(5);
    expect(msOf(ids[3]!)).toBeGreaterThan(msOf(ids[2]!));

    now = msOf(ids[3]!) + 60_000; // the window now starts at the first new entry
    expect((await journal.read('tr', '', 10)).map((e) => e.msgId)).toEqual(['new-0', 'new-1']);
    expect((await journal.read('tr', ids[3]!, 10)).map((e) => e.msgId)).toEqual(['new-1']);
    // Paging from an id older than the window starts at the window, not after that id.
    expect((await journal.read('tr', ids[0]!, 10)).map((e) => e.msgId)).toEqual(['new-0', 'new-1']);
    now = msOf(ids[4]!) + 60_001;
    expect(await journal.read('tr', '', 10)).toEqual([]);
  });

  it('keeps the stream near entriesMax however much is appended', async () => {
    const h = redisOnly();
    const journal = journalOf(h, { entriesMax: 50 });
    const total = 450;
    for (let i = 0; i < total; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, j) => journal.append('tb', 's', `m-${i + j}`, encoder.encode(String(i + j)))));
    }
    // XTRIM MAXLEN ~ removes whole radix-tree nodes only (stream-node-max-entries, 100 by default), so the
    // length stays within entriesMax plus one node, not exactly at entriesMax.
    const length = await journal.length('tb');
    expect(length).toBeGreaterThanOrEqual(50);
    expect(length).toBeLessThanOrEqual(50 + 100);
    // The oldest go first. Appends of one chunk run concurrently on two connections (no order within a
    // chunk), chunks one after another: the newest chunk is kept whole, nothing older than the last 150.
    const kept = (await journal.read('tb', '', 1_000)).map((e) => Number(e.msgId.slice(2)));
    expect(kept).toEqual(expect.arrayContaining(Array.from({ length: 50 }, (_, j) => total - 50 + j)));
    expect(Math.min(...kept)).toBeGreaterThanOrEqual(total - 150);
  });
});

// ---------------------------------------------------------------- AckedSeqMark

describe('AckedSeqMark', () => {
  it('logs the highest sequence noted since its last flush, with its id and time; a flush with nothing noted writes nothing', async () => {
    const h = redisOnly();
    const log = async () => (await readAckLog(h.redis(), h.namespace)).map((e) => `${e.mark.seq} ${e.mark.id}`);
    const a = new AckedSeqMark(h.pool, h.namespace, 100);
    const b = new AckedSeqMark(h.pool, h.namespace, 100);

    await a.flush(); // nothing noted: nothing written
    expect(await log()).toEqual([]);
    const before = Date.now();
    a.note(9, 'm9');
    a.note(3, 'm3');
    await a.flush();
    expect(await log()).toEqual(['9 m9']);
    expect((await readAckLog(h.redis(), h.namespace))[0]!.mark.atMs).toBeGreaterThanOrEqual(before);
    b.note(12, 'm12');
    await b.flush();
    a.note(4, 'm4');
    await a.flush();
    // Every flush is logged (not only the highest): the guard verifies each, lowest sequence first.
    expect(await log()).toEqual(['4 m4', '9 m9', '12 m12']);
    await a.flush(); // reset by the previous flush: a no-op
    expect(await log()).toHaveLength(3);
  });

  it('keeps at most logMax entries, dropping the lowest sequences', async () => {
    const h = redisOnly();
    const mark = new AckedSeqMark(h.pool, h.namespace, 10);
    for (let seq = 1; seq <= 25; seq++) {
      mark.note(seq, `m${seq}`);
      await mark.flush();
    }
    expect((await readAckLog(h.redis(), h.namespace)).map((e) => e.mark.seq)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
  });

  it('noteAcked refuses bad arguments and writes nothing', async () => {
    const h = redisOnly();
    const key = eventLogKeys(h.namespace).ackedMark;
    const run = (args: (string | number)[]) => runScript(h.redis(), 'noteAcked', [key], args);
    expect(await run([0, 'x', 1, 10])).toEqual([Code.BAD_ARG, 'seq']);
    expect(await run([1.5, 'x', 1, 10])).toEqual([Code.BAD_ARG, 'seq']);
    expect(await run(['a', 'x', 1, 10])).toEqual([Code.BAD_ARG, 'seq']);
    expect(await run([2, '', 1, 10])).toEqual([Code.BAD_ARG, 'id']);
    expect(await run([2, 'x', -1, 10])).toEqual([Code.BAD_ARG, 'at']);
    expect(await run([2, 'x', 1, 0])).toEqual([Code.BAD_ARG, 'max']);
    expect(await h.redis().exists(key)).toBe(0);
    expect(await run([2, 'x', 5, 10])).toEqual([Code.OK, 1]);
    expect(await run([3, 'y|z', 6, 10])).toEqual([Code.OK, 2]);
    expect((await readAckLog(h.redis(), h.namespace)).map((e) => e.mark)).toEqual([{ seq: 2, id: 'x', atMs: 5 }, { seq: 3, id: 'y|z', atMs: 6 }]);
  });

  it('markDamaged sets the mark only while the lost entry is still logged', async () => {
    const h = redisOnly();
    const keys = eventLogKeys(h.namespace);
    const run = (args: string[]) => runScript(h.redis(), 'markDamaged', [keys.ackedMark, keys.damaged], args);
    expect(await run(['', 'why'])).toEqual([Code.BAD_ARG, 'member']);
    expect(await run(['1|2|x', ''])).toEqual([Code.BAD_ARG, 'reason']);
    expect(await run(['1|2|x', 'why'])).toEqual([Code.ALREADY, 'repaired']); // not logged (a repair deleted it)
    expect(await h.redis().exists(keys.damaged)).toBe(0);
    await runScript(h.redis(), 'noteAcked', [keys.ackedMark], [1, 'x', 2, 10]);
    expect(await run(['1|2|x', 'why'])).toEqual([Code.OK, 'marked']);
    expect(await h.redis().get(keys.damaged)).toBe('why');
  });

  it('keeps what it noted when Redis refuses the flush, and writes it on the next one', async () => {
    const h = redisOnly();
    const key = eventLogKeys(h.namespace).ackedMark;
    const mark = new AckedSeqMark(h.pool, h.namespace, 100);
    await h.redis().set(key, 'a string'); // WRONGTYPE for the script's ZADD
    mark.note(21, 'm21');
    await expect(mark.flush()).rejects.toThrow(/WRONGTYPE/);
    await h.redis().del(key);
    await mark.flush();
    expect((await readAckLog(h.redis(), h.namespace)).map((e) => e.mark.seq)).toEqual([21]);
  });
});

// ---------------------------------------------------------------- payment events with a journal

const secretsUnused: PaymentSecretStore = {
  findSecret: async () => { throw new Error('accept() does not read secrets'); },
  putSecret: async () => { throw new Error('accept() does not write secrets'); },
};

describe('JetStreamPaymentEvents with a journal and a mark', () => {
  it('journals each published payment.received with its bytes and event id, and notes its PubAck sequence', async () => {
    const { h, nh } = await withNats();
    const journal = journalOf(h);
    const mark = new AckedSeqMark(h.pool, h.namespace, 1_000);
    const events = new JetStreamPaymentEvents(nh.nats.js, h.namespace, journal, mark);
    const e = paymentReceived('tp');
    expect(await events.received(e, 5_000)).toEqual({ duplicate: false });

    const [stored] = await readStream(nh.nats, nh.topology.eventsStream);
    const [entry] = await journal.read('tp', '', 10);
    expect(entry).toMatchObject({ subject: subjectOf(h.namespace, 'tp', 'payment.received'), msgId: e.eventId });
    expect(stored!.msgId).toBe(e.eventId);
    expect(Buffer.from(entry!.data).equals(Buffer.from(stored!.data))).toBe(true);
    await mark.flush();
    expect((await readAckLog(h.redis(), h.namespace)).map((x) => x.mark)).toEqual([expect.objectContaining({ seq: stored!.seq, id: e.eventId })]);
  });

  it('accept answers OVERLOADED (503) when the journal cannot write, and accepts the provider\'s retry once it can', async () => {
    const { h, nh } = await withNats();
    const journal = journalOf(h);
    const records = new RedisPaymentRecords(h.pool, h.namespace);
    const clock: Clock = { nowMs: () => Date.now() };
    const service = new PaymentService(secretsUnused, records, new JetStreamPaymentEvents(nh.nats.js, h.namespace, journal), clock, {
      inflightMax: 10, timestampToleranceSeconds: 300, deliveryTtlSeconds: 3_600, publishTimeoutMs: 5_000,
      secretCacheTtlMs: 0, secretCacheEntriesMax: 10,
    });
    const tenant = 'tq';
    const cb: PaymentCallback = { reservationId: 'res_1', paymentId: 'pay_1', amount: 990, currency: 'EUR', status: 'succeeded' };
    const journalKey = h.keys(tenant).paymentJournal;
    await h.redis().set(journalKey, 'a string where the stream should be'); // XADD answers WRONGTYPE

    const refused = await service.accept(tenant, 'dlv_1', cb);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('OVERLOADED');
    expect(errorStatus[refused.error.code]).toBe(503);
    expect(await h.redis().exists(records.deliveryKey(tenant, 'dlv_1'))).toBe(0); // forgotten
    expect(service.inflightCount).toBe(0);

    await h.redis().del(journalKey);
    const retried = await service.accept(tenant, 'dlv_1', cb);
    const eventId = receivedEventId(tenant, 'pay_1', 'succeeded');
    // JetStream stored the event on the first try (the journal failed after the PubAck): the retry is its duplicate.
    expect(retried).toEqual({ ok: true, value: { eventId, duplicate: true } });
    expect((await journal.read(tenant, '', 10)).map((x) => x.msgId)).toEqual([eventId]);
    expect((await service.accept(tenant, 'dlv_1', cb)).ok).toBe(false); // now a replay
    expect(await nh.eventCount()).toBe(1);
  });
});

// ---------------------------------------------------------------- JetStreamTailGuard

/** A tenant's outbox filled by the real stock scripts: one stock.set, then `n` reservations of one unit. */
async function fillOutbox(h: StockHarness, tenant: string, n: number, first: boolean): Promise<void> {
  const now = Date.now();
  if (first) {
    const set = await h.engine.setStock(tenant, {
      warehouse: 'A', sku: 'S', eventId: `${tenant}-init`, operationKey: `${tenant}-init`, fingerprint: 'fp', reason: 'init', nowMs: now,
    }, { onHand: 1_000 });
    expect(set.kind).toBe('written');
  }
  for (let i = 0; i < n; i++) {
    const id = `${tenant}-r-${randomBytes(4).toString('hex')}`;
    const out = await h.engine.reserve(tenant, {
      reservationId: id, idempotencyKey: id, fingerprint: 'fp', nowMs: now, expiresAtMs: now + 900_000,
      catalogVersion: 0, allowSplit: false, warehouses: ['A'], demand: [{ sku: 'S', qty: 1 }],
    });
    expect(out.kind).toBe('reserved');
  }
}

interface GuardRig {
  readonly h: StockHarness;
  readonly nh: NatsHarness;
  readonly relay: OutboxRelay;
  readonly guard: JetStreamTailGuard;
  readonly journal: PaymentJournal;
  readonly mark: AckedSeqMark;
  /** Tenants refill was called for, in order. */
  readonly refilled: string[];
  readonly logs: { level: string; msg: string }[];
  readonly markKey: string;
  /** Logs an acknowledgement as a publisher's flush would: {seq, id, at: now}. */
  setMark(seq: number, id: string): Promise<unknown>;
  /** The sequences still in the log (not verified yet). */
  markSeqs(): Promise<number[]>;
}

/** A relay and a guard sharing one mark and one journal, as createRelay wires them. */
async function guardRig(tenants: readonly string[]): Promise<GuardRig> {
  const { h, nh } = await withNats();
  const logs: { level: string; msg: string }[] = [];
  const log: Log = {
    info: (_, msg) => { logs.push({ level: 'info', msg }); },
    warn: (_, msg) => { logs.push({ level: 'warn', msg }); },
    error: (_, msg) => { logs.push({ level: 'error', msg }); },
  };
  const journal = journalOf(h);
  const mark = new AckedSeqMark(h.pool, h.namespace, 1_000);
  const relay = new OutboxRelay({
    redis: h.pool, nats: nh.nats, namespace: h.namespace, events: nh.events, listTenants: async () => [...tenants], log,
    metrics: createMetrics({ defaults: false }), instanceId: 'relay-1', publishTimeoutMs: 3_000, acked: mark, journal,
  });
  cleanups.push(() => relay.stop());
  const refilled: string[] = [];
  const guard = new JetStreamTailGuard({
    nats: nh.nats, redis: h.pool, namespace: h.namespace, events: nh.events, listTenants: async () => [...tenants], log,
    refill: (tenant) => { refilled.push(tenant); return relay.refillTenant(tenant); },
    mark, instanceId: 'guard-1', checkIntervalMs: 0,
  });
  const markKey = eventLogKeys(h.namespace).ackedMark;
  return {
    h, nh, relay, guard, journal, mark, refilled, logs, markKey,
    setMark: (seq, id) => runScript(h.redis(), 'noteAcked', [markKey], [seq, id, Date.now(), 1_000]),
    markSeqs: async () => (await readAckLog(h.redis(), h.namespace)).map((e) => e.mark.seq),
  };
}

describe('JetStreamTailGuard.checkOnce', () => {
  it('does nothing while the stream reaches the mark; below it, refills every tenant and resets the mark', async () => {
    const g = await guardRig(['ta', 'tb']);
    const { h, nh } = g;
    const redis = h.redis();
    // ta: 7 outbox entries relayed (seq 1-7), a payment published and journaled (seq 8)
    await fillOutbox(h, 'ta', 6, true);
    expect(await g.relay.relayTenantOnce('ta')).toBe(7);
    const payments = new JetStreamPaymentEvents(nh.nats.js, h.namespace, g.journal, g.mark);
    const paid = paymentReceived('ta');
    await payments.received(paid, 5_000);
    expect(await lastSeq(nh)).toBe(8);

    // The acks noted by the relay and the publisher are flushed by the check, verified against the stream and removed.
    await g.mark.flush(); // one mark for the relay (7) and the publisher (8): the highest
    expect(await g.markSeqs()).toEqual([8]);
    expect(await g.guard.checkOnce()).toBeNull();
    expect(await g.markSeqs()).toEqual([8]); // kept for the loss window: a full check verifies it again
    const before = await readStream(nh.nats, nh.topology.eventsStream);
    await g.setMark(5, before[4]!.msgId!); // below the end, and the stream still holds that message
    expect(await g.guard.checkOnce(false)).toBeNull(); // a regular check: only above the verified 8
    expect(await g.guard.checkOnce()).toBeNull();
    expect(g.refilled).toEqual([]);

    // Only the first 3 entries are in PostgreSQL; 3 more are made but not relayed; one payment reached only the journal.
    const outbox = await readOutbox(redis, h.keys('ta'));
    await redis.set(h.keys('ta').outboxWatermark, outbox[2]!.streamId);
    await fillOutbox(h, 'ta', 3, false);
    const lost = paymentReceived('ta');
    await g.journal.append('ta', subjectOf(h.namespace, 'ta', 'payment.received'), lost.eventId, randomBytes(40));

    // What a lost tail looks like to the guard: someone saw sequence 13 acknowledged, the stream ends at 8.
    await g.setMark(13, 'gone');
    const report = await g.guard.checkOnce();
    expect(report).toMatchObject({
      lastSeq: 8, ackedSeq: 13, consumersMoved: [], tenants: 2, outboxRepublished: 4 + 3, journalRepublished: 2,
    });
    expect(report!.reason).toMatch(/ends at 8, below the acknowledged 13/);
    expect(g.refilled).toEqual(['ta', 'tb']);
    expect(g.logs.some((l) => l.level === 'error' && /lost acknowledged messages/.test(l.msg))).toBe(true);

    // The 4 entries and the payment JetStream still had are duplicates; the 3 new entries and the lost payment arrive.
    const stored = await readStream(nh.nats, nh.topology.eventsStream);
    const all = await readOutbox(redis, h.keys('ta'));
    expect(stored).toHaveLength(12);
    expect(stored.map((m) => m.msgId).sort()).toEqual([...all.map((e) => `ta:${e.id}`), paid.eventId, lost.eventId].sort());
    expect(await g.markSeqs()).toEqual([]); // everything logged before is covered by the repair
    expect(await redis.exists(eventLogKeys(h.namespace).repairLease)).toBe(0);
    expect(await g.guard.checkOnce()).toBeNull();
    expect(g.guard.repairs).toBe(1);
  });

  it('notices a stream that lost its tail and grew past the mark again (another id at the marked sequence), and moves the consumers back', async () => {
    const g = await guardRig(['td']);
    const { h, nh } = g;
    await fillOutbox(h, 'td', 4, true);
    expect(await g.relay.relayTenantOnce('td')).toBe(5);
    // A consumer that was handed all 5 and acked them.
    const consumer = await nh.nats.js.consumers.get(nh.topology.eventsStream, 'projector');
    const batch = await consumer.fetch({ max_messages: 5, expires: 2_000 });
    for await (const m of batch) m.ack();
    await nh.nats.nc.flush();
    await expect.poll(async () => (await (await nh.nats.jsm()).consumers.info(nh.topology.eventsStream, 'projector')).ack_floor.stream_seq).toBe(5);
    // An acknowledgement logged for sequence 3 with an id the stream does not hold there: what a lost and regrown
    // tail looks like. The relay's own, later and valid acknowledgements (flushed by the check) do not hide it.
    await g.setMark(3, 'td:lost-before-the-restart');
    const report = await g.guard.checkOnce();
    expect(report).not.toBeNull();
    expect(report!.reason).toMatch(/the message at 3 is "td:[^"]+", not the acknowledged "td:lost-before-the-restart"/);
    // Everything in the stream was stored within the loss window: the projector starts again from the first message.
    expect(report!.consumersMoved).toEqual([{ name: 'projector', from: 5, to: 1 }]);
    const info = await (await nh.nats.jsm()).consumers.info(nh.topology.eventsStream, 'projector');
    expect(info.num_pending).toBeGreaterThanOrEqual(5);
    expect(await g.guard.checkOnce()).toBeNull();
  });

  it('checks entries older than the loss window too (NATS may come back late), and drops them only once verified', async () => {
    const g = await guardRig(['te']);
    const { h, nh } = g;
    await fillOutbox(h, 'te', 2, true);
    expect(await g.relay.relayTenantOnce('te')).toBe(3);
    await g.mark.flush();
    const stored = await readStream(nh.nats, nh.topology.eventsStream);
    const old = Date.now() - 10 * 60_000;
    const key = eventLogKeys(h.namespace).ackedMark;
    await runScript(h.redis(), 'noteAcked', [key], [2, stored[1]!.msgId!, old, 1_000]);
    // A full check verifies the old, matching entry and drops it; the recent one stays for the window.
    expect(await g.guard.checkOnce()).toBeNull();
    expect(await g.markSeqs()).toEqual([3]);
    // An old entry that no longer matches is a loss, however old.
    await runScript(h.redis(), 'noteAcked', [key], [1, 'te:gone-long-ago', old, 1_000]);
    const report = await g.guard.checkOnce();
    expect(report?.reason).toMatch(/the message at 1 is/);
    expect(await h.redis().exists(eventLogKeys(h.namespace).damaged)).toBe(0); // cleared by the repair
  });

  it('does not repair while another instance holds the repair lease', async () => {
    const g = await guardRig(['tc']);
    const redis = g.h.redis();
    await fillOutbox(g.h, 'tc', 2, true);
    expect(await g.relay.relayTenantOnce('tc')).toBe(3);
    const lease = eventLogKeys(g.h.namespace).repairLease;
    await redis.set(lease, 'guard-elsewhere', 'PX', 30_000);
    await g.setMark(50, 'x');

    expect(await g.guard.checkOnce()).toBeNull();
    expect(g.refilled).toEqual([]);
    expect(await redis.get(lease)).toBe('guard-elsewhere');
    expect(await g.markSeqs()).toContain(50);
    expect(g.logs.some((l) => l.level === 'warn' && /another instance is repairing/.test(l.msg))).toBe(true);
    expect(g.guard.repairs).toBe(0);
  });
});
