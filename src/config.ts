// Configuration: read from the environment once at boot, validated, frozen.
// Every bound the system enforces lives here, with its unit in the name.

export interface Limits {
  readonly bodyBytesMax: number;
  readonly linesPerReservationMax: number;
  readonly qtyMax: number;
  readonly idLengthMax: number;
  readonly ttlSecondsMin: number;
  readonly ttlSecondsMax: number;
  readonly ttlSecondsDefault: number;
  readonly bundleDepthMax: number;
  readonly componentsPerBundleMax: number;
  readonly skusPerBatchReadMax: number;
  readonly warehousesPerTenantMax: number;
  readonly onHandMax: number;
}

export interface Config {
  readonly redisUrl: string;
  readonly natsUrl: string;
  readonly databaseUrl: string;
  readonly httpPort: number;
  readonly httpHost: string;
  readonly wsPort: number;
  readonly namespace: string;
  readonly adminKey: string | null;
  readonly logLevel: string;
  readonly limits: Limits;
  /** Outbox stream length at which stock-changing scripts refuse (503) instead of growing. */
  readonly outboxLengthMax: number;
  /** How long a finished reservation stays readable in Redis. */
  readonly reservationRetentionSeconds: number;
  /** How long an idempotency key is remembered. */
  readonly idempotencyTtlSeconds: number;
  readonly sweepIntervalMs: number;
  readonly sweepBatchMax: number;
  readonly redisConnections: number;
  readonly redisCommandTimeoutMs: number;
  readonly pgPoolMax: number;
  readonly pgConnectTimeoutSeconds: number;
  readonly requestTimeoutMs: number;
  readonly authCacheTtlMs: number;
  readonly authCacheEntriesMax: number;
  readonly catalogCacheTenantsMax: number;
}

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

export function loadConfig(env: Env = process.env): Config {
  const r = new Reader(env);
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
  const config: Config = {
    redisUrl: r.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    natsUrl: r.url('NATS_URL', 'nats://127.0.0.1:4222', ['nats:', 'tls:']),
    databaseUrl: r.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/postgres', ['postgres:', 'postgresql:']),
    httpPort: r.int('PALLET_HTTP_PORT', 3000, 0, 65535),
    httpHost: r.str('PALLET_HTTP_HOST', '127.0.0.1'),
    wsPort: r.int('PALLET_WS_PORT', 3001, 0, 65535),
    namespace: r.str('PALLET_NAMESPACE', 'pallet', namespacePattern, 'must be 1-31 chars of a-z, 0-9, _ starting with a letter'),
    adminKey: readAdminKey(r, env),
    logLevel: r.str('PALLET_LOG_LEVEL', 'info', /^(fatal|error|warn|info|debug|trace|silent)$/, 'must be one of fatal, error, warn, info, debug, trace, silent'),
    limits: Object.freeze(limits),
    outboxLengthMax: r.int('PALLET_OUTBOX_LENGTH_MAX', 1_000_000, 100, 100_000_000),
    reservationRetentionSeconds: r.int('PALLET_RESERVATION_RETENTION_SECONDS', 7 * 86_400, 60, 365 * 86_400),
    idempotencyTtlSeconds: r.int('PALLET_IDEMPOTENCY_TTL_SECONDS', 86_400, 60, 30 * 86_400),
    sweepIntervalMs: r.int('PALLET_SWEEP_INTERVAL_MS', 250, 10, 60_000),
    sweepBatchMax: r.int('PALLET_SWEEP_BATCH_MAX', 500, 1, 100_000),
    redisConnections: r.int('PALLET_REDIS_CONNECTIONS', 3, 1, 64),
    redisCommandTimeoutMs: r.int('PALLET_REDIS_COMMAND_TIMEOUT_MS', 5_000, 10, 120_000),
    pgPoolMax: r.int('PALLET_PG_POOL_MAX', 10, 1, 200),
    pgConnectTimeoutSeconds: r.int('PALLET_PG_CONNECT_TIMEOUT_SECONDS', 10, 1, 300),
    requestTimeoutMs: r.int('PALLET_REQUEST_TIMEOUT_MS', 10_000, 100, 600_000),
    authCacheTtlMs: r.int('PALLET_AUTH_CACHE_TTL_MS', 30_000, 0, 3_600_000),
    authCacheEntriesMax: r.int('PALLET_AUTH_CACHE_ENTRIES_MAX', 10_000, 1, 10_000_000),
    catalogCacheTenantsMax: r.int('PALLET_CATALOG_CACHE_TENANTS_MAX', 1_000, 1, 1_000_000),
  };
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return Object.freeze(config);
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
