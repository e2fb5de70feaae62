// What the projector role is built from (the composition root provides it).
import type { RedisClient } from '../../adapters/redis/connection.ts';
import type { Clock } from '../../app/clock.port.ts';
import type { LedgerStore } from '../../app/ledger.port.ts';
import type { Log } from '../../app/log.port.ts';
import type { EventsConfig } from '../../config.ts';
import type { Envelope } from '../../adapters/events/envelope.codec.ts';
import type { Metrics } from '../../adapters/metrics/metrics.ts';
import type { Nats } from '../../adapters/nats/connection.ts';

/** What the projector needs from PostgreSQL (LedgerRepo implements it). */
export type ProjectionStore = LedgerStore<Envelope>;

export interface ProjectorDeps {
  readonly nats: Nats;
  readonly store: ProjectionStore;
  /** Anything that hands out a Redis connection with the scripts registered (RedisPool). */
  readonly redis: { next(): RedisClient };
  readonly namespace: string;
  readonly events: EventsConfig;
  readonly log: Log;
  readonly metrics: Metrics;
  readonly clock?: Clock;
}

/** The durable consumer's name (metrics label, dead-letter subjects). */
export const projectorConsumer = 'projector';
