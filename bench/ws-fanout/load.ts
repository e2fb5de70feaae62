// The rest of the system while the ws role is measured: stock changes at a
// fixed rate (reserve one unit of a random cell, release the oldest held
// reservation: one cell change each, through the Redis Lua scripts and their
// outbox). With BENCH_WS_RELAY=1 it also runs the outbox relay moving the
// events to JetStream: run.ts starts one process for the changes and one
// (BENCH_WS_RATE=0) for the relay, so neither waits for the other's event loop.
//
// Calls the stock engine directly rather than the HTTP API: the API's CPU
// would compete with the server under test on a small machine, and the events
// (what the fanout sees) are the same.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DeliverPolicy } from '@nats-io/jetstream';
import hdr from 'hdr-histogram-js';
import { decodeEnvelope } from '../../src/adapters/events/envelope.codec.ts';
import { createMetrics } from '../../src/adapters/metrics/metrics.ts';
import { connectNats } from '../../src/adapters/nats/connection.ts';
import { RedisPool } from '../../src/adapters/redis/connection.ts';
import { RedisStockEngine } from '../../src/adapters/redis/stock.engine.ts';
import { loadConfig } from '../../src/config.ts';
import { OutboxRelay } from '../../src/roles/relay/relay.role.ts';
import { intEnv, send, serve, type LoadReport } from './ipc.ts';

const config = loadConfig(process.env);
const tenant = process.env.BENCH_WS_TENANT ?? '';
const ratePerSecond = intEnv('BENCH_WS_RATE', 5_000);
const skus = intEnv('BENCH_WS_SKUS', 100);
const warehouses = (process.env.BENCH_WS_WAREHOUSES ?? 'A,B').split(',');
const inflightMax = 2_000;
const tickMs = 5;

const pool = new RedisPool({ url: config.redisUrl, connections: 4, commandTimeoutMs: 10_000 });
const engine = new RedisStockEngine(pool, {
  namespace: config.namespace, outboxLengthMax: config.outboxLengthMax, reservationRetentionSeconds: 60,
  idempotencyTtlSeconds: 60, onHandMax: config.limits.onHandMax,
});
const metrics = createMetrics({ defaults: false });
const withRelay = process.env.BENCH_WS_RELAY === '1';
const nats = withRelay ? await connectNats(config.natsUrl, 'bench-ws-load') : null;
const relay = nats === null ? null : new OutboxRelay({
  redis: pool, nats, namespace: config.namespace, events: config.events, listTenants: async () => [tenant],
  log: { info: () => undefined, warn: (o, m) => console.warn(m, o), error: (o, m) => console.error(m, o) },
  metrics, instanceId: `bench-relay-${process.pid}`, tenantsRefreshMs: 1_000,
  // Nothing projects here: let the relay trim what JetStream has acked and is 10 s old.
  outboxRetentionMs: 10_000,
});
relay?.start();

// With the relay: event time → stored in JetStream (the relay's share of the lag), from each message's stream timestamp.
const histogram = () => hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000, numberOfSignificantValueDigits: 3 });
let streamLag = histogram();
const watch = nats === null ? null : await (await nats.js.consumers.get(`${config.namespace}_events`, {
  filter_subjects: `${config.namespace}.>`, deliver_policy: DeliverPolicy.New,
})).consume({
  max_messages: 1_000,
  callback: (m) => streamLag.recordValue(Math.max(1, m.info.timestampNanos / 1e6 - Number(decodeEnvelope(m.data).occurredAtMs))),
});

// The reserve script refuses a request planned on an older catalog than Redis knows.
const catalogVersion = await engine.catalogVersion(tenant);
const held: string[] = [];
let firstFailure = '';
let ops = 0;
let failed = 0;
let inflight = 0;
let countFrom = performance.now();
let opsAtReset = 0;
let failedAtReset = 0;
let relayedAtReset = 0;
const relayed = async (): Promise<number> => (await metrics.relayPublished.get()).values[0]?.value ?? 0;

async function change(i: number): Promise<void> {
  const now = Date.now();
  if (i % 2 === 1 && held.length > 0) {
    const id = held.shift()!;
    const out = await engine.transition(tenant, 'release', id, now);
    if (out.kind !== 'done') failed++;
    return;
  }
  const id = randomUUID();
  const sku = `sku-${String(Math.floor(Math.random() * skus)).padStart(4, '0')}`;
  const warehouse = warehouses[Math.floor(Math.random() * warehouses.length)]!;
  const out = await engine.reserve(tenant, {
    reservationId: id, idempotencyKey: id, fingerprint: 'bench', nowMs: now, expiresAtMs: now + 600_000, catalogVersion,
    allowSplit: false, warehouses: [warehouse], demand: [{ sku, qty: 1 }],
  });
  if (out.kind === 'reserved') {
    held.push(id);
  } else {
    failed++;
    if (firstFailure === '') console.error(`bench load: reserve failed: ${(firstFailure = JSON.stringify(out))}`);
  }
}

const started = performance.now();
const timer = setInterval(() => {
  const due = Math.floor(((performance.now() - started) / 1000) * ratePerSecond);
  while (ops < due && inflight < inflightMax) {
    const i = ops++;
    inflight++;
    void change(i).catch(() => { failed++; }).finally(() => { inflight--; });
  }
}, tickMs);

serve({
  reset: async () => {
    countFrom = performance.now();
    opsAtReset = ops;
    failedAtReset = failed;
    relayedAtReset = await relayed();
    streamLag = histogram();
    return { kind: 'reset' };
  },
  report: async (): Promise<LoadReport> => ({
    kind: 'report', ops: ops - opsAtReset, failed: failed - failedAtReset, seconds: (performance.now() - countFrom) / 1000,
    relayed: (await relayed()) - relayedAtReset,
    streamLagMsP50: streamLag.getValueAtPercentile(50), streamLagMsP99: streamLag.getValueAtPercentile(99),
  }),
}, async () => {
  clearInterval(timer);
  await watch?.close();
  await relay?.stop();
  await nats?.close();
  await pool.close();
});

send({ kind: 'started' });
