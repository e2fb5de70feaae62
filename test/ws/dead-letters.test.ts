// A dead-lettered event is an alarm on the board, never silent: a message in
// the real JetStream dead-letter stream (`<ns>_dlq.<consumer>.<subject>`, as
// the projector writes it) shows on its tenant's `exceptions` topic as an
// exception of kind `event.dead_lettered` with the consumer, subject, event id
// and reason — live, and after a restart of the ws role (read back from the
// stream). Another tenant's board does not show it. An exception thrown while
// the aggregator handles a message is caught and counted, and the consumer
// keeps going.
import { headers } from '@nats-io/nats-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEnvelope, subjectOf } from '../../src/adapters/events/envelope.codec.ts';
import { PgBoardRepo } from '../../src/adapters/postgres/board.repo.ts';
import { RedisBoardRepo } from '../../src/adapters/redis/board.repo.ts';
import { Board } from '../../src/app/board/board.ts';
import type { DeadLetterView, ExceptionsData } from '../../src/app/board/board.types.ts';
import { systemClock } from '../../src/app/clock.port.ts';
import { Aggregator } from '../../src/roles/fanout/board.aggregator.ts';
import type { WsRole } from '../../src/roles/fanout.role.ts';
import { createWsHarness, deltasOf, type TenantFixture, type WsHarness } from './harness.ts';

let h: WsHarness;
let role: WsRole;
let t: TenantFixture;
let other: TenantFixture;

beforeAll(async () => {
  h = await createWsHarness('dlq');
  t = await h.tenant({ skus: ['tea'] });
  other = await h.tenant({ skus: ['tea'] });
  role = await h.startWs({ fanout: { coalesceMs: 10 } });
}, 60_000);

afterAll(() => h?.close(), 60_000);

/** Dead-letters an event as the projector does: the original bytes, reason and origin in headers. */
async function deadLetter(tenant: string, eventId: string, reason: string): Promise<string> {
  const subject = subjectOf(h.namespace, tenant, 'stock.adjusted');
  const env = {
    eventId, tenant, type: 'stock.adjusted', aggregateId: 'A/tea', sequence: 0, occurredAtMs: Date.now(),
    stockAdjusted: { warehouse: 'A', sku: 'tea', delta: -7, reason: 'cycle count\u0000', onHand: 3, inTransit: 0, safetyStock: 0, version: 4 },
  };
  const hd = headers();
  hd.set('Pallet-Dead-Reason', reason);
  hd.set('Pallet-Original-Subject', subject);
  await h.nats.nats.js.publish(h.nats.topology.dlqSubject('projector', subject), encodeEnvelope(env), { headers: hd, msgID: `dlq:test:${eventId}` });
  return subject;
}

const deadLettersOf = (data: unknown): readonly DeadLetterView[] => (data as ExceptionsData).deadLetters;

describe('dead-lettered events on the board', () => {
  it('shows a dead-lettered stock event on its tenant\'s exceptions, live, in JSON and protobuf', async () => {
    const json = await h.connect(role, h.tokens.issue(t.id).token);
    const proto = await h.connect(role, h.tokens.issue(t.id).token, 'protobuf');
    const bystander = await h.connect(role, h.tokens.issue(other.id).token);
    for (const c of [json, proto, bystander]) {
      c.subscribe('exceptions');
      expect(deadLettersOf((await c.snapshot('exceptions')).data)).toEqual([]);
    }
    const reason = 'rejected by PostgreSQL: invalid byte sequence for encoding "UTF8": 0x00';
    const subject = await deadLetter(t.id, 'ev-nul-1', reason);
    for (const c of [json, proto]) {
      const delta = await c.waitFor((x) => deltasOf(x, 'exceptions').find((f) => deadLettersOf(f.data).length > 0), 10_000, 'dead letter');
      expect(deadLettersOf(delta.data)).toEqual([{
        kind: 'event.dead_lettered', seq: expect.any(Number), consumer: 'projector', subject, eventId: 'ev-nul-1', eventType: 'stock.adjusted',
        reason, at: expect.any(Number),
      }]);
      expect((delta.data as ExceptionsData).deadLettersToday).toBe(1);
      expect(Math.abs(deadLettersOf(delta.data)[0]!.at - Date.now())).toBeLessThan(60_000);
    }
    bystander.subscribe('orders.today');
    await bystander.snapshot('orders.today');
    expect(bystander.frames.flatMap((f) => (f.topic === 'exceptions' ? deadLettersOf(f.data) : []))).toEqual([]);
  });

  it('shows dead letters already in the stream on the snapshot of a ws role started later', async () => {
    await deadLetter(t.id, 'ev-nul-2', 'gave up after 5 deliveries');
    const later = await h.startWs({ fanout: { coalesceMs: 10 } });
    const c = await h.connect(later, h.tokens.issue(t.id).token);
    c.subscribe('exceptions');
    const snap = await c.waitFor((x) => x.of('exceptions').find((f) => deadLettersOf(f.data).length >= 2), 10_000, 'both dead letters');
    expect(deadLettersOf(snap.data).map((d) => d.eventId)).toEqual(['ev-nul-2', 'ev-nul-1']);
    expect(later.aggregator.stats().deadLetters).toBeGreaterThanOrEqual(2);
  });
});

/** A board that fails on one event: stands for any bug met while applying events. */
class BrokenBoard extends Board {
  failures = 0;
  override applyDeadLetter(tenant: string, d: DeadLetterView): void {
    if (d.eventId === 'ev-poison-board') {
      this.failures++;
      throw new Error('broken on purpose');
    }
    super.applyDeadLetter(tenant, d);
  }
}

describe('failures inside the aggregator', () => {
  it('catches and counts an exception while handling a message, and keeps consuming', async () => {
    const board = new BrokenBoard(systemClock);
    const agg = new Aggregator({
      board, nats: h.nats.nats, ledger: new PgBoardRepo(h.rt.sql), hot: new RedisBoardRepo(h.rt.redis, h.namespace), clock: systemClock, log: h.rt.log,
    }, { namespace: h.namespace, driftPollMs: 0 });
    await agg.start();
    try {
      await deadLetter(t.id, 'ev-poison-board', 'x');
      await deadLetter(t.id, 'ev-after-poison', 'y');
      const deadline = Date.now() + 10_000;
      const seen = (): boolean => (board.snapshot(t.id, { name: 'exceptions', kind: 'exceptions' }).data as ExceptionsData).deadLetters.some((d) => d.eventId === 'ev-after-poison');
      while (!seen()) {
        if (Date.now() > deadline) throw new Error('the dead letter after the failing one never reached the board');
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(board.failures).toBe(1);
      expect(agg.stats().errors).toBe(1);
    } finally {
      await agg.stop();
    }
  });
});
