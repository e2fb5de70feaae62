// Composition root: builds every adapter and service from the config.
import pino, { type Logger } from 'pino';
import { AuthService } from './app/auth.service.ts';
import { systemClock, type Clock } from './app/catalog.port.ts';
import { CatalogService } from './app/catalog.service.ts';
import { ReservationService } from './app/reservation.service.ts';
import { StockService } from './app/stock.service.ts';
import type { Config } from './config.ts';
import { buildApp } from './adapters/http/app.ts';
import type { HttpDeps } from './adapters/http/deps.ts';
import { CatalogRepo } from './adapters/postgres/catalog.repo.ts';
import { migrate } from './adapters/postgres/migrate.ts';
import { createSql, type Sql } from './adapters/postgres/sql.ts';
import { RedisPool } from './adapters/redis/connection.ts';
import { RedisStockEngine } from './adapters/redis/stock.engine.ts';
import { Sweeper } from './roles/sweeper.role.ts';
import { createMetrics, type Metrics } from './adapters/metrics/metrics.ts';

export interface Runtime {
  readonly config: Config;
  readonly log: Logger;
  readonly sql: Sql;
  readonly redis: RedisPool;
  readonly engine: RedisStockEngine;
  readonly store: CatalogRepo;
  readonly deps: HttpDeps;
  readonly metrics: Metrics;
  close(): Promise<void>;
}

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, base: { ns: config.namespace } });
}

export function buildRuntime(config: Config, opts: { log?: Logger; clock?: Clock; metrics?: Metrics } = {}): Runtime {
  const log = opts.log ?? createLogger(config);
  const clock = opts.clock ?? systemClock;
  const metrics = opts.metrics ?? createMetrics();
  const sql = createSql(config);
  const redis = new RedisPool({ url: config.redisUrl, connections: config.redisConnections, commandTimeoutMs: config.redisCommandTimeoutMs });
  const engine = new RedisStockEngine(redis, {
    namespace: config.namespace, outboxLengthMax: config.outboxLengthMax,
    reservationRetentionSeconds: config.reservationRetentionSeconds,
    idempotencyTtlSeconds: config.idempotencyTtlSeconds, onHandMax: config.limits.onHandMax,
  });
  const store = new CatalogRepo(sql);
  const catalogs = new CatalogService(store, engine, config.limits, config.catalogCacheTenantsMax);
  const deps: HttpDeps = {
    config,
    logger: log,
    auth: new AuthService(store, config.adminKey, config.authCacheTtlMs, config.authCacheEntriesMax),
    store,
    catalogs,
    reservations: new ReservationService(engine, catalogs, config.limits, clock),
    stock: new StockService(engine, catalogs, config.limits, clock),
    ready: async () => ({
      redis: await redis.ping(),
      postgres: await sql`select 1 as up`.then(() => true, () => false),
    }),
    metrics,
  };
  return {
    config, log, sql, redis, engine, store, deps, metrics,
    async close() {
      await redis.close();
      await sql.end({ timeout: 5 });
    },
  };
}

export async function runMigrations(rt: Runtime): Promise<string[]> {
  return (await migrate(rt.sql, rt.config.namespace)).applied;
}

/** Serves the API and runs the sweeper until the process is told to stop. */
export async function serve(rt: Runtime): Promise<{ url: string; stop: () => Promise<void> }> {
  const { config, log } = rt;
  const app = await buildApp(rt.deps);
  const sweeper = new Sweeper(rt.engine, (limit) => rt.store.listTenantIds(limit), systemClock, {
    intervalMs: config.sweepIntervalMs, batchMax: config.sweepBatchMax, tenantsMax: 10_000, tenantsRefreshMs: 5_000,
  }, log);
  const url = await app.listen({ port: config.httpPort, host: config.httpHost });
  sweeper.start();
  log.info({ url }, 'pallet api listening');
  return {
    url,
    async stop() {
      await sweeper.stop();
      await app.close();
    },
  };
}
