// The dashboard WebSocket's contract with clients and operators: its path, the
// close codes it sends (docs/dashboard-protocol.md) and its bounds.

/** WebSocket close codes the server sends (docs/dashboard-protocol.md). */
export const CloseCode = Object.freeze({
  /** Server shutting down: reconnect (another instance, or this one when back). */
  GOING_AWAY: 1001,
  /** A control message above messageBytesMax (sent by uWS itself). */
  MESSAGE_TOO_BIG: 1009,
  /** The server failed unexpectedly on this connection (logged and counted): reconnect. */
  INTERNAL_ERROR: 1011,
  /** The API key the dashboard token was issued for has been revoked: do not reconnect with a token of it. */
  KEY_REVOKED: 4003,
  /** The client did not keep up: buffered bytes over the bound, or frames dropped for too long. Reconnect and resubscribe. */
  SLOW_CONSUMER: 4008,
  /** The tenant has connectionsPerTenantMax dashboards open. */
  TENANT_LIMIT: 4029,
  /** The server has connectionsMax connections. Retry later (or another instance). */
  SERVER_FULL: 4503,
});

export const dashboardPath = '/v1/dashboard/ws';

export interface FanoutOptions {
  readonly host: string;
  /** 0: any free port (see listen()). */
  readonly port: number;
  readonly connectionsMax: number;
  readonly connectionsPerTenantMax: number;
  /** At most one delta per topic per window; 0: flush on the next turn of the event loop. */
  readonly coalesceMs: number;
  /**
   * Per connection: deltas are dropped above half of it, the connection closed above it. The memory
   * the server may hold for slow clients is at most about connectionsMax × this (plus one snapshot each).
   */
  readonly bufferedBytesMax: number;
  /** How long a connection may keep dropping frames before it is closed (4008). */
  readonly laggingMsMax: number;
  /** uWS idle timeout (pings are sent before it): 8..960 s, 4 s resolution. */
  readonly idleTimeoutSeconds: number;
  readonly subscriptionsPerConnectionMax: number;
  /** Largest control message accepted (larger: uWS closes with 1009). */
  readonly messageBytesMax: number;
  /** Subscribe messages per connection per second (each costs a snapshot). */
  readonly subscribesPerSecondMax: number;
  /** Longest SKU id in a `stock.sku.<sku>` topic. */
  readonly skuLengthMax: number;
  /** How long catalog names are reused for snapshots. */
  readonly namesTtlMs: number;
  /** How often the API keys behind open connections are checked for revocation (and how long a check is reused at upgrades). */
  readonly keyCheckMs: number;
}

export const fanoutDefaults: Omit<FanoutOptions, 'host' | 'port'> = Object.freeze({
  connectionsMax: 10_000,
  connectionsPerTenantMax: 1_000,
  coalesceMs: 100,
  bufferedBytesMax: 256 * 1024,
  laggingMsMax: 5_000,
  idleTimeoutSeconds: 32,
  subscriptionsPerConnectionMax: 64,
  messageBytesMax: 4_096,
  subscribesPerSecondMax: 20,
  skuLengthMax: 64,
  namesTtlMs: 5_000,
  keyCheckMs: 5_000,
});

export function assertOptions(o: FanoutOptions): void {
  const positive = ['connectionsMax', 'connectionsPerTenantMax', 'bufferedBytesMax', 'laggingMsMax', 'subscriptionsPerConnectionMax',
    'messageBytesMax', 'subscribesPerSecondMax', 'skuLengthMax'] as const;
  for (const k of positive) if (!(Number.isSafeInteger(o[k]) && o[k] >= 1)) throw new Error(`fanout option ${k} must be a positive integer`);
  if (!(Number.isSafeInteger(o.coalesceMs) && o.coalesceMs >= 0 && o.coalesceMs <= 60_000)) throw new Error('fanout coalesceMs must be 0..60000');
  if (!(o.idleTimeoutSeconds >= 8 && o.idleTimeoutSeconds <= 960)) throw new Error('fanout idleTimeoutSeconds must be 8..960');
  if (o.bufferedBytesMax < 4_096) throw new Error('fanout bufferedBytesMax must be at least 4 KiB');
  if (!(Number.isSafeInteger(o.keyCheckMs) && o.keyCheckMs >= 10 && o.keyCheckMs <= 600_000)) throw new Error('fanout keyCheckMs must be 10..600000');
}
