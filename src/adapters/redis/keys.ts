import type { RedisClient } from './connection.ts';
import type { CellRef } from '../../core/stock.types.ts';

// Redis key layout. Every key of a tenant carries the hash tag {<tenant>}, so
// all keys one script touches live in one slot and scripts run unchanged on
// Redis Cluster. Ids are from a safe alphabet without ':' or braces.

const cellTag = 'c:';
const reservationTag = 'r:';
/** Tenant, warehouse and SKU ids (the API's id alphabets): never ':' or braces. */
const idPattern = /^[A-Za-z0-9._-]+$/;

export class TenantKeys {
  readonly prefix: string;
  readonly outbox: string;
  readonly expiry: string;
  readonly catalogVersion: string;
  /**
   * The outbox watermark: highest outbox entry id committed in PostgreSQL (raised by the projector,
   * read by the relay, which trims up to it). The one name of this key; the key itself stays `outbox:projected`.
   */
  readonly outboxWatermark: string;
  /** Which relay owns the tenant's outbox. */
  readonly relayLease: string;
  /** Payment events published straight to JetStream, kept to refill a JetStream that lost its tail. */
  readonly paymentJournal: string;
  /** The last reconcile result (JSON, see app/board/drift.ts), read by the dashboard aggregator. */
  readonly drift: string;
  /** SCAN pattern of the tenant's stock cells (parse the keys with cellOf). */
  readonly cellPattern: string;
  /** SLA timers (issue 12): sorted set of `<orderId>|<stage>[|2]` → deadline ms (adapters/redis/timers.ts). */
  readonly slaTimers: string;
  /** SCAN pattern of the tenant's reservations (parse the keys with reservationIdOf). */
  readonly reservationPattern: string;

  constructor(readonly namespace: string, readonly tenant: string) {
    this.prefix = `${namespace}:{${tenant}}:`;
    this.outbox = `${this.prefix}outbox`;
    this.expiry = `${this.prefix}exp`;
    this.catalogVersion = `${this.prefix}catver`;
    this.outboxWatermark = `${this.outbox}:projected`;
    this.relayLease = `${this.prefix}relay:lease`;
    this.paymentJournal = `${this.prefix}pay:journal`;
    this.drift = `${this.prefix}drift`;
    this.slaTimers = `${this.prefix}sla:timers`;
    this.cellPattern = `${this.prefix}${cellTag}*`;
    this.reservationPattern = `${this.prefix}${reservationTag}*`;
  }

  cell(warehouse: string, sku: string): string {
    return `${this.prefix}${cellTag}${warehouse}:${sku}`;
  }

  /** The warehouse and sku of one of the tenant's cell keys (see parseCellKey); null for any other key. */
  cellOf(key: string): CellRef | null {
    const c = parseCellKey(this.namespace, key);
    return c === null || c.tenant !== this.tenant ? null : { warehouse: c.warehouse, sku: c.sku };
  }

  reservation(id: string): string {
    return `${this.prefix}${reservationTag}${id}`;
  }

  /** The id of one of the tenant's reservation keys; null for any other key. */
  reservationIdOf(key: string): string | null {
    const head = `${this.prefix}${reservationTag}`;
    return key.startsWith(head) && key.length > head.length ? key.slice(head.length) : null;
  }

  /** Idempotency key of a reservation request. */
  idempotency(key: string): string {
    return `${this.prefix}i:${key}`;
  }

  /** Idempotency key of a stock operation (set, adjust). */
  operation(key: string): string {
    return `${this.prefix}o:${key}`;
  }
}

/**
 * Keys of a namespace's event log as a whole (not of one tenant): the log of
 * acknowledged JetStream messages the tail guard has not verified yet (a
 * sorted set written by noteAcked-1.lua), and the lease of the one instance
 * repairing a lost tail.
 */
export const eventLogKeys = (namespace: string): {
  readonly ackedMark: string; readonly verified: string; readonly repairLease: string; readonly damaged: string; readonly okAt: string;
} => ({
  // One hash tag for all of them: a repair deletes several in one command, also on Redis Cluster.
  ackedMark: `${namespace}:{js}:acked`,
  /** The highest sequence a regular check verified. */
  verified: `${namespace}:{js}:acked:verified`,
  /** Set by the tail guard while a found loss is not repaired yet (the reason). */
  damaged: `${namespace}:{js}:damaged`,
  /** When a full check last found the event log intact (epoch ms): retention floors never pass it. */
  okAt: `${namespace}:{js}:okAt`,
  repairLease: `${namespace}:{js}:repair:lease`,
});

/** JetStream 2.9 syncs file storage every 2 minutes: a power loss takes at most that much; plus clock skew. */
export const eventLogLossWindowMs = 150_000;
/** Acknowledgement log entries and retention floors keep this much more. */
export const eventLogMarginMs = 30_000;

/**
 * A retention floor (outbox, payment journal): `wallFloorMs` (now − retention),
 * but never past `okAtMs` (when the tail guard last found the event log
 * intact; 0: unknown) minus the loss window and margin.
 */
export function retentionFloor(wallFloorMs: number, okAtMs: number): number {
  const floor = okAtMs > 0 ? Math.min(wallFloorMs, okAtMs - eventLogLossWindowMs - eventLogMarginMs) : wallFloorMs;
  return Math.max(0, floor);
}

/** When the tail guard last found the event log intact (epoch ms; 0: unknown or expired). */
export async function readOkAtMs(redis: RedisClient, namespace: string): Promise<number> {
  return Number(await redis.get(eventLogKeys(namespace).okAt)) || 0;
}

/**
 * The sweeper's index of a namespace: a sorted set of tenant -> a time at or
 * before that tenant's next reservation expiry (never after it). A reservation
 * lowers it (ZADD LT) after its script; the sweeper raises it only after
 * re-reading the tenant's expiry index. One key of its own hash tag: no script
 * touches it, so scripts keep every key in the tenant's slot.
 */
export const sweepIndexKey = (namespace: string): string => `${namespace}:{sweep}:due`;

/** The SLA timers' index: tenant → a time at or before its earliest timer (same contract as the sweep index). */
export const timersIndexKey = (namespace: string): string => `${namespace}:{timers}:due`;

/** A stock cell key (TenantKeys.cell) of some tenant, taken apart. */
export interface CellKey extends CellRef { readonly key: string; readonly tenant: string }

/** The SCAN pattern for the stock cells of every tenant of a namespace (parse the keys with parseCellKey). */
export const cellsPattern = (namespace: string): string => `${namespace}:{*}:${cellTag}*`;

/**
 * The tenant, warehouse and SKU of a cell key of `namespace`; null for any other key. Strict: ids
 * never contain ':' or braces, but idempotency keys (other key types) may.
 */
export function parseCellKey(namespace: string, key: string): CellKey | null {
  const head = `${namespace}:{`;
  if (!key.startsWith(head)) return null;
  const close = key.indexOf('}', head.length);
  if (close < 0 || !key.startsWith(`:${cellTag}`, close + 1)) return null;
  const tenant = key.slice(head.length, close);
  const parts = key.slice(close + 2 + cellTag.length).split(':');
  if (parts.length !== 2 || !idPattern.test(tenant) || !idPattern.test(parts[0]!) || !idPattern.test(parts[1]!)) return null;
  return { key, tenant, warehouse: parts[0]!, sku: parts[1]! };
}

/** The scan pattern for every key of a namespace (tests and tools only). */
export const namespacePattern = (namespace: string): string => `${namespace}:*`;

/** A bounded cache of TenantKeys for one namespace (the key strings are built once per tenant). */
export function tenantKeysCache(namespace: string, tenantsMax = 10_000): (tenant: string) => TenantKeys {
  const cache = new Map<string, TenantKeys>();
  return (tenant) => {
    let k = cache.get(tenant);
    if (k === undefined) {
      if (cache.size >= tenantsMax) cache.clear();
      k = new TenantKeys(namespace, tenant);
      cache.set(tenant, k);
    }
    return k;
  };
}
