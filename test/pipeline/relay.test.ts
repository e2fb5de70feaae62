// The outbox relay against the real Redis and the real NATS JetStream: every
// outbox entry reaches the events stream exactly once and in outbox order per
// tenant, across failed publishes, crashed relays and two relays at once;
// trimming never removes an entry the relay has not acked; poison goes to the
// dead-letter stream; stop() gives the leases back. Each test has its own
// namespace (Redis keys `<ns>:*` and the `<ns>_events` / `<ns>_dlq` streams),
// deleted in afterAll.

import { randomBytes } from 'node:crypto';
import type { NatsConnection } from '@nats-io/nats-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createMetrics, type Metrics } from '../../src/adapters/metrics/metrics.ts';
import type { Nats } from '../../src/adapters/nats/connection.ts';
import { applyTopology, deleteTopology } from '../../src/adapters/nats/topology.ts';
import type { EventsConfig } from '../../src/config.ts';
import { relayGroup, relayLeaseKey } from '../../src/adapters/redis/outbox.ts';
import { OutboxRelay, type RelayOptions } from '../../src/roles/relay/relay.role.ts';
import { createNatsHarness, type NatsHarness, type StoredEvent } from '../helpers/nats.ts';
import { readOutbox, type OutboxEvent } from '../helpers/outbox.ts';
import { createHarness, type StockHarness } from '../helpers/redis.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface LogLine { level: 'info' | 'warn' | 'error'; obj: object; msg: string }

interface Pipeline {
  readonly h: StockHarness;
  readonly nh: NatsHarness;
  relay(instanceId: string, changes?: Partial<RelayOptions>, events?: Partial<EventsConfig>): OutboxRelay & { logs: LogLine[]; metrics: Metrics };
  /** n reservations of one unit (ids unique across tenants); returns their outbox events. */
  reserve(tenant: string, n: number): Promise<void>;
  outbox(tenant: string): Promise<OutboxEvent[]>;
  /** Stored events of a tenant, in stream order. */
  stored(tenant: string): Promise<StoredEvent[]>;
  pending(tenant: string): Promise<number>;
  /** Every outbox entry was read by the relay group and acked. */
  caughtUp(tenant: string): Promise<boolean>;
}

async function pipeline(events: Partial<EventsConfig> = {}): Promise<Pipeline> {
  const h = createHarness('relay', { connections: 4 });
  const nh = await createNatsHarness(h.namespace, events);
  const relays: OutboxRelay[] = [];
  cleanups.push(async () => {
    for (const r of relays) await r.stop().catch(() => undefined);
    await nh.close();
    await h.close();
  });
  const stocked = new Set<string>();
  let seq = 0;
  const p: Pipeline = {
    h, nh,
    relay(instanceId, changes = {}, ev = {}) {
      const logs: LogLine[] = [];
      const at = (level: LogLine['level']) => (obj: object, msg: string) => { logs.push({ level, obj, msg }); };
      const metrics = createMetrics({ defaults: false });
      const r = new OutboxRelay({
        redis: h.pool, nats: nh.nats, namespace: h.namespace, events: { ...nh.events, ...ev },
        listTenants: async () => [], log: { info: at('info'), warn: at('warn'), error: at('error') }, metrics, instanceId,
        trimIntervalMs: 60_000, retryDelayMsMin: 50, retryDelayMsMax: 200, publishTimeoutMs: 3_000, ...changes,
      });
      relays.push(r);
      return Object.assign(r, { logs, metrics });
    },
    async reserve(tenant, n) {
      const now = Date.now();
      if (!stocked.has(tenant)) {
        stocked.add(tenant);
        const w = await h.engine.setStock(tenant, {
          warehouse: 'A', sku: 'S', eventId: `${tenant}-init-${randomBytes(4).toString('hex')}`, operationKey: `${tenant}-init`,
          fingerprint: 'fp', reason: 'init', nowMs: now,
        }, { onHand: 1_000_000 });
        expect(w.kind).toBe('written');
      }
      for (let i = 0; i < n; i += 200) {
        const outs = await Promise.all(Array.from({ length: Math.min(200, n - i) }, () => {
          const id = `${tenant}-r${++seq}-${randomBytes(3).toString('hex')}`;
          return h.engine.reserve(tenant, {
            reservationId: id, idempotencyKey: id, fingerprint: 'fp', nowMs: now, expiresAtMs: now + 900_000,
            catalogVersion: 0, allowSplit: false, warehouses: ['A'], demand: [{ sku: 'S', qty: 1 }],
          });
        }));
        for (const o of outs) expect(o.kind).toBe('reserved');
      }
    },
    outbox: (tenant) => readOutbox(h.redis(), h.keys(tenant)),
    stored: async (tenant) => (await nh.readEvents()).filter((e) => e.envelope.tenant === tenant),
    async pending(tenant) {
      const summary = (await h.redis().xpending(h.keys(tenant).outbox, relayGroup)) as [number, ...unknown[]];
      return Number(summary[0]);
    },
    async caughtUp(tenant) {
      const key = h.keys(tenant).outbox;
      const [last] = await h.redis().xrevrange(key, '+', '-', 'COUNT', 1);
      if (last === undefined) return true;
      const groups = (await h.redis().xinfo('GROUPS', key)) as unknown[][];
      const g = groups.find((x) => x[x.indexOf('name') + 1] === relayGroup);
      return g !== undefined && g[g.indexOf('last-delivered-id') + 1] === last[0] && (await p.pending(tenant)) === 0;
    },
  };
  return p;
}

/** relayTenantOnce until the tenant's outbox is all read and acked (bounded: 500 steps); returns the entries acked. */
async function drain(p: Pipeline, relay: OutboxRelay, tenant: string): Promise<number> {
  let total = 0;
  for (let i = 0; i < 500; i++) {
    const n = await relay.relayTenantOnce(tenant);
    total += n;
    if (n === 0) {
      if (await p.caughtUp(tenant)) return total;
      await new Promise((r) => setTimeout(r, 20)); // backing off after a failed publish
    }
  }
  throw new Error(`relay did not catch up on ${tenant} (acked ${total})`);
}

/** Polls until `check` holds (bounded). */
async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The stored events of a tenant are exactly its outbox events: once each, same order, same ids. */
function expectExactlyOnceInOrder(stored: StoredEvent[], outbox: readonly Pick<OutboxEvent, 'streamId' | 'id'>[], tenant: string): void {
  expect(stored.map((e) => e.envelope.outboxId), `outbox ids of ${tenant} in stream order`).toEqual(outbox.map((e) => e.streamId));
  expect(stored.map((e) => e.msgId), `Nats-Msg-Id = tenant:event id for ${tenant}`).toEqual(outbox.map((e) => `${tenant}:${e.id}`));
  expect(stored.map((e) => e.envelope.eventId)).toEqual(outbox.map((e) => e.id));
  expect(new Set(stored.map((e) => e.envelope.eventId)).size).toBe(stored.length);
}

/** A NATS connection whose subscriptions never see a message: JetStream stores, the acks are lost. */
function ackLosingNats(nats: Nats): Nats {
  const nc = new Proxy(nats.nc, {
    get(target, prop) {
      if (prop === 'subscribe') {
        return (subject: string, opts?: object) => target.subscribe(subject, { ...opts, callback: () => undefined });
      }
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as NatsConnection;
  return { ...nats, nc };
}

/** A NATS connection that records which tenants it published for. */
function recordingNats(nats: Nats, tenants: Set<string>, namespace: string): Nats {
  const nc = new Proxy(nats.nc, {
    get(target, prop) {
      if (prop === 'publish') {
        return (subject: string, ...rest: unknown[]) => {
          if (subject.startsWith(`${namespace}.`)) tenants.add(subject.split('.')[1]!);
          return (target.publish as (...a: unknown[]) => void)(subject, ...rest);
        };
      }
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as NatsConnection;
  return { ...nats, nc };
}

describe('outbox relay', () => {
  it('publishes every outbox entry to JetStream exactly once, in outbox order, with tenant:event id as Nats-Msg-Id', async () => {
    const p = await pipeline({ relayBatchMax: 300 });
    await p.reserve('ta', 1_000);
    await p.reserve('tb', 450);
    const relay = p.relay('r1');
    expect(await drain(p, relay, 'ta')).toBe(1_001);
    expect(await drain(p, relay, 'tb')).toBe(451);

    for (const t of ['ta', 'tb']) {
      const outbox = await p.outbox(t);
      expectExactlyOnceInOrder(await p.stored(t), outbox, t);
      expect(await p.pending(t)).toBe(0);
      // no projector watermark: nothing is durable past JetStream yet, so nothing is trimmed
      expect(outbox.length).toBe(t === 'ta' ? 1_001 : 451);
    }
    const stored = await p.stored('ta');
    expect(stored[0]!.subject).toBe(`${p.h.namespace}.ta.stock.set`);
    expect(stored[1]!.subject).toBe(`${p.h.namespace}.ta.stock.reserved`);
    expect((await relay.metrics.relayPublished.get()).values[0]!.value).toBe(1_452);
    const lag = (await relay.metrics.relayLagSeconds.get()).values;
    expect(lag.map((v) => [v.labels.tenant, v.value]).sort()).toEqual([['ta', 0], ['tb', 0]]);
    expect(relay.logs.filter((l) => l.level !== 'info')).toEqual([]);
  }, 40_000);

  it('a relay that crashed after publishing and before XACK: the next owner publishes again, JetStream keeps one copy', async () => {
    const p = await pipeline({ relayLeaseMs: 600 });
    await p.reserve('tc', 250);
    // A: JetStream stores its messages, the acks never reach it; then it "crashes" (never stops, never releases)
    const a = p.relay('crashing', { nats: ackLosingNats(p.nh.nats), publishTimeoutMs: 300 });
    expect(await a.relayTenantOnce('tc')).toBe(0);
    expect(await p.nh.eventCount()).toBe(251);
    expect(await p.pending('tc')).toBe(251);

    const b = p.relay('successor');
    expect(await b.relayTenantOnce('tc')).toBe(0); // A's lease still holds
    await new Promise((r) => setTimeout(r, 700));
    await p.reserve('tc', 30); // more after the crash
    expect(await drain(p, b, 'tc')).toBe(281);

    expectExactlyOnceInOrder(await p.stored('tc'), await p.outbox('tc'), 'tc');
    expect(await p.nh.eventCount()).toBe(281);
    expect(await p.pending('tc')).toBe(0);
  }, 30_000);

  it('after a failed publish nothing is acked, and the entries go out again in order once JetStream is back', async () => {
    const p = await pipeline({ relayBatchMax: 100 });
    await p.reserve('td', 150);
    const relay = p.relay('r1');
    const jsm = await p.nh.nats.jsm();
    await deleteTopology(jsm, p.h.namespace); // no stream listens on the subjects
    expect(await relay.relayTenantOnce('td')).toBe(0);
    expect(await p.pending('td')).toBe(100);
    expect(relay.logs.some((l) => l.level === 'warn' && /publish failed/.test(l.msg))).toBe(true);

    await applyTopology(jsm, p.h.namespace, p.nh.events);
    await new Promise((r) => setTimeout(r, 250)); // past the backoff
    expect(await drain(p, relay, 'td')).toBe(151);
    expectExactlyOnceInOrder(await p.stored('td'), await p.outbox('td'), 'td');
  }, 30_000);

  it('two relays at once over three tenants under concurrent reserve load: every event once, in order, one relay per tenant', async () => {
    const p = await pipeline({ relayBatchMax: 200, relayInflightMax: 600, relayIdleMs: 5 });
    const tenants = ['t1', 't2', 't3'];
    for (const t of tenants) await p.reserve(t, 1);
    const seen = { x: new Set<string>(), y: new Set<string>() };
    // overlapping tenant lists: both relays have work, and t2 is contended
    const x = p.relay('x', { nats: recordingNats(p.nh.nats, seen.x, p.h.namespace), listTenants: async () => ['t1', 't2'], tenantsRefreshMs: 100 });
    const y = p.relay('y', { nats: recordingNats(p.nh.nats, seen.y, p.h.namespace), listTenants: async () => ['t3', 't2'], tenantsRefreshMs: 100 });
    x.start();
    y.start();
    const load = Promise.all(tenants.map(async (t) => {
      for (let round = 0; round < 8; round++) await p.reserve(t, 150);
    }));
    await load;
    const total = async () => (await Promise.all(tenants.map(async (t) => (await p.outbox(t)).length))).reduce((a, b) => a + b, 0);
    const expected = await total();
    await until('every outbox entry stored', async () => (await p.nh.eventCount()) >= expected, 30_000);
    await x.stop();
    await y.stop();

    const stored = await p.nh.readEvents();
    expect(stored.length).toBe(expected);
    for (const t of tenants) {
      expectExactlyOnceInOrder(stored.filter((e) => e.envelope.tenant === t), await p.outbox(t), t);
      expect(await p.pending(t)).toBe(0);
      expect([seen.x.has(t), seen.y.has(t)].filter(Boolean), `relays that published ${t}`).toHaveLength(1);
      expect(await p.h.redis().exists(relayLeaseKey(p.h.keys(t))), `lease of ${t} after stop`).toBe(0);
    }
    expect(seen.x.has('t1') && seen.y.has('t3')).toBe(true);
  }, 60_000);

  it('relays every tenant the catalog lists, page after page (the 2,050th, on the third page of 1,000)', async () => {
    const p = await pipeline();
    const last = 'zz-last';
    await p.reserve(last, 5);
    const ids = [...Array.from({ length: 2_049 }, (_, i) => `a${String(i).padStart(5, '0')}`), last];
    const calls: number[] = [];
    const listTenants = async (limit: number, afterId?: string) => {
      calls.push(limit);
      return ids.filter((t) => afterId === undefined || t > afterId).slice(0, limit);
    };
    const relay = p.relay('paged', { listTenants, tenantsRefreshMs: 60_000 });
    relay.start();
    await until('the last tenant relayed', async () => (await p.stored(last)).length === 6, 60_000);
    await relay.stop();
    expectExactlyOnceInOrder(await p.stored(last), await p.outbox(last), last);
    expect(Math.max(...calls)).toBeLessThan(ids.length);
    expect(calls.length).toBeGreaterThanOrEqual(3);
  }, 90_000);

  it('trims below the projector watermark, never past an entry the relay has not acked', async () => {
    const p = await pipeline();
    const t = 'te';
    const ids = async () => (await p.outbox(t)).map((e) => e.streamId);
    const mark = (id: string) => p.h.redis().set(p.h.keys(t).outboxWatermark, id);
    await p.reserve(t, 9); // e1..e10 with the initial set
    const first = p.relay('r1');
    expect(await drain(p, first, t)).toBe(10);
    const e = await ids();
    expect(await first.trimTenant(t)).toMatchObject({ trimmed: 0, length: 10 }); // no watermark: nothing durable

    await mark(e[4]!);
    expect(await first.trimTenant(t)).toMatchObject({ trimmed: 4, cutoff: e[4], length: 6 });
    expect(await ids()).toEqual(e.slice(4));

    await p.reserve(t, 10); // e11..e20: never read by a relay
    const all = await ids();
    const unpublished = all.slice(6);
    await mark(all.at(-1)!); // even a watermark past them (it cannot be, but must not matter)
    expect(await first.trimTenant(t)).toMatchObject({ cutoff: e[9] });
    expect(await ids()).toEqual([e[9]!, ...unpublished]);

    // another consumer read five of them and never acked (a crashed relay): they stay
    await p.h.redis().xreadgroup('GROUP', relayGroup, 'ghost', 'COUNT', 5, 'STREAMS', p.h.keys(t).outbox, '>');
    expect(await first.trimTenant(t)).toMatchObject({ trimmed: 1, cutoff: unpublished[0] });
    expect(await ids()).toEqual(unpublished);

    // the lease changes hands: the new owner claims the ghost's entries and publishes everything once
    await first.stop();
    const second = p.relay('r2');
    expect(await drain(p, second, t)).toBe(10);
    expect(await second.trimTenant(t)).toMatchObject({ cutoff: unpublished.at(-1), length: 1 });
    expect(await ids()).toEqual(unpublished.slice(-1));
    const stored = await p.stored(t);
    expect(stored.map((s) => s.envelope.outboxId)).toEqual([...e, ...unpublished]);
    expect(new Set(stored.map((s) => s.msgId)).size).toBe(20);
    // the ghost consumer (nothing pending any more) is removed once idle for two leases
    const consumers = async () => ((await p.h.redis().xinfo('CONSUMERS', p.h.keys(t).outbox, relayGroup)) as unknown[][]).map((c) => String(c[1]));
    expect(await consumers()).toContain('ghost');
    const third = p.relay('r3', {}, { relayLeaseMs: 100 });
    await second.stop();
    await new Promise((r) => setTimeout(r, 250));
    expect((await third.trimTenant(t)).consumersDeleted).toBeGreaterThanOrEqual(1);
    expect(await consumers()).not.toContain('ghost');
  }, 30_000);

  it('with a retention window, acked entries older than it are trimmed without a watermark; unacked ones never', async () => {
    const p = await pipeline();
    const t = 'tr';
    await p.reserve(t, 20);
    const relay = p.relay('r1', { outboxRetentionMs: 0 });
    expect(await drain(p, relay, t)).toBe(21);
    await p.reserve(t, 5);
    // trimming ran after the batch, down to the last entry read; then five new ones came
    const left = (await p.outbox(t)).map((e) => e.streamId);
    expect(left).toHaveLength(6);
    expect(await relay.trimTenant(t)).toMatchObject({ length: 6, cutoff: left[0] });
    expect((await p.outbox(t)).map((e) => e.streamId)).toEqual(left);
  }, 20_000);

  it('sends a poison entry to the dead-letter stream and goes on with the entries after it', async () => {
    const p = await pipeline();
    const t = 'tp';
    await p.reserve(t, 3);
    const outboxKey = p.h.keys(t).outbox;
    const garbage = await p.h.redis().xadd(outboxKey, '*', 'foo', 'bar');
    const unknownType = await p.h.redis().xadd(outboxKey, '*', 'id', 'ev-x', 'type', 'teleported', 'agg', 'a', 'ts', '1', 'data', '{"cells":[]}');
    await p.reserve(t, 3);
    const relay = p.relay('r1');
    expect(await drain(p, relay, t)).toBe(9);

    const raw = await p.h.redis().xrange(outboxKey, '-', '+');
    const good = raw.filter(([sid]) => sid !== garbage && sid !== unknownType).map(([streamId, f]) => ({ streamId, id: f[f.indexOf('id') + 1]! }));
    expect(good).toHaveLength(7);
    expectExactlyOnceInOrder(await p.stored(t), good, t);
    const dlq = await p.nh.readDlq();
    expect(dlq.map((m) => m.subject)).toEqual([0, 1].map(() => `${p.h.namespace}_dlq.relay.${p.h.namespace}.${t}.outbox`));
    const bodies = dlq.map((m) => JSON.parse(new TextDecoder().decode(m.data)) as { tenant: string; outboxId: string; fields: string[]; error: string });
    expect(bodies.map((b) => [b.tenant, b.outboxId, b.fields])).toEqual([
      [t, garbage, ['foo', 'bar']],
      [t, unknownType, ['id', 'ev-x', 'type', 'teleported', 'agg', 'a', 'ts', '1', 'data', '{"cells":[]}']],
    ]);
    expect(await p.pending(t)).toBe(0);
    expect(relay.logs.filter((l) => l.level === 'error')).toHaveLength(2);
  }, 20_000);

  it('stop() releases the leases, so another relay takes over at once', async () => {
    const p = await pipeline({ relayLeaseMs: 30_000 });
    await p.reserve('tf', 5);
    await p.reserve('tg', 5);
    const a = p.relay('a');
    const b = p.relay('b');
    expect(await a.relayTenantOnce('tf')).toBe(6);
    expect(await a.relayTenantOnce('tg')).toBe(6);
    expect(a.ownedTenants().sort()).toEqual(['tf', 'tg']);
    await p.reserve('tf', 2);
    expect(await b.relayTenantOnce('tf')).toBe(0); // a holds it for 30 s
    expect(await p.h.redis().get(relayLeaseKey(p.h.keys('tf')))).toBe('a');

    await a.stop();
    for (const t of ['tf', 'tg']) expect(await p.h.redis().exists(relayLeaseKey(p.h.keys(t)))).toBe(0);
    expect(a.ownedTenants()).toEqual([]);
    expect(await b.relayTenantOnce('tf')).toBe(2);
    expect(await p.h.redis().get(relayLeaseKey(p.h.keys('tf')))).toBe('b');
    expectExactlyOnceInOrder(await p.stored('tf'), await p.outbox('tf'), 'tf');
  }, 20_000);
});
