// Harness for pipeline tests: one random namespace shared by Redis keys
// (`<ns>:*`), a PostgreSQL schema (migrated) and the JetStream topology
// (`<ns>_events`, `<ns>_dlq`, consumers). Events are produced with the real
// stock engine and published to JetStream here, from the outbox, the way the
// relay publishes them (subject `<ns>.<tenant>.<type>`, Nats-Msg-Id = event
// id) — the relay itself is not used. close() drops the schema, deletes the
// streams and the keys, and closes every client.

import { loadConfig, type EventsConfig } from '../../src/config.ts';
import { encodeEnvelope, envelopeFromOutbox, subjectOf, type EnvelopeInit } from '../../src/adapters/events/envelope.codec.ts';
import { createMetrics, type Metrics } from '../../src/adapters/metrics/metrics.ts';
import { connectNats, type Nats } from '../../src/adapters/nats/connection.ts';
import { applyTopology, deleteTopology, topology, type Topology } from '../../src/adapters/nats/topology.ts';
import { LedgerRepo } from '../../src/adapters/postgres/ledger.repo.ts';
import { migrate } from '../../src/adapters/postgres/migrate.ts';
import { createSqlForSchema, type Sql } from '../../src/adapters/postgres/sql.ts';
import { RedisStockAdmin } from '../../src/adapters/redis/stock.admin.ts';
import { Projector, waitUntilProjected, type ProjectionStore } from '../../src/roles/projector.role.ts';
import { createHarness, type StockHarness } from '../helpers/redis.ts';

export const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

export interface LogLine { level: string; obj: object; msg: string }

export interface PipelineHarness {
  readonly ns: string;
  readonly redis: StockHarness;
  readonly sql: Sql;
  readonly ledger: LedgerRepo;
  readonly admin: RedisStockAdmin;
  readonly nats: Nats;
  readonly t: Topology;
  readonly events: EventsConfig;
  readonly metrics: Metrics;
  /** Everything the projectors logged. */
  readonly logs: LogLine[];
  /** Envelopes of the tenant's outbox entries not yet published (advances the tenant's position). */
  nextEnvelopes(tenant: string): Promise<EnvelopeInit[]>;
  /** Publishes envelopes like the relay does (awaiting every JetStream ack); `msgIdSuffix` defeats deduplication. */
  publishEnvelopes(envelopes: readonly EnvelopeInit[], msgIdSuffix?: string): Promise<number>;
  /** nextEnvelopes + publishEnvelopes. */
  publish(tenant: string): Promise<number>;
  /** Publishes raw bytes on a subject (poison). */
  publishRaw(subject: string, data: Uint8Array, msgId: string): Promise<void>;
  /** Stops the projectors started before, then starts one (stopped by close()); `store` replaces the real repo. */
  projector(store?: ProjectionStore): Promise<Projector>;
  /** Stops every projector started here. */
  stopProjectors(): Promise<void>;
  /** Waits until the projector consumer has nothing pending or unacked (throws after timeoutMs). */
  drained(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function createPipelineHarness(kind: string, env: Record<string, string> = {}): Promise<PipelineHarness> {
  const redis = createHarness(kind, { connections: 3 });
  const ns = redis.namespace;
  const events = loadConfig({
    PALLET_CONSUMER_BATCH_MAX: '500', PALLET_CONSUMER_MAX_WAIT_MS: '20', PALLET_CONSUMER_ACK_WAIT_MS: '3000',
    PALLET_CONSUMER_MAX_DELIVER: '4', PALLET_EVENTS_DUPLICATE_WINDOW_SECONDS: '60',
    // Every stream reserves its max_bytes of the server's JetStream storage: keep test streams small.
    PALLET_EVENTS_MAX_BYTES: String(64 * 1024 ** 2), ...env,
  }).events;
  const sql = createSqlForSchema(ns, { poolMax: 4 });
  const nats = await connectNats(natsUrl, `test-${kind}`);
  const jsm = await nats.jsm();
  const projectors: Projector[] = [];
  const positions = new Map<string, string>();
  const logs: LogLine[] = [];
  const log = {
    info: (obj: object, msg: string) => { logs.push({ level: 'info', obj, msg }); },
    warn: (obj: object, msg: string) => { logs.push({ level: 'warn', obj, msg }); },
    error: (obj: object, msg: string) => { logs.push({ level: 'error', obj, msg }); },
  };
  try {
    await migrate(sql, ns);
    await applyTopology(jsm, ns, events);
  } catch (err) {
    await cleanup();
    throw err;
  }
  const ledger = new LedgerRepo(sql);
  const metrics = createMetrics({ defaults: false });

  async function cleanup(): Promise<void> {
    await Promise.all(projectors.map((p) => p.stop()));
    try {
      await deleteTopology(jsm, ns);
      await sql`drop schema if exists ${sql(ns)} cascade`;
    } finally {
      await sql.end({ timeout: 5 });
      await nats.close();
      await redis.close();
    }
  }

  const h: PipelineHarness = {
    ns, redis, sql, ledger, admin: new RedisStockAdmin(redis.pool, ns), nats, t: topology(ns), events, metrics, logs,
    async nextEnvelopes(tenant) {
      const k = redis.keys(tenant);
      const after = positions.get(tenant);
      const rows = await redis.redis().xrange(k.outbox, after === undefined ? '-' : `(${after}`, '+');
      if (rows.length > 0) positions.set(tenant, rows[rows.length - 1]![0]);
      return rows.map(([id, fields]) => {
        const f: Record<string, string> = {};
        for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
        return envelopeFromOutbox(tenant, id, f);
      });
    },
    async publishEnvelopes(envelopes, msgIdSuffix = '') {
      const acks = await Promise.all(envelopes.map((e) =>
        nats.js.publish(subjectOf(ns, e.tenant!, e.type!), encodeEnvelope(e), { msgID: `${e.eventId}${msgIdSuffix}`, expect: { streamName: h.t.eventsStream } })));
      return acks.filter((a) => !a.duplicate).length;
    },
    async publish(tenant) {
      return h.publishEnvelopes(await h.nextEnvelopes(tenant));
    },
    async publishRaw(subject, data, msgId) {
      await nats.js.publish(subject, data, { msgID: msgId });
    },
    async projector(store) {
      await Promise.all(projectors.splice(0).map((p) => p.stop()));
      const p = new Projector({ nats, store: store ?? ledger, redis: redis.pool, namespace: ns, events, log, metrics });
      projectors.push(p);
      p.start();
      return p;
    },
    async stopProjectors() {
      await Promise.all(projectors.splice(0).map((p) => p.stop()));
    },
    async drained(timeoutMs = 15_000) {
      if (!(await waitUntilProjected(nats, ns, timeoutMs, 25))) {
        const info = await jsm.consumers.info(h.t.eventsStream, 'projector');
        throw new Error(`projector not drained after ${timeoutMs} ms: pending ${info.num_pending}, ack pending ${info.num_ack_pending}; logs ${JSON.stringify(logs.slice(-5))}`);
      }
    },
    close: cleanup,
  };
  return h;
}
