// What the durability check reads from the outside world: the persistence settings of Redis
// (again after every reconnect) and PostgreSQL (adapters/redis/durability.ts,
// adapters/postgres/durability.ts), and the gauges it exports them as (the metrics registry).
import type { PostgresPersistence, RedisPersistence } from '../core/durability.rules.ts';

export interface DurabilityPorts {
  readRedis(): Promise<RedisPersistence>;
  readPostgres(): Promise<PostgresPersistence>;
  /** Calls back with freshly read Redis settings after every reconnect; returns the unsubscribe. */
  watchRedis(onReconnect: (s: RedisPersistence) => void): () => void;
}

/** A prom-client Gauge with labels (only what is used). */
export interface LabelledGauge {
  reset(): void;
  set(labels: Record<string, string>, value: number): void;
}

export interface DurabilityGauges {
  readonly redisDurable: LabelledGauge;
  readonly postgresDurable: LabelledGauge;
}
