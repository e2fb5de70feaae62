// What the outbox relay is given, and the context its parts share.
import type { Clock } from '../../app/clock.port.ts';
import type { AckNotes } from '../../app/event-log.port.ts';
import type { Log } from '../../app/log.port.ts';
import type { EventsConfig } from '../../config.ts';
import type { Metrics } from '../../adapters/metrics/metrics.ts';
import type { Nats } from '../../adapters/nats/connection.ts';
import type { RedisPool } from '../../adapters/redis/connection.ts';
import type { PaymentJournal } from '../../adapters/redis/payment-journal.ts';
import type { RelayPublisher } from './relay.publisher.ts';

export type RelayMetrics = Pick<Metrics, 'relayPublished' | 'relayLagSeconds' | 'outboxLength' | 'paymentJournalLength'>;

export interface RelayOptions {
  readonly redis: RedisPool;
  readonly nats: Nats;
  readonly namespace: string;
  readonly events: EventsConfig;
  /** Tenant ids to relay, in id order: a page of at most `limit` after `afterId`. */
  readonly listTenants: (limit: number, afterId?: string) => Promise<string[]>;
  readonly log: Log;
  readonly metrics: RelayMetrics;
  /** Unique per running relay: the lease owner and the Redis consumer name. */
  readonly instanceId: string;
  /** Wall clock, for lag and the retention floor (leases use monotonic time). */
  readonly clock?: Clock;
  /** How often the tenant list is refreshed (default 5,000 ms). */
  readonly tenantsRefreshMs?: number;
  /** Trim and outbox-length sample per tenant at most this often (default 1,000 ms). */
  readonly trimIntervalMs?: number;
  /** Entries older than this may be trimmed once acked even above the projector watermark (default null: never). */
  readonly outboxRetentionMs?: number | null;
  /** A quiet tenant is polled less often, up to this interval (default 200 ms). */
  readonly idlePollMsMax?: number;
  /** Backoff after a failed batch: doubles from min to max (defaults 100 ms, 5,000 ms). */
  readonly retryDelayMsMin?: number;
  readonly retryDelayMsMax?: number;
  /** JetStream ack timeout per publish (default a third of the lease, at most 5,000 ms). */
  readonly publishTimeoutMs?: number;
  /** Notes every PubAck's stream sequence for the tail guard. */
  readonly acked?: AckNotes;
  /** Payment events to publish again when the tail guard refills a tenant. */
  readonly journal?: PaymentJournal;
}

/** What every tenant's relay shares. */
export interface RelayContext {
  readonly opts: RelayOptions;
  readonly clock: Clock;
  readonly publisher: RelayPublisher;
  /** Entries read (and published) per batch. */
  readonly readCount: number;
}

/** The lease is renewed once this fraction of it has passed. */
export const leaseRenewFraction = 1 / 3;
export const mono = (): number => performance.now();
export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
