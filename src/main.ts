// Composition root: builds every adapter and service from the config, and
// starts the roles a process runs.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { AuthService, authOptionsOf } from './app/auth.service.ts';
import { systemClock, type Clock } from './app/clock.port.ts';
import { CatalogService } from './app/catalog.service.ts';
import { DashboardTokens, randomDashboardSecret } from './app/dashboard.token.ts';
import { PaymentService } from './app/payment.service.ts';
import { LedgerService } from './app/ledger.service.ts';
import { ReconcileService } from './app/reconcile.service.ts';
import { ReservationService } from './app/reservation.service.ts';
import { StockService } from './app/stock.service.ts';
import { startDurabilityWatch, type DurabilityWatch } from './app/durability.service.ts';
import { readPostgresPersistence } from './adapters/postgres/durability.ts';
import { readRedisPersistence, watchRedisReconnects } from './adapters/redis/durability.ts';
import type { Config, Role } from './config.ts';
import { buildApp } from './adapters/http/app.ts';
import type { HttpDeps } from './adapters/http/deps.ts';
import { createMetrics, startMetricsServer, type Metrics } from './adapters/metrics/metrics.ts';
import { connectNats, type Nats } from './adapters/nats/connection.ts';
import { applyTopology } from './adapters/nats/topology.ts';
import { CatalogRepo } from './adapters/postgres/catalog.repo.ts';
import { LedgerRepo } from './adapters/postgres/ledger.repo.ts';
import { migrate } from './adapters/postgres/migrate.ts';
import { PaymentSecretRepo } from './adapters/postgres/payment-secret.repo.ts';
import { createSql, type Sql } from './adapters/postgres/sql.ts';
import { RedisPool } from './adapters/redis/connection.ts';
import { tenantKeysCache } from './adapters/redis/keys.ts';
import { PaymentJournal } from './adapters/redis/payment-journal.ts';
import { AckedSeqMark } from './adapters/redis/ack-log.ts';
import { RedisPaymentRecords } from './adapters/redis/payment-records.ts';
import { JetStreamPaymentEvents } from './adapters/nats/payment-events.ts';
import { RedisStockAdmin } from './adapters/redis/stock.admin.ts';
import { RedisStockEngine } from './adapters/redis/stock.engine.ts';
import { startWsRole } from './roles/fanout.role.ts';
import { PaymentsConsumer } from './roles/payments.role.ts';
import { Projector } from './roles/projector.role.ts';
import { Reconciler } from './roles/reconciler.role.ts';
import { OutboxRelay } from './roles/relay/relay.role.ts';
import { JetStreamTailGuard } from './roles/tail-guard.role.ts';
import { Sweeper } from './roles/sweeper.role.ts';
import { OrdersRole } from './roles/orders.role.ts';
import { PublishingOrderStore } from './app/order.publishing.ts';
import { JetStreamOrderEvents } from './adapters/nats/order-events.ts';
import { ChannelService } from './app/channel.service.ts';
import { IntakeService } from './app/intake.service.ts';
import { importBounds, ImportService } from './app/import.service.ts';
import { ImportRepo } from './adapters/postgres/import.repo.ts';
import { JetStreamIntakeBatch } from './adapters/nats/intake.batch.ts';
import { OrderApplyService } from './app/order.apply.service.ts';
import { OrderService } from './app/order.service.ts';
import { OrderAddressService } from './app/order.address.service.ts';
import { OrderTokens, orderTokenKeyOf } from './app/order.token.ts';
import { OrderStock } from './app/order.stock.ts';
import { OrderFulfilmentService } from './app/order.fulfilment.service.ts';
import { PublishingFulfilmentStore } from './app/order.fulfilment.publishing.ts';
import { wmsSecretsFrom, type WmsSecrets } from './app/wms-callback.port.ts';
import { PgFulfilmentStore, PgPickTaskLookup } from './adapters/postgres/fulfilment.store.ts';
import { defaultMapping } from './adapters/channels/mappings.ts';
import { JetStreamIntake } from './adapters/nats/intake.ts';
import { ChannelRepo } from './adapters/postgres/channel.repo.ts';
import { PgChannelStore, PgOrderStore } from './adapters/postgres/order.store.ts';
import { channelSecretsKey } from './adapters/postgres/secrets-key.ts';
import { slaParts, startTimers, type SlaParts } from './sla.compose.ts';
import { labelService, pickTaskParts, qimenHeldChanges, qimenInbound, qimenOutbound, startFulfilment } from './fulfilment.compose.ts';
import { startWriteback, writebackService } from './writeback.compose.ts';

export interface Runtime {
  readonly config: Config;
  readonly log: Logger;
  readonly clock: Clock;
  readonly sql: Sql;
  readonly redis: RedisPool;
  readonly nats: Nats;
  readonly engine: RedisStockEngine;
  readonly store: CatalogRepo;
  readonly ledger: LedgerRepo;
  readonly stockAdmin: RedisStockAdmin;
  readonly dashboardTokens: DashboardTokens;
  readonly deps: HttpDeps;
  readonly metrics: Metrics;
  readonly orderApply: OrderApplyService;
  /** PubAck sequences this process saw, for the tail guard. */
  readonly acked: AckedSeqMark;
  readonly journal: PaymentJournal;
  readonly paymentEvents: JetStreamPaymentEvents;
  /** SLA timers and alerts (issue 12). */
  readonly sla: SlaParts;
  close(): Promise<void>;
}

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, base: { ns: config.namespace } });
}

export async function buildRuntime(config: Config, opts: { log?: Logger; clock?: Clock; metrics?: Metrics } = {}): Promise<Runtime> {
  const log = opts.log ?? createLogger(config);
  const clock = opts.clock ?? systemClock;
  const metrics = opts.metrics ?? createMetrics();
  const sql = createSql(config);
  const redis = new RedisPool({
    url: config.redisUrl, connections: config.redisConnections, commandTimeoutMs: config.redisCommandTimeoutMs, cluster: config.redisCluster,
  });
  let nats: Nats;
  try {
    nats = await connectNats(config.natsUrl, `pallet-${config.namespace}-${process.pid}`);
  } catch (err) {
    await redis.close();
    await sql.end({ timeout: 1 });
    throw err;
  }
  const engine = new RedisStockEngine(redis, {
    namespace: config.namespace, outboxLengthMax: config.outboxLengthMax,
    reservationRetentionSeconds: config.reservationRetentionSeconds,
    idempotencyTtlSeconds: config.idempotencyTtlSeconds, onHandMax: config.limits.onHandMax,
  });
  const store = new CatalogRepo(sql);
  const catalogs = new CatalogService(store, engine, config.limits, config.catalogCacheTenantsMax);
  const auth = new AuthService(store, config.adminKey, authOptionsOf(config));
  const dashboardTokens = new DashboardTokens({
    secret: config.dashboard.secret ?? randomDashboardSecret(),
    ttlSecondsDefault: config.dashboard.tokenTtlSecondsDefault, ttlSecondsMax: config.dashboard.tokenTtlSecondsMax,
  }, clock);
  // Payment events are journaled in Redis and their PubAck sequences noted: the tail guard's refill source and signal.
  const acked = new AckedSeqMark(redis, config.namespace, config.events.ackLogMax);
  const journal = new PaymentJournal(redis, tenantKeysCache(config.namespace), {
    retentionMs: config.outboxRetentionSeconds * 1000, entriesMax: config.payments.journalEntriesMax,
  });
  const paymentEvents = new JetStreamPaymentEvents(nats.js, config.namespace, journal, acked);
  const payments = new PaymentService(
    new PaymentSecretRepo(sql), new RedisPaymentRecords(redis, config.namespace),
    paymentEvents, clock, {
      ...config.payments, publishTimeoutMs: Math.min(5_000, Math.floor(config.requestTimeoutMs / 2)),
      secretCacheTtlMs: config.authCacheTtlMs, secretCacheEntriesMax: config.authCacheEntriesMax,
    });
  const ledger = new LedgerRepo(sql);
  const reservations = new ReservationService(engine, catalogs, config.limits, clock);
  // The WMS callbacks' service (in orders) finishes interrupted re-allocations for the fulfilment role's prepare.
  const pickTasks = pickTaskParts(config, sql, reservations, clock, { reallocate: (tenant, orderId) => orders.fulfilment.reallocate(tenant, orderId) });
  const orders = orderServices(config, sql, nats, reservations, clock, log, metrics, wmsSecretsFrom(pickTasks.store));
  const sla = slaParts(config, sql, redis, clock, log, { redrive: (tenant, orderId) => pickTasks.service.redrive(tenant, orderId) });
  const stock = new StockService(engine, catalogs, config.limits, clock);
  const deps: HttpDeps = {
    qimen: qimenInbound(config, sql, pickTasks.store, orders.fulfilment, stock, clock),
    qimenOps: qimenOutbound(config, pickTasks.store, catalogs, engine, clock),
    qimenHeld: qimenHeldChanges(sql, stock, catalogs, clock),
    pickTasks: pickTasks.service,
    writebacks: writebackService(config, sql, clock),
    sla: sla.service,
    channels: orders.channels, intake: orders.intake, orders: orders.orders, orderAddresses: orders.addresses, imports: orders.imports,
    fulfilment: orders.fulfilment,
    labels: labelService(config, sql, catalogs),
    config, logger: log, auth, catalogs, payments, ledger: new LedgerService(ledger), dashboardTokens,
    // serve() passes the bound port when it runs the ws role; an api-only process knows only the configured one.
    wsPort: () => config.wsPort,
    reservations,
    stock,
    ready: async () => ({
      redis: await redis.ping(),
      postgres: await sql`select 1 as up`.then(() => true, () => false),
      nats: !nats.nc.isClosed() && await nats.nc.flush().then(() => true, () => false),
    }),
    metrics,
  };
  return {
    config, log, clock, sql, redis, nats, engine, store, ledger, deps, metrics, dashboardTokens, acked, journal, paymentEvents, orderApply: orders.apply, sla,
    stockAdmin: new RedisStockAdmin(redis, config.namespace),
    async close() {
      await nats.close();
      await redis.close();
      await sql.end({ timeout: 5 });
    },
  };
}

/** The order pool's services (issue 11): channels, intake, queries and ops steps, and the orders role's apply. */
function orderServices(config: Config, sql: Sql, nats: Nats, reservations: ReservationService, clock: Clock, log: Logger, metrics: Metrics, wmsSecrets: WmsSecrets) {
  const secretsKey = channelSecretsKey(config.orders.secretsKeyHex, config.dataDir);
  const channelStore = new PgChannelStore(sql, new ChannelRepo(sql, secretsKey, {
    deliveryRetentionMs: config.orders.deliveryRetentionSeconds * 1000,
  }), { ttlMs: config.authCacheTtlMs, entriesMax: config.authCacheEntriesMax });
  // Every committed order change is announced as order.changed on the event stream (order.publishing.ts).
  const orderEvents = new JetStreamOrderEvents(nats.js, config.namespace, Math.min(5_000, Math.floor(config.requestTimeoutMs / 2)));
  const orderStore = new PublishingOrderStore(
    new PgOrderStore(sql, config.orders.deliveryRetentionSeconds * 1000), orderEvents, log, () => metrics.orderEventsUnpublished.inc(),
  );
  const intakeLog = new JetStreamIntake(nats.js, config.namespace);
  const publishTimeoutMs = Math.min(5_000, Math.floor(config.requestTimeoutMs / 2));
  const channels = new ChannelService(channelStore, intakeLog, { defaultMapping }, clock, publishTimeoutMs);
  const stock = new OrderStock(reservations, config.orders.unpaidTtlSeconds);
  const addresses = new OrderAddressService(orderStore, stock,
    new OrderTokens(orderTokenKeyOf(config.orders.tokenSecret, secretsKey), config.orders.addressTokenTtlSeconds, clock), clock);
  // WMS callbacks (issue 12): signed with the warehouse's WMS secret (PUT /v1/warehouses/{id}/wms), naming a pick task (migration 008).
  const fulfilment = new OrderFulfilmentService(
    new PublishingFulfilmentStore(new PgFulfilmentStore(sql, config.orders.deliveryRetentionSeconds * 1000), orderEvents, log,
      () => metrics.orderEventsUnpublished.inc()),
    stock, addresses, wmsSecrets, clock, { timestampToleranceSeconds: config.payments.timestampToleranceSeconds }, new PgPickTaskLookup(sql));
  return {
    fulfilment,
    channels,
    intake: new IntakeService(channelStore, intakeLog, clock, {
      inflightMax: config.orders.inflightMax, publishTimeoutMs, timestampToleranceSeconds: config.payments.timestampToleranceSeconds,
    }),
    orders: new OrderService(orderStore, stock, clock),
    addresses,
    imports: new ImportService(channelStore, new ImportRepo(sql), new JetStreamIntakeBatch(nats.nc, config.namespace), clock, {
      ...importBounds, rowsMax: config.orders.importRowsMax, linesMax: config.limits.linesPerReservationMax, qtyMax: config.limits.qtyMax, publishTimeoutMs,
    }),
    apply: new OrderApplyService(orderStore, channelStore, channels, stock, clock, {
      linesMax: config.limits.linesPerReservationMax, qtyMax: config.limits.qtyMax,
    }),
  };
}

export async function runMigrations(rt: Runtime): Promise<string[]> {
  return (await migrate(rt.sql, rt.config.namespace)).applied;
}

/** The outbox relay and its tail guard (not started): the relay role, and `pallet refill`. */
export function createRelay(rt: Runtime): { relay: OutboxRelay; guard: JetStreamTailGuard } {
  const { config, log, metrics, clock } = rt;
  const listTenants = (limit: number, afterId?: string) => rt.store.listTenantIds(limit, afterId);
  const instanceId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const relay = new OutboxRelay({
    redis: rt.redis, nats: rt.nats, namespace: config.namespace, events: config.events, listTenants, log, metrics, clock,
    instanceId, outboxRetentionMs: config.outboxRetentionSeconds * 1000, acked: rt.acked, journal: rt.journal,
  });
  const guard = new JetStreamTailGuard({
    nats: rt.nats, redis: rt.redis, namespace: config.namespace, events: config.events, listTenants, log, metrics, instanceId,
    refill: (tenant, owned) => relay.refillTenant(tenant, owned), mark: rt.acked, checkIntervalMs: config.events.tailCheckMs,
  });
  return { relay, guard };
}

interface Running {
  readonly name: string;
  stop(): Promise<void>;
}

/** Starts the configured roles (PALLET_ROLES, default all) until stop() is called. */
export async function serve(rt: Runtime, roles: readonly Role[] = rt.config.roles): Promise<{ url: string | null; wsPort: number | null; metricsUrl: string | null; stop: () => Promise<void> }> {
  const { config, log } = rt;
  const has = (r: Role) => roles.includes(r);
  // Before anything starts: with PALLET_REQUIRE_DURABLE=1, settings that make a 2xx not durable refuse here.
  const durability = await watchDurability(rt);
  try {
    await applyTopology(await rt.nats.jsm(), config.namespace, config.events);
  } catch (err) {
    durability.stop();
    throw err;
  }
  const running: Running[] = [];
  let url: string | null = null;
  let wsPort: number | null = null;
  let metricsUrl: string | null = null;
  try {
    running.push({ name: 'durability', stop: async () => durability.stop() });
    // First, so it stops last; every process exports what its roles do. Not on the API listener: metrics name every tenant.
    if (config.metricsPort !== null) {
      const exporter = await startMetricsServer(rt.metrics.registry, { host: config.metricsHost, port: config.metricsPort });
      metricsUrl = exporter.url;
      running.push({ name: 'metrics', stop: () => exporter.close() });
    }
    if (has('projector')) running.push(await startProjector(rt));
    if ((has('api') || has('relay') || has('payments')) && config.events.tailCheckMs > 0) running.push(startAckedMark(rt));
    if (has('relay')) running.push(...startRelay(rt));
    if (has('payments')) running.push(await startPayments(rt));
    if (has('sweeper')) running.push(startSweeper(rt));
    if (has('reconciler')) running.push(startReconciler(rt));
    if (has('orders')) running.push(startOrders(rt));
    if (has('fulfilment')) running.push(startFulfilment(rt.deps.pickTasks, rt));
    if (has('writeback')) running.push(startWriteback(rt.deps.writebacks, rt));
    if (has('timers')) running.push(startTimers(rt.sla, rt));
    if (has('ws')) {
      const ws = await startWs(rt);
      wsPort = ws.port;
      running.push(ws);
    }
    if (has('api')) {
      const api = await startApi(rt, durability, wsPort);
      url = api.url;
      running.push(api);
    }
  } catch (err) {
    await stopAll(running, log);
    throw err;
  }
  log.info({ url, wsPort, metricsUrl, roles }, 'pallet serving');
  return { url, wsPort, metricsUrl, stop: () => stopAll(running, log) };
}

// ---- one starter per role: starts it and returns how to stop it -----------------------------

async function startProjector(rt: Runtime): Promise<Running> {
  const { config, log, metrics, clock } = rt;
  const projector = new Projector({ nats: rt.nats, store: rt.ledger, redis: rt.redis, namespace: config.namespace, events: config.events, log, metrics, clock });
  await projector.start();
  return { name: 'projector', stop: () => projector.stop() };
}

/** Flushes the PubAck sequences this process saw (api, relay, payments), for the tail guard. */
function startAckedMark(rt: Runtime): Running {
  const { config, log } = rt;
  // At most a second between flushes whatever the check interval: a projector re-checks 2 s after a reconnect.
  rt.acked.start(Math.max(250, Math.min(1_000, Math.floor(config.events.tailCheckMs / 5))), (err) => log.warn({ err }, 'acked sequence mark not flushed'));
  return { name: 'acked-mark', stop: () => rt.acked.stop() };
}

function startRelay(rt: Runtime): Running[] {
  const { relay, guard } = createRelay(rt);
  relay.start();
  guard.start();
  return [{ name: 'relay', stop: () => relay.stop() }, { name: 'tail-guard', stop: () => guard.stop() }];
}

async function startPayments(rt: Runtime): Promise<Running> {
  const { config, log, metrics, clock } = rt;
  const consumer = new PaymentsConsumer({
    nats: rt.nats, engine: rt.engine, redis: rt.redis, namespace: config.namespace, events: config.events, log, metrics, clock,
    publisher: rt.paymentEvents,
  });
  await consumer.start();
  return { name: 'payments', stop: () => consumer.stop() };
}

function startSweeper(rt: Runtime): Running {
  const { config, log, clock } = rt;
  const sweeper = new Sweeper(rt.engine, (limit, afterId) => rt.store.listTenantIds(limit, afterId), clock, {
    intervalMs: config.sweepIntervalMs, batchMax: config.sweepBatchMax, tenantsPerRoundMax: config.sweepTenantsPerRoundMax,
    concurrency: config.sweepConcurrency, rescanMs: config.sweepRescanSeconds * 1000, rescanPageMax: 1_000,
  }, log);
  sweeper.start();
  return { name: 'sweeper', stop: () => sweeper.stop() };
}

function startOrders(rt: Runtime): Running {
  const { config, log, metrics } = rt;
  const role = new OrdersRole({ nats: rt.nats, namespace: config.namespace, events: config.events, orders: config.orders, apply: rt.orderApply, log, metrics });
  role.start();
  return { name: 'orders', stop: () => role.stop() };
}

function startReconciler(rt: Runtime): Running {
  const reconciler = new Reconciler(new ReconcileService(rt.ledger, rt.stockAdmin), rt.config.reconcileIntervalSeconds, rt.metrics, rt.log);
  reconciler.start();
  return { name: 'reconciler', stop: () => reconciler.stop() };
}

/** The dashboard websocket role; `port` is the bound one (config.wsPort may be 0). */
async function startWs(rt: Runtime): Promise<Running & { readonly port: number }> {
  const { config, log, metrics, clock } = rt;
  const ws = await startWsRole({
    redis: rt.redis, nats: rt.nats, sql: rt.sql, tokens: rt.dashboardTokens,
    catalog: rt.deps.catalogs, clock, log, registry: metrics.registry,
  }, {
    namespace: config.namespace,
    fanout: {
      host: config.httpHost, port: config.wsPort,
      connectionsMax: config.dashboard.wsConnectionsMax, connectionsPerTenantMax: config.dashboard.wsConnectionsPerTenantMax,
      coalesceMs: config.dashboard.wsCoalesceMs, bufferedBytesMax: config.dashboard.wsBufferedBytesMax,
      idleTimeoutSeconds: config.dashboard.wsIdleTimeoutSeconds, keyCheckMs: config.dashboard.wsKeyCheckMs,
    },
    board: {
      timeZone: config.dashboard.timeZone, ordersTrackedMax: config.dashboard.wsOrdersTrackedMax,
      heldListMax: config.dashboard.wsHeldListMax, releaseSamplesMax: config.dashboard.wsReleaseSamplesMax,
    },
  });
  return { name: 'ws', port: ws.port, stop: () => ws.stop() };
}

/** The HTTP API; readiness also fails on non-durable settings when they are required. `boundWsPort`: the ws role's, when this process runs it. */
async function startApi(rt: Runtime, durability: DurabilityWatch, boundWsPort: number | null): Promise<Running & { readonly url: string }> {
  const { config } = rt;
  const app = await buildApp({ ...rt.deps, ready: durability.guardReady(rt.deps.ready), wsPort: () => boundWsPort ?? config.wsPort });
  const url = await app.listen({ port: config.httpPort, host: config.httpHost });
  return { name: 'api', url, stop: () => app.close() };
}

/** Judges the Redis and PostgreSQL persistence settings (Redis again at every reconnect): log line, gauges, PALLET_REQUIRE_DURABLE. */
export function watchDurability(rt: Runtime): Promise<DurabilityWatch> {
  const redis = rt.redis.next();
  return startDurabilityWatch({
    readRedis: () => readRedisPersistence(redis),
    readPostgres: () => readPostgresPersistence(rt.sql),
    watchRedis: (onReconnect) => watchRedisReconnects(redis, onReconnect),
  }, { required: rt.config.requireDurable, log: rt.log, gauges: rt.metrics });
}

/** Stops in reverse start order: the API first, the projector (the end of the chain) last. */
async function stopAll(running: Running[], log: Logger): Promise<void> {
  for (const r of running.reverse()) {
    try {
      await r.stop();
    } catch (err) {
      log.error({ err, role: r.name }, 'role did not stop cleanly');
    }
  }
}
