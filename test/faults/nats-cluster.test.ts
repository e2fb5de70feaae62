// The event log on a private three-node NATS cluster (real nats-server
// processes, free ports, temp dir): Pallet's topology with
// PALLET_EVENTS_REPLICAS=3 replicates every stream and consumer, and a kill -9
// of the server that leads the events stream and holds the relay's connection,
// in the middle of the relay's load, loses no acknowledged message and stores
// none twice: the connection moves to another server, the relay publishes what
// was not acknowledged again with the same Nats-Msg-Id, and R3 keeps every
// message a PubAck was given for. Outbox entries come from the real stock
// engine on the shared Redis (own namespace, deleted after).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/adapters/metrics/metrics.ts';
import { connectNats, watchReconnects, type Nats } from '../../src/adapters/nats/connection.ts';
import { applyTopology, deleteTopology, type ConsumerName, type Topology } from '../../src/adapters/nats/topology.ts';
import { relayGroup } from '../../src/adapters/redis/outbox.ts';
import { loadConfig, type EventsConfig } from '../../src/config.ts';
import { OutboxRelay } from '../../src/roles/relay/relay.role.ts';
import { PrivateNatsCluster } from '../helpers/nats-cluster.ts';
import { testEventsConfig } from '../helpers/nats.ts';
import { readOutbox } from '../helpers/outbox.ts';
import { createHarness, type StockHarness } from '../helpers/redis.ts';
import { waitFor } from './servers.ts';

const tenant = 'tc';
const beforeKill = 1_500;
const afterKill = 1_000;

describe('the event log on a three-node NATS cluster (PALLET_EVENTS_REPLICAS=3)', () => {
  let cluster: PrivateNatsCluster;
  let h: StockHarness;
  let nats: Nats;
  let events: EventsConfig;
  let t: Topology;

  beforeAll(async () => {
    cluster = await PrivateNatsCluster.create();
    h = createHarness('natsc', { connections: 4 });
    const config = loadConfig({ NATS_URL: cluster.url, PALLET_EVENTS_REPLICAS: '3', PALLET_NAMESPACE: h.namespace });
    events = testEventsConfig({ replicas: config.events.replicas, relayBatchMax: 200, relayLeaseMs: 3_000 });
    nats = await connectNats(config.natsUrl, `test-${h.namespace}`);
    t = await applyTopology(await nats.jsm(), h.namespace, events);
  }, 60_000);

  afterAll(async () => {
    try {
      if (nats !== undefined) {
        await deleteTopology(await nats.jsm(), h.namespace).catch(() => undefined);
        await nats.close();
      }
      await h?.close();
    } finally {
      await cluster?.stop();
    }
  }, 60_000);

  it('creates every stream and every durable consumer with three replicas, each with a leader', async () => {
    const jsm = await nats.jsm();
    for (const stream of [t.eventsStream, t.dlqStream, t.intakeStream]) {
      const info = await waitFor(`${stream} with a leader and two current replicas`, async () => {
        const i = await jsm.streams.info(stream);
        return i.cluster?.leader && i.cluster.replicas?.length === 2 && i.cluster.replicas.every((r) => r.current) ? i : null;
      }, 20_000);
      expect(info.config.num_replicas, stream).toBe(3);
      expect(info.cluster!.name).toBe(cluster.clusterName);
      expect(new Set([info.cluster!.leader, ...info.cluster!.replicas!.map((r) => r.name)])).toEqual(new Set(['n1', 'n2', 'n3']));
    }
    const durables: [string, string][] = [
      ...(Object.keys(t.consumers) as ConsumerName[]).map((n): [string, string] => [t.eventsStream, t.consumers[n].durable]),
      [t.intakeStream, t.intakeDurable],
    ];
    for (const [stream, durable] of durables) {
      const info = await waitFor(`consumer ${durable} with a leader and two replicas`, async () => {
        const i = await jsm.consumers.info(stream, durable);
        return i.cluster?.leader && i.cluster.replicas?.length === 2 ? i : null;
      }, 20_000);
      expect(info.config.num_replicas, durable).toBe(3);
    }
  }, 90_000);

  it('kill -9 of the stream leader the relay is connected to, mid-load: every acknowledged message stored once, the connection on another server', async () => {
    const jsm = await nats.jsm();
    // The server the relay's connection uses becomes the events stream's leader (step-downs pick a new leader at random).
    const connectedPort = (): number => Number(nats.nc.getServer().split(':').pop());
    const connectedNode = () => cluster.nodes.find((n) => n.port === connectedPort())!;
    const victim = connectedNode();
    await waitFor(`${victim.name} leading ${t.eventsStream}`, async () => {
      const leader = (await jsm.streams.info(t.eventsStream)).cluster?.leader;
      if (leader === victim.name) return true;
      if (leader !== undefined && leader !== '') await nats.nc.request(`$JS.API.STREAM.LEADER.STEPDOWN.${t.eventsStream}`, undefined, { timeout: 5_000 });
      return false;
    }, 60_000, 500);

    // Every PubAck the relay receives, as the tail guard would note it: msg id → stream sequence.
    const acked = new Map<string, number>();
    const warnings: string[] = [];
    const errors: string[] = [];
    const relay = new OutboxRelay({
      redis: h.pool, nats, namespace: h.namespace, events,
      listTenants: async (_limit, afterId) => (afterId === undefined ? [tenant] : []),
      log: { info: () => undefined, warn: (obj, msg) => { warnings.push(msg); }, error: (obj, msg) => { errors.push(msg); } },
      metrics: createMetrics({ defaults: false }), instanceId: `relay-${randomBytes(3).toString('hex')}`,
      trimIntervalMs: 600_000, retryDelayMsMin: 50, retryDelayMsMax: 500, publishTimeoutMs: 2_000,
      acked: { note: (seq, msgId) => { acked.set(msgId, seq); } },
    });
    const changes: string[] = [];
    const watch = watchReconnects(nats.nc, (type) => changes.push(type));
    await stockUp(h);
    relay.start();
    try {
      const load = reserveMany(h, beforeKill + afterKill, 100);
      await waitFor(`${beforeKill / 3} messages stored before the kill`, async () => (await jsm.streams.info(t.eventsStream)).state.messages >= beforeKill / 3, 60_000, 20);
      await cluster.kill9(victim.name);
      const ackedAtKill = acked.size;
      await load.done; // reservations keep coming while the cluster elects a new leader and the client reconnects
      await waitFor('the relay caught up with the outbox', () => caughtUp(h), 120_000, 100);
      // The kill landed mid-load (acks before it, publishes after it) and some publishes failed and were sent again.
      expect(ackedAtKill).toBeGreaterThan(0);
      expect(ackedAtKill).toBeLessThan(beforeKill + afterKill);
      expect(warnings.filter((w) => w.startsWith('relay publish failed')).length).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      console.log(`nats cluster kill: ${ackedAtKill} acked at the kill, ${warnings.length} relay warnings (${[...new Set(warnings)].join('; ')})`);
      expect(load.count).toBe(beforeKill + afterKill);
    } finally {
      await relay.stop();
      watch.stop();
    }

    expect(changes).toContain('disconnect');
    expect(changes).toContain('reconnect');
    expect(connectedNode().name).not.toBe(victim.name);
    const newLeader = (await jsm.streams.info(t.eventsStream)).cluster?.leader;
    expect(newLeader).toBeDefined();
    expect(newLeader).not.toBe(victim.name);

    const outbox = await readOutbox(h.redis(), h.keys(tenant));
    // Read while the killed server is still down: the two survivors hold everything. (Message by message from the
    // stream leader: an ordered consumer, R1, may be placed on the dead peer and never answer on NATS 2.9.)
    const stored = (await readBySeq(nats, t.eventsStream)).filter((m) => m.subject.startsWith(`${h.namespace}.${tenant}.`));
    const want = outbox.map((e) => `${tenant}:${e.id}`);
    expect(outbox.length).toBe(beforeKill + afterKill + 1); // + the stock.set
    // Exactly once, in outbox order.
    expect(stored.map((m) => m.msgId)).toEqual(want);
    // Every PubAck the relay got names the sequence the message is stored at: nothing acknowledged was lost or moved.
    const bySeq = new Map(stored.map((m) => [m.seq, m.msgId]));
    const missing = [...acked].filter(([msgId, seq]) => bySeq.get(seq) !== msgId);
    expect(missing, 'acknowledged messages not at their acknowledged sequence').toEqual([]);
    expect(acked.size).toBe(want.length);

    // The killed server comes back as itself and catches up with the stream.
    await cluster.restart(victim.name);
    await waitFor(`${victim.name} current again`, async () => {
      const c = (await jsm.streams.info(t.eventsStream)).cluster;
      return c?.replicas?.some((r) => r.name === victim.name && r.current) ?? false;
    }, 60_000, 200);
  }, 300_000);
});

async function stockUp(h: StockHarness): Promise<void> {
  const now = Date.now();
  const w = await h.engine.setStock(tenant, {
    warehouse: 'A', sku: 'S', eventId: `${tenant}-init-${randomBytes(4).toString('hex')}`, operationKey: `${tenant}-init`,
    fingerprint: 'fp', reason: 'init', nowMs: now,
  }, { onHand: 1_000_000 });
  expect(w.kind).toBe('written');
}

/** `n` one-unit reservations, `parallel` at a time, each appending one outbox entry; `count` of those reserved. */
function reserveMany(h: StockHarness, n: number, parallel: number): { done: Promise<void>; readonly count: number } {
  const state = { count: 0, done: Promise.resolve() };
  state.done = (async () => {
    for (let i = 0; i < n; i += parallel) {
      const now = Date.now();
      const outs = await Promise.all(Array.from({ length: Math.min(parallel, n - i) }, (_, j) => {
        const id = `r${i + j}-${randomBytes(3).toString('hex')}`;
        return h.engine.reserve(tenant, {
          reservationId: id, idempotencyKey: id, fingerprint: 'fp', nowMs: now, expiresAtMs: now + 900_000,
          catalogVersion: 0, allowSplit: false, warehouses: ['A'], demand: [{ sku: 'S', qty: 1 }],
        });
      }));
      state.count += outs.filter((o) => o.kind === 'reserved').length;
    }
  })();
  return state;
}

/** Every outbox entry was read by the relay group and acknowledged (nothing pending). */
async function caughtUp(h: StockHarness): Promise<boolean> {
  const key = h.keys(tenant).outbox;
  const [last] = await h.redis().xrevrange(key, '+', '-', 'COUNT', 1);
  if (last === undefined) return false;
  const groups = (await h.redis().xinfo('GROUPS', key)) as unknown[][];
  const g = groups.find((x) => x[x.indexOf('name') + 1] === relayGroup);
  if (g === undefined || g[g.indexOf('last-delivered-id') + 1] !== last[0]) return false;
  const pending = (await h.redis().xpending(key, relayGroup)) as [number, ...unknown[]];
  return Number(pending[0]) === 0;
}

/** Every message of a stream, one direct get per sequence from its leader (bounded by the stream's last sequence). */
async function readBySeq(nats: Nats, stream: string): Promise<{ seq: number; subject: string; msgId: string | undefined }[]> {
  const jsm = await nats.jsm();
  const { state } = await jsm.streams.info(stream);
  const out: { seq: number; subject: string; msgId: string | undefined }[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
    const m = await jsm.streams.getMessage(stream, { seq });
    if (m !== null) out.push({ seq, subject: m.subject, msgId: m.header?.get('Nats-Msg-Id') || undefined });
  }
  expect(out.length).toBe(state.messages);
  return out;
}
