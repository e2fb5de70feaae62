// Configuration: read from the environment once at boot, validated, frozen.
// Every bound the system enforces lives here, with its unit in the name.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export * from './config.types.ts';
import { allRoles, type Config, type DashboardConfig, type EventsConfig, type FulfilmentConfig, type WritebackConfig, type LabelsConfig, type Limits, type RedisClusterConfig, type OrdersConfig, type PaymentsConfig, type Role, type SlaConfig, type SupervisorConfig } from './config.types.ts';

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  str(name: string, fallback: string, pattern?: RegExp, hint?: string): string {
    const raw = this.env[name];
    const value = raw === undefined || raw === '' ? fallback : raw;
    if (pattern && !pattern.test(value)) this.problems.push(`${name}=${JSON.stringify(value)}: ${hint ?? `must match ${pattern}`}`);
    return value;
  }

  url(name: string, fallback: string, protocols: readonly string[]): string {
    const value = this.str(name, fallback);
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) {
        this.problems.push(`${name}=${JSON.stringify(value)}: protocol must be one of ${protocols.join(', ')}`);
      }
    } catch {
      this.problems.push(`${name}=${JSON.stringify(value)}: not a valid URL`);
    }
    return value;
  }

  has(name: string): boolean {
    const raw = this.env[name];
    return raw !== undefined && raw !== '';
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!/^-?\d+$/.test(raw.trim())) {
      this.problems.push(`${name}=${JSON.stringify(raw)}: must be an integer in ${min}..${max}`);
      return fallback;
    }
    const value = Number(raw.trim());
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      this.problems.push(`${name}=${raw}: must be an integer in ${min}..${max}`);
      return fallback;
    }
    return value;
  }
}

const namespacePattern = /^[a-z][a-z0-9_]{0,30}$/;
const apiWorkersMax = 64;
/** `.data` in the repository, whatever the working directory. */
const defaultDataDir = fileURLToPath(new URL('../.data', import.meta.url));

export function loadConfig(env: Env = process.env): Config {
  const r = new Reader(env);
  const limits = readLimits(r);
  const config: Config = {
    ...readRedis(r),
    natsUrl: readNatsUrl(r),
    databaseUrl: r.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/postgres', ['postgres:', 'postgresql:']),
    httpPort: r.int('PALLET_HTTP_PORT', 3000, 0, 65535),
    httpHost: r.str('PALLET_HTTP_HOST', '127.0.0.1'),
    wsPort: r.int('PALLET_WS_PORT', 3001, 0, 65535),
    namespace: r.str('PALLET_NAMESPACE', 'pallet', namespacePattern, 'must be 1-31 chars of a-z, 0-9, _ starting with a letter'),
    adminKey: readAdminKey(r, env),
    logLevel: r.str('PALLET_LOG_LEVEL', 'info', /^(fatal|error|warn|info|debug|trace|silent)$/, 'must be one of fatal, error, warn, info, debug, trace, silent'),
    logRequests: /^(1|true|yes|on)$/i.test(r.str('PALLET_LOG_REQUESTS', 'true', /^(1|0|true|false|yes|no|on|off)$/i, 'must be 1/0, true/false, yes/no or on/off')),
    limits: Object.freeze(limits),
    ...readBounds(r),
    ...readAuth(r),
    trustProxy: readTrustProxy(r, env),
    metricsHost: r.str('PALLET_METRICS_HOST', '127.0.0.1'),
    metricsPort: readMetricsPort(r, env),
    requireDurable: r.str('PALLET_REQUIRE_DURABLE', '0', /^[01]$/, 'must be 0 or 1') === '1',
    catalogCacheTenantsMax: r.int('PALLET_CATALOG_CACHE_TENANTS_MAX', 1_000, 1, 1_000_000),
    roles: readRoles(r, env),
    events: readEvents(r),
    payments: readPayments(r),
    reconcileIntervalSeconds: r.int('PALLET_RECONCILE_INTERVAL_SECONDS', 300, 0, 86_400),
    outboxRetentionSeconds: r.int('PALLET_OUTBOX_RETENTION_SECONDS', 600, 150, 30 * 86_400),
    dashboard: readDashboard(r, env),
    supervisor: readSupervisor(r),
    dataDir: resolve(r.str('PALLET_DATA_DIR', defaultDataDir)),
    orders: readOrders(r, limits),
    sla: readSla(r),
    fulfilment: readFulfilment(r),
    writeback: readWriteback(r),
    labels: readLabels(r),
  };
  checkDashboard(r, config.dashboard);
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return Object.freeze(config);
}

const redisProtocols = ['redis:', 'rediss:'] as const;

/**
 * REDIS_URL: one server (the default), or a comma list of Redis Cluster seed
 * nodes; REDIS_CLUSTER=1 makes a single seed a cluster seed too. Cluster
 * nodes have only database 0, and every seed shares one protocol (TLS or not)
 * because the client dials the nodes it discovers the same way.
 */
function readRedis(r: Reader): { redisUrl: string; redisCluster: RedisClusterConfig | null } {
  const raw = r.str('REDIS_URL', 'redis://127.0.0.1:6379');
  const flag = r.str('REDIS_CLUSTER', '0', /^[01]$/, 'must be 0 (one server) or 1 (Redis Cluster)');
  const seeds = raw.split(',').map((s) => s.trim());
  const cluster = flag === '1' || seeds.length > 1;
  const options = readRedisClusterOptions(r);
  if (seeds.some((s) => s === '')) {
    r.problems.push(`REDIS_URL=${JSON.stringify(raw)}: an empty entry in the comma list of seed nodes`);
    return { redisUrl: raw, redisCluster: null };
  }
  if (seeds.length > 1 && r.has('REDIS_CLUSTER') && flag === '0') {
    r.problems.push(`REDIS_URL lists ${seeds.length} servers but REDIS_CLUSTER=0: several seed nodes are a Redis Cluster (set REDIS_CLUSTER=1 or give one URL)`);
  }
  const parsed = seeds.map((s) => parseRedisSeed(r, s, cluster));
  if (new Set(seeds).size !== seeds.length) r.problems.push(`REDIS_URL=${JSON.stringify(raw)}: a seed node is listed twice`);
  const protocols = new Set(parsed.map((u) => u?.protocol).filter((p) => p !== undefined));
  if (protocols.size > 1) r.problems.push(`REDIS_URL=${JSON.stringify(raw)}: seed nodes mix redis: and rediss: (use one for all)`);
  if (!cluster && options.waitReplicas > 0) {
    r.problems.push(`PALLET_REDIS_WAIT_REPLICAS=${options.waitReplicas}: only in Redis Cluster mode (REDIS_URL with several seeds or REDIS_CLUSTER=1)`);
  }
  return { redisUrl: raw, redisCluster: cluster ? Object.freeze({ seeds: Object.freeze(seeds), ...options }) : null };
}

function parseRedisSeed(r: Reader, seed: string, cluster: boolean): URL | undefined {
  let url: URL;
  try {
    url = new URL(seed);
  } catch {
    r.problems.push(`REDIS_URL entry ${JSON.stringify(seed)}: not a valid URL`);
    return undefined;
  }
  if (!(redisProtocols as readonly string[]).includes(url.protocol)) {
    r.problems.push(`REDIS_URL entry ${JSON.stringify(seed)}: protocol must be one of ${redisProtocols.join(', ')}`);
    return undefined;
  }
  if (cluster) {
    if (url.hostname === '') r.problems.push(`REDIS_URL entry ${JSON.stringify(seed)}: a cluster seed needs a host`);
    const db = url.pathname.replace(/^\//, '');
    if (db !== '' && db !== '0') r.problems.push(`REDIS_URL entry ${JSON.stringify(seed)}: Redis Cluster has only database 0, not ${JSON.stringify(db)}`);
  }
  return url;
}

function readRedisClusterOptions(r: Reader): Omit<RedisClusterConfig, 'seeds'> {
  return {
    slotsRefreshTimeoutMs: r.int('PALLET_REDIS_SLOTS_REFRESH_TIMEOUT_MS', 2_000, 100, 60_000),
    slotsRefreshIntervalMs: r.int('PALLET_REDIS_SLOTS_REFRESH_INTERVAL_MS', 5_000, 500, 600_000),
    maxRedirections: r.int('PALLET_REDIS_MAX_REDIRECTIONS', 16, 1, 100),
    retryDelayOnMovedMs: r.int('PALLET_REDIS_RETRY_DELAY_ON_MOVED_MS', 0, 0, 10_000),
    retryDelayOnClusterDownMs: r.int('PALLET_REDIS_RETRY_DELAY_ON_CLUSTER_DOWN_MS', 200, 0, 10_000),
    retryDelayOnTryAgainMs: r.int('PALLET_REDIS_RETRY_DELAY_ON_TRY_AGAIN_MS', 100, 0, 10_000),
    waitReplicas: r.int('PALLET_REDIS_WAIT_REPLICAS', 0, 0, 5),
    waitTimeoutMs: r.int('PALLET_REDIS_WAIT_TIMEOUT_MS', 100, 1, 10_000),
  };
}

const natsProtocols = ['nats:', 'tls:'] as const;

/**
 * NATS_URL: one server, or a comma list of the servers of one NATS cluster
 * (`nats://h1:4222,nats://h2:4222`). The client connects to any of them and
 * learns the rest of the cluster from the server it reaches. The connection
 * has one set of credentials, so entries that carry a user must all carry the same.
 */
function readNatsUrl(r: Reader): string {
  const raw = r.str('NATS_URL', 'nats://127.0.0.1:4222');
  const entries = raw.split(',').map((s) => s.trim());
  if (entries.some((s) => s === '')) {
    r.problems.push(`NATS_URL=${JSON.stringify(raw)}: an empty entry in the comma list of servers`);
    return raw;
  }
  const users = new Set<string>();
  const hosts = new Set<string>();
  for (const entry of entries) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      r.problems.push(`NATS_URL entry ${JSON.stringify(entry)}: not a valid URL`);
      continue;
    }
    if (!(natsProtocols as readonly string[]).includes(url.protocol)) {
      r.problems.push(`NATS_URL entry ${JSON.stringify(entry)}: protocol must be one of ${natsProtocols.join(', ')}`);
      continue;
    }
    if (url.hostname === '') r.problems.push(`NATS_URL entry ${JSON.stringify(entry)}: needs a host`);
    const hostPort = `${url.hostname}:${url.port || '4222'}`;
    if (hosts.has(hostPort)) r.problems.push(`NATS_URL=${JSON.stringify(raw)}: server ${hostPort} is listed twice`);
    hosts.add(hostPort);
    if (url.username !== '' || url.password !== '') users.add(`${url.username}:${url.password}`);
  }
  if (users.size > 1) r.problems.push('NATS_URL: entries carry different credentials (one connection has one user: give the same on every entry, or on the first only)');
  return raw;
}

/** The API's bounds (PALLET_*_MAX and the TTLs of a reservation). */
function readLimits(r: Reader): Limits {
  const limits: Limits = {
    bodyBytesMax: r.int('PALLET_BODY_BYTES_MAX', 64 * 1024, 1024, 16 * 1024 * 1024),
    linesPerReservationMax: r.int('PALLET_LINES_PER_RESERVATION_MAX', 100, 1, 1000),
    qtyMax: r.int('PALLET_QTY_MAX', 100_000, 1, 1_000_000_000),
    idLengthMax: r.int('PALLET_ID_LENGTH_MAX', 64, 8, 200),
    ttlSecondsMin: 1,
    ttlSecondsMax: r.int('PALLET_TTL_SECONDS_MAX', 86_400, 1, 30 * 86_400),
    ttlSecondsDefault: r.int('PALLET_TTL_SECONDS_DEFAULT', 900, 1, 30 * 86_400),
    bundleDepthMax: r.int('PALLET_BUNDLE_DEPTH_MAX', 3, 1, 10),
    componentsPerBundleMax: r.int('PALLET_COMPONENTS_PER_BUNDLE_MAX', 20, 1, 200),
    skusPerBatchReadMax: r.int('PALLET_SKUS_PER_BATCH_READ_MAX', 100, 1, 1000),
    warehousesPerTenantMax: r.int('PALLET_WAREHOUSES_PER_TENANT_MAX', 50, 1, 1000),
    onHandMax: r.int('PALLET_ON_HAND_MAX', 1_000_000_000, 1, Number.MAX_SAFE_INTEGER),
  };
  if (limits.ttlSecondsDefault > limits.ttlSecondsMax) {
    r.problems.push(`PALLET_TTL_SECONDS_DEFAULT=${limits.ttlSecondsDefault}: must not exceed PALLET_TTL_SECONDS_MAX=${limits.ttlSecondsMax}`);
  }
  return limits;
}

/** Outbox length, retention of reservations and idempotency keys, the sweeper, client pools and timeouts. */
function readBounds(r: Reader) {
  return {
    outboxLengthMax: r.int('PALLET_OUTBOX_LENGTH_MAX', 1_000_000, 100, 100_000_000),
    reservationRetentionSeconds: r.int('PALLET_RESERVATION_RETENTION_SECONDS', 7 * 86_400, 60, 365 * 86_400),
    idempotencyTtlSeconds: r.int('PALLET_IDEMPOTENCY_TTL_SECONDS', 86_400, 60, 30 * 86_400),
    sweepIntervalMs: r.int('PALLET_SWEEP_INTERVAL_MS', 250, 10, 60_000),
    sweepBatchMax: r.int('PALLET_SWEEP_BATCH_MAX', 500, 1, 100_000),
    sweepTenantsPerRoundMax: r.int('PALLET_SWEEP_TENANTS_PER_ROUND_MAX', 1_000, 1, 1_000_000),
    sweepConcurrency: r.int('PALLET_SWEEP_CONCURRENCY', 8, 1, 256),
    sweepRescanSeconds: r.int('PALLET_SWEEP_RESCAN_SECONDS', 300, 0, 86_400),
    redisConnections: r.int('PALLET_REDIS_CONNECTIONS', 3, 1, 64),
    redisCommandTimeoutMs: r.int('PALLET_REDIS_COMMAND_TIMEOUT_MS', 5_000, 10, 120_000),
    pgPoolMax: r.int('PALLET_PG_POOL_MAX', 10, 1, 200),
    pgConnectTimeoutSeconds: r.int('PALLET_PG_CONNECT_TIMEOUT_SECONDS', 10, 1, 300),
    requestTimeoutMs: r.int('PALLET_REQUEST_TIMEOUT_MS', 10_000, 100, 600_000),
  };
}

/** The API key caches and the failed-authentication limit. */
function readAuth(r: Reader) {
  return {
    authCacheTtlMs: r.int('PALLET_AUTH_CACHE_TTL_MS', 30_000, 0, 3_600_000),
    authCacheEntriesMax: r.int('PALLET_AUTH_CACHE_ENTRIES_MAX', 10_000, 1, 10_000_000),
    authNegativeCacheTtlMs: r.int('PALLET_AUTH_NEGATIVE_CACHE_TTL_MS', 5_000, 0, 3_600_000),
    authNegativeCacheEntriesMax: r.int('PALLET_AUTH_NEGATIVE_CACHE_ENTRIES_MAX', 10_000, 1, 10_000_000),
    authFailuresMax: r.int('PALLET_AUTH_FAILURES_MAX', 100, 1, 1_000_000),
    authFailureWindowMs: r.int('PALLET_AUTH_FAILURE_WINDOW_MS', 60_000, 1_000, 86_400_000),
    authFailureAddressesMax: r.int('PALLET_AUTH_FAILURE_ADDRESSES_MAX', 10_000, 1, 10_000_000),
  };
}

function readEvents(r: Reader): EventsConfig {
  return Object.freeze({
    replicas: r.int('PALLET_EVENTS_REPLICAS', 1, 1, 5),
    maxAgeSeconds: r.int('PALLET_EVENTS_MAX_AGE_SECONDS', 7 * 86_400, 60, 3650 * 86_400),
    maxBytes: r.int('PALLET_EVENTS_MAX_BYTES', 1024 ** 3, 1024 ** 2, 2 ** 50),
    duplicateWindowSeconds: r.int('PALLET_EVENTS_DUPLICATE_WINDOW_SECONDS', 120, 1, 86_400),
    relayBatchMax: r.int('PALLET_RELAY_BATCH_MAX', 1_000, 1, 100_000),
    relayInflightMax: r.int('PALLET_RELAY_INFLIGHT_MAX', 4_000, 1, 1_000_000),
    relayIdleMs: r.int('PALLET_RELAY_IDLE_MS', 20, 1, 10_000),
    relayLeaseMs: r.int('PALLET_RELAY_LEASE_MS', 5_000, 500, 600_000),
    consumerBatchMax: r.int('PALLET_CONSUMER_BATCH_MAX', 1_000, 1, 100_000),
    consumerMaxWaitMs: r.int('PALLET_CONSUMER_MAX_WAIT_MS', 50, 1, 60_000),
    consumerAckWaitMs: r.int('PALLET_CONSUMER_ACK_WAIT_MS', 30_000, 100, 3_600_000),
    consumerMaxDeliver: r.int('PALLET_CONSUMER_MAX_DELIVER', 10, 1, 1_000),
    consumerMaxAckPending: r.int('PALLET_CONSUMER_MAX_ACK_PENDING', 20_000, 1, 10_000_000),
    tailCheckMs: r.int('PALLET_TAIL_CHECK_MS', 5_000, 0, 3_600_000),
    ackLogMax: r.int('PALLET_ACK_LOG_MAX', 10_000, 10, 10_000_000),
  });
}

function readPayments(r: Reader): PaymentsConfig {
  return Object.freeze({
    inflightMax: r.int('PALLET_PAYMENTS_INFLIGHT_MAX', 2_000, 1, 1_000_000),
    timestampToleranceSeconds: r.int('PALLET_PAYMENTS_TIMESTAMP_TOLERANCE_SECONDS', 300, 1, 86_400),
    deliveryTtlSeconds: r.int('PALLET_PAYMENTS_DELIVERY_TTL_SECONDS', 86_400, 600, 30 * 86_400),
    journalEntriesMax: r.int('PALLET_PAYMENTS_JOURNAL_MAX', 1_000_000, 1_000, 100_000_000),
  });
}

function readDashboard(r: Reader, env: Env): DashboardConfig {
  return Object.freeze({
    secret: readDashboardSecret(r, env),
    tokenTtlSecondsDefault: r.int('PALLET_DASHBOARD_TOKEN_TTL_SECONDS', 300, 10, 86_400),
    tokenTtlSecondsMax: r.int('PALLET_DASHBOARD_TOKEN_TTL_SECONDS_MAX', 3_600, 10, 7 * 86_400),
    wsConnectionsMax: r.int('PALLET_WS_CONNECTIONS_MAX', 10_000, 1, 1_000_000),
    wsConnectionsPerTenantMax: r.int('PALLET_WS_CONNECTIONS_PER_TENANT_MAX', 1_000, 1, 1_000_000),
    wsCoalesceMs: r.int('PALLET_WS_COALESCE_MS', 100, 0, 60_000),
    wsBufferedBytesMax: r.int('PALLET_WS_BUFFERED_BYTES_MAX', 256 * 1024, 4_096, 1024 ** 3),
    wsIdleTimeoutSeconds: r.int('PALLET_WS_IDLE_TIMEOUT_SECONDS', 32, 8, 960),
    wsKeyCheckMs: r.int('PALLET_WS_KEY_CHECK_MS', 5_000, 100, 600_000),
    timeZone: r.str('PALLET_DASHBOARD_TIME_ZONE', 'UTC', /^[A-Za-z_+\-/0-9]{1,64}$/, 'must be an IANA time zone such as Asia/Shanghai'),
    wsOrdersTrackedMax: r.int('PALLET_WS_ORDERS_TRACKED_MAX', 100_000, 1, 10_000_000),
    wsHeldListMax: r.int('PALLET_WS_HELD_LIST_MAX', 200, 1, 10_000),
    wsReleaseSamplesMax: r.int('PALLET_WS_RELEASE_SAMPLES_MAX', 10_000, 1, 1_000_000),
  });
}

/** Checks across the dashboard's settings (after every setting is read, so problems keep their order). */
function checkDashboard(r: Reader, d: DashboardConfig): void {
  if (d.tokenTtlSecondsDefault > d.tokenTtlSecondsMax) {
    r.problems.push('PALLET_DASHBOARD_TOKEN_TTL_SECONDS: must not exceed PALLET_DASHBOARD_TOKEN_TTL_SECONDS_MAX');
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: d.timeZone });
  } catch {
    r.problems.push(`PALLET_DASHBOARD_TIME_ZONE=${JSON.stringify(d.timeZone)}: not a time zone this runtime knows`);
  }
}

function readSupervisor(r: Reader): SupervisorConfig {
  return Object.freeze({
    enabled: !/^(0|false|no|off)$/i.test(r.str('PALLET_SUPERVISOR', 'on', /^(1|0|true|false|yes|no|on|off)$/i, 'must be 1/0, true/false, yes/no or on/off')),
    apiWorkers: r.int('PALLET_API_WORKERS', Math.min(apiWorkersMax, Math.max(1, availableParallelism())), 1, apiWorkersMax),
    restartDelayMsMax: r.int('PALLET_RESTART_DELAY_MS_MAX', 5_000, 100, 600_000),
    restartsPerWindowMax: r.int('PALLET_RESTARTS_PER_WINDOW_MAX', 10, 1, 1_000),
    restartWindowSeconds: r.int('PALLET_RESTART_WINDOW_SECONDS', 60, 1, 86_400),
    stopTimeoutMs: r.int('PALLET_STOP_TIMEOUT_MS', 15_000, 100, 600_000),
  });
}

function readOrders(r: Reader, limits: Limits): OrdersConfig {
  const key = r.str('PALLET_SECRETS_KEY', '');
  if (key !== '' && !/^[0-9a-fA-F]{64}$/.test(key)) r.problems.push('PALLET_SECRETS_KEY: must be 64 hex characters (32 bytes), e.g. from `openssl rand -hex 32`');
  // Never echoed in a problem: it is a secret.
  const tokenSecret = r.str('PALLET_ORDER_TOKEN_SECRET', '');
  if (tokenSecret !== '' && tokenSecret.length < 32) r.problems.push('PALLET_ORDER_TOKEN_SECRET: must be at least 32 characters');
  return Object.freeze({
    inflightMax: r.int('PALLET_ORDERS_INFLIGHT_MAX', 2_000, 1, 1_000_000),
    deliveryRetentionSeconds: r.int('PALLET_ORDERS_DELIVERY_RETENTION_SECONDS', 3 * 86_400, 3_600, 90 * 86_400),
    unpaidTtlSeconds: r.int('PALLET_ORDERS_UNPAID_TTL_SECONDS', limits.ttlSecondsMax, limits.ttlSecondsMin, limits.ttlSecondsMax),
    batchMax: r.int('PALLET_ORDERS_BATCH_MAX', 64, 1, 1_000),
    secretsKeyHex: key === '' ? null : key.toLowerCase(),
    tokenSecret: tokenSecret.length < 32 ? null : tokenSecret,
    addressTokenTtlSeconds: r.int('PALLET_ADDRESS_TOKEN_TTL_SECONDS', 3_600, 60, 86_400),
    importRowsMax: r.int('PALLET_IMPORT_ROWS_MAX', 100_000, 1, 10_000_000),
    importBytesMax: r.int('PALLET_IMPORT_BYTES_MAX', 50 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  });
}

function readWriteback(r: Reader): WritebackConfig {
  return Object.freeze({
    batchMax: r.int('PALLET_WRITEBACK_BATCH_MAX', 32, 1, 1_000),
    timeoutMs: r.int('PALLET_WRITEBACK_TIMEOUT_MS', 10_000, 100, 120_000),
    retryDelayMsMax: r.int('PALLET_WRITEBACK_RETRY_DELAY_MS_MAX', 60_000, 250, 3_600_000),
  });
}

function readFulfilment(r: Reader): FulfilmentConfig {
  return Object.freeze({
    batchMax: r.int('PALLET_FULFILMENT_BATCH_MAX', 32, 1, 1_000),
    wmsTimeoutMsDefault: r.int('PALLET_WMS_TIMEOUT_MS_DEFAULT', 5_000, 100, 120_000),
    wmsResponseBytesMax: r.int('PALLET_WMS_RESPONSE_BYTES_MAX', 4_096, 0, 1_048_576),
    retryDelayMsMax: r.int('PALLET_WMS_RETRY_DELAY_MS_MAX', 30_000, 250, 3_600_000),
    qimenBodyBytesMax: r.int('PALLET_QIMEN_BODY_BYTES_MAX', 262_144, 1_024, 4_194_304),
    qimenStockToleranceUnits: r.int('PALLET_QIMEN_STOCK_TOLERANCE_UNITS', 100, 0, 1_000_000_000),
    qimenInventoryBatchSize: r.int('PALLET_QIMEN_INVENTORY_BATCH_SIZE', 50, 1, 100),
    qimenInventorySkusMax: r.int('PALLET_QIMEN_INVENTORY_SKUS_MAX', 500, 1, 10_000),
  });
}

function readLabels(r: Reader): LabelsConfig {
  return Object.freeze({
    fontPath: r.str('PALLET_LABEL_FONT', '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'),
    fontName: r.str('PALLET_LABEL_FONT_NAME', 'WenQuanYiMicroHei'),
    ordersMax: r.int('PALLET_LABEL_ORDERS_MAX', 200, 1, 1_000),
  });
}

function readSla(r: Reader): SlaConfig {
  return Object.freeze({
    timersIntervalMs: r.int('PALLET_TIMERS_INTERVAL_MS', 1_000, 10, 60_000),
    timersBatchMax: r.int('PALLET_TIMERS_BATCH_MAX', 200, 1, 10_000),
    timersTenantsPerRoundMax: r.int('PALLET_TIMERS_TENANTS_PER_ROUND_MAX', 1_000, 1, 1_000_000),
    timersLeaseMs: r.int('PALLET_TIMERS_LEASE_MS', 60_000, 1_000, 3_600_000),
    alertAttemptsMax: r.int('PALLET_ALERT_ATTEMPTS_MAX', 5, 1, 100),
    notifierTimeoutMs: r.int('PALLET_NOTIFIER_TIMEOUT_MS', 5_000, 100, 120_000),
    notifiersPerTenantMax: r.int('PALLET_NOTIFIERS_PER_TENANT_MAX', 10, 2, 100),
  });
}

function readRoles(r: Reader, env: Env): readonly Role[] {
  const raw = env.PALLET_ROLES;
  if (raw === undefined || raw === '' || raw === 'all') return Object.freeze([...allRoles]);
  const roles = raw.split(',').map((x) => x.trim()).filter((x) => x !== '');
  const unknown = roles.filter((x) => !(allRoles as readonly string[]).includes(x));
  if (unknown.length > 0 || roles.length === 0) {
    r.problems.push(`PALLET_ROLES=${JSON.stringify(raw)}: must be "all" or a comma list of ${allRoles.join(', ')}`);
  }
  return Object.freeze(roles.filter((x): x is Role => (allRoles as readonly string[]).includes(x)));
}

/** `off` disables the metrics listener; 0 picks a free port. */
function readMetricsPort(r: Reader, env: Env): number | null {
  const raw = env.PALLET_METRICS_PORT?.trim();
  if (raw === 'off') return null;
  return r.int('PALLET_METRICS_PORT', 9464, 0, 65535);
}

/**
 * Off by default. Otherwise the proxies' addresses/CIDRs: X-Forwarded-For is believed only from them
 * (not `true`, with which any client chooses its own address; not a hop count, which Fastify 5 trusts from no peer).
 */
function readTrustProxy(r: Reader, env: Env): false | string {
  const raw = env.PALLET_TRUST_PROXY?.trim();
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (!/^[0-9A-Fa-f.:/]+(\s*,\s*[0-9A-Fa-f.:/]+)*$/.test(raw)) {
    r.problems.push(`PALLET_TRUST_PROXY=${JSON.stringify(raw)}: must be a comma list of the proxies' addresses or CIDRs (e.g. 10.0.0.0/8,::1)`);
    return false;
  }
  return raw;
}

function readDashboardSecret(r: Reader, env: Env): string | null {
  const raw = env.PALLET_DASHBOARD_SECRET;
  if (raw === undefined || raw === '') return null;
  if (raw.length < 32) {
    r.problems.push('PALLET_DASHBOARD_SECRET: must be at least 32 characters');
    return null;
  }
  return raw;
}

function readAdminKey(r: Reader, env: Env): string | null {
  const raw = env.PALLET_ADMIN_KEY;
  if (raw === undefined || raw === '') return null;
  if (raw.length < 16 || raw.length > 200 || !/^[\x21-\x7e]+$/.test(raw)) {
    r.problems.push('PALLET_ADMIN_KEY: must be 16-200 printable ASCII characters without spaces');
    return null;
  }
  return raw;
}
