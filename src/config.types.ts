// The shape of the configuration (what src/config.ts reads from the environment).

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

/**
 * Redis Cluster mode (REDIS_URL lists several seed nodes, or REDIS_CLUSTER=1).
 * The seeds only find the cluster: the client learns every node from CLUSTER SLOTS.
 */
export interface RedisClusterConfig {
  /** Seed node URLs, in the order given (REDIS_URL split at commas). */
  readonly seeds: readonly string[];
  /** How long one CLUSTER SLOTS refresh may take, and how often the slot map is refreshed anyway. */
  readonly slotsRefreshTimeoutMs: number;
  readonly slotsRefreshIntervalMs: number;
  /** MOVED/ASK redirections one command follows before it fails. */
  readonly maxRedirections: number;
  /** Waits before a command is sent again after MOVED, CLUSTERDOWN (failover in progress) and TRYAGAIN. */
  readonly retryDelayOnMovedMs: number;
  readonly retryDelayOnClusterDownMs: number;
  readonly retryDelayOnTryAgainMs: number;
  /**
   * Replicas that must acknowledge a reservation before its 2xx (WAIT n timeout; 0: do not wait).
   * Replication is asynchronous: without it a master's failover can lose its last acknowledged writes.
   */
  readonly waitReplicas: number;
  readonly waitTimeoutMs: number;
}

export interface Config {
  /** REDIS_URL as given: one server, or a comma list of cluster seed nodes (see redisCluster). */
  readonly redisUrl: string;
  /** Null: one Redis server (the default). */
  readonly redisCluster: RedisClusterConfig | null;
  readonly natsUrl: string;
  readonly databaseUrl: string;
  readonly httpPort: number;
  readonly httpHost: string;
  readonly wsPort: number;
  readonly namespace: string;
  readonly adminKey: string | null;
  readonly logLevel: string;
  /** One structured log line per completed HTTP request (PALLET_LOG_REQUESTS). */
  readonly logRequests: boolean;
  readonly limits: Limits;
  /** Outbox stream length at which stock-changing scripts refuse (503) instead of growing. */
  readonly outboxLengthMax: number;
  /** How long a finished reservation stays readable in Redis. */
  readonly reservationRetentionSeconds: number;
  /** How long an idempotency key is remembered. */
  readonly idempotencyTtlSeconds: number;
  readonly sweepIntervalMs: number;
  readonly sweepBatchMax: number;
  /** Due tenants the sweeper takes per round, and how many it sweeps at once. */
  readonly sweepTenantsPerRoundMax: number;
  readonly sweepConcurrency: number;
  /** How often the sweeper rescans every tenant into its index (0: only at start). */
  readonly sweepRescanSeconds: number;
  readonly redisConnections: number;
  readonly redisCommandTimeoutMs: number;
  readonly pgPoolMax: number;
  readonly pgConnectTimeoutSeconds: number;
  readonly requestTimeoutMs: number;
  readonly authCacheTtlMs: number;
  readonly authCacheEntriesMax: number;
  /** How long, and for how many keys at most, an unknown key is remembered as unknown. */
  readonly authNegativeCacheTtlMs: number;
  readonly authNegativeCacheEntriesMax: number;
  /** Failed authentications per client address per window before it gets 429 (for the rest of the window). */
  readonly authFailuresMax: number;
  readonly authFailureWindowMs: number;
  /** Client addresses whose failures are tracked at most (least recently failed dropped first). */
  readonly authFailureAddressesMax: number;
  /** Fastify trustProxy: false, or the proxies' addresses/CIDRs whose X-Forwarded-For names the client (PALLET_TRUST_PROXY). */
  readonly trustProxy: false | string;
  /** The Prometheus listener (GET /metrics); port null when off. */
  readonly metricsHost: string;
  readonly metricsPort: number | null;
  /**
   * Refuse to serve when Redis or PostgreSQL persistence would make a 2xx not durable (PALLET_REQUIRE_DURABLE).
   * Off by default for now: the shared development/test machine's Redis runs without AOF, and npm test / npm start
   * on it must keep working; they warn instead.
   */
  readonly requireDurable: boolean;
  readonly catalogCacheTenantsMax: number;
  /** Roles `serve` runs in this process. */
  readonly roles: readonly Role[];
  readonly events: EventsConfig;
  readonly payments: PaymentsConfig;
  readonly reconcileIntervalSeconds: number;
  /** Entries older than this may be trimmed from the outbox even before the projector's watermark passes them. */
  readonly outboxRetentionSeconds: number;
  readonly dashboard: DashboardConfig;
  /** How `pallet start` runs the roles (see src/supervisor.ts). */
  readonly supervisor: SupervisorConfig;
  /** Where `pallet start` and `seed-demo` keep the generated operator key and the demo keys (PALLET_DATA_DIR). */
  readonly dataDir: string;
  readonly orders: OrdersConfig;
  /** SLA timers, alerts and notifiers (issue 12). */
  readonly sla: SlaConfig;
  readonly fulfilment: FulfilmentConfig;
  /** Shipments pushed back to the channels' platforms (issue 12): the writeback role. */
  readonly writeback: WritebackConfig;
  /** Thermal shipping labels, POST /v1/labels (issue 12). */
  readonly labels: LabelsConfig;
}

export interface LabelsConfig {
  /** TTF/OTF/TTC font with CJK glyphs the labels are set in (PALLET_LABEL_FONT; ops/fonts.sh installs the default). */
  readonly fontPath: string;
  /** The PostScript name of the font to use when fontPath is a collection (.ttc, .otc) (PALLET_LABEL_FONT_NAME). */
  readonly fontName: string;
  /** Orders one POST /v1/labels may name (PALLET_LABEL_ORDERS_MAX). */
  readonly ordersMax: number;
}

/** Channel write-back (issue 12): the writeback role and its pushes to the platforms. */
export interface WritebackConfig {
  /** order.changed events the writeback role fetches per pull and handles concurrently (PALLET_WRITEBACK_BATCH_MAX). */
  readonly batchMax: number;
  /** Each push to a platform, connect to last byte (PALLET_WRITEBACK_TIMEOUT_MS). */
  readonly timeoutMs: number;
  /** Longest wait before a failed push is tried again (PALLET_WRITEBACK_RETRY_DELAY_MS_MAX); the wait doubles from 250 ms. */
  readonly retryDelayMsMax: number;
}

/** Pick tasks to the warehouses (issue 12): the fulfilment role and the WMS push. */
export interface FulfilmentConfig {
  /** order.changed events the fulfilment role fetches per pull and handles concurrently (PALLET_FULFILMENT_BATCH_MAX). */
  readonly batchMax: number;
  /** A WMS connection saved without timeoutMs gets this (PALLET_WMS_TIMEOUT_MS_DEFAULT). */
  readonly wmsTimeoutMsDefault: number;
  /** Bytes of a WMS's answer to a push read at most (PALLET_WMS_RESPONSE_BYTES_MAX). */
  readonly wmsResponseBytesMax: number;
  /** Longest wait before a failed push is tried again (PALLET_WMS_RETRY_DELAY_MS_MAX); the wait doubles from 250 ms. */
  readonly retryDelayMsMax: number;
  /** Bytes of a QiMen request to Pallet's router, and of a QiMen WMS's answer, at most (PALLET_QIMEN_BODY_BYTES_MAX). */
  readonly qimenBodyBytesMax: number;
  /** Units a QiMen stockchange.report movement may change on-hand by before it is held instead of applied (PALLET_QIMEN_STOCK_TOLERANCE_UNITS). */
  readonly qimenStockToleranceUnits: number;
  /** Item codes one QiMen inventory.query asks for (PALLET_QIMEN_INVENTORY_BATCH_SIZE, at most the protocol's 100). */
  readonly qimenInventoryBatchSize: number;
  /** SKUs one inventory drift check covers at most; the next page starts after the last (PALLET_QIMEN_INVENTORY_SKUS_MAX). */
  readonly qimenInventorySkusMax: number;
}

/** SLA timers and alerts (issue 12): the timers role and the notifiers. */
export interface SlaConfig {
  /** How often the timers role looks for due timers (PALLET_TIMERS_INTERVAL_MS). */
  readonly timersIntervalMs: number;
  /** Timers of one tenant claimed per round (PALLET_TIMERS_BATCH_MAX). */
  readonly timersBatchMax: number;
  /** Due tenants per round (PALLET_TIMERS_TENANTS_PER_ROUND_MAX); the rest stay due for the next. */
  readonly timersTenantsPerRoundMax: number;
  /** A claimed timer is due again after this when its claimer died (PALLET_TIMERS_LEASE_MS); also the wait between delivery attempts. */
  readonly timersLeaseMs: number;
  /** Delivery attempts of one alert before it is failed (PALLET_ALERT_ATTEMPTS_MAX). */
  readonly alertAttemptsMax: number;
  /** One notifier delivery (HTTP request or SMTP step) at most (PALLET_NOTIFIER_TIMEOUT_MS). */
  readonly notifierTimeoutMs: number;
  /** Notifiers per tenant (PALLET_NOTIFIERS_PER_TENANT_MAX). */
  readonly notifiersPerTenantMax: number;
}

/** The order pool (issue 11): intake of channel documents and the orders role. */
export interface OrdersConfig {
  /** Order documents whose append awaits the intake stream's ack; above it intake answers 503. */
  readonly inflightMax: number;
  /** How long a channel delivery id counts as seen (a replay after it is applied as a new delivery: still one order). */
  readonly deliveryRetentionSeconds: number;
  /** How long the stock of an unpaid channel order stays reserved. */
  readonly unpaidTtlSeconds: number;
  /** Documents the orders role fetches per pull and applies concurrently. */
  readonly batchMax: number;
  /**
   * 64 hex characters: the AES-256 key channel webhook secrets are encrypted with (PALLET_SECRETS_KEY).
   * null: a key generated once into PALLET_DATA_DIR/channel-secrets.key (the same for every process of this data dir).
   */
  readonly secretsKeyHex: string | null;
  /**
   * Signs the buyer's order tokens (PALLET_ORDER_TOKEN_SECRET, 32+ characters; the same in every api process).
   * null: a key derived from the channel-secrets key (app/order.token.ts).
   */
  readonly tokenSecret: string | null;
  /** How long an address token lives (PALLET_ADDRESS_TOKEN_TTL_SECONDS, 60..86400, default 3600). */
  readonly addressTokenTtlSeconds: number;
  /** Data rows of one import file (CSV/XLSX) at most; a longer file is refused whole (PALLET_IMPORT_ROWS_MAX). */
  readonly importRowsMax: number;
  /** Bytes of one import file at most (PALLET_IMPORT_BYTES_MAX). */
  readonly importBytesMax: number;
}

export interface SupervisorConfig {
  /** false (PALLET_SUPERVISOR=0, or `pallet start --single`): `pallet start` runs every role in one process, as `pallet serve` does. */
  readonly enabled: boolean;
  /** API worker processes (default: the cores this process may use). */
  readonly apiWorkers: number;
  /** Longest wait before restarting a child that exited (the wait doubles from 100 ms per recent crash). */
  readonly restartDelayMsMax: number;
  /** A child that exits more than this many times within the window is not restarted: `pallet start` stops, exit 1. */
  readonly restartsPerWindowMax: number;
  readonly restartWindowSeconds: number;
  /** How long stopping children may take before they are killed (SIGKILL). */
  readonly stopTimeoutMs: number;
}

export interface DashboardConfig {
  /** Signs dashboard tokens; the same in every api and ws process. null: random per process. */
  readonly secret: string | null;
  readonly tokenTtlSecondsDefault: number;
  readonly tokenTtlSecondsMax: number;
  readonly wsConnectionsMax: number;
  readonly wsConnectionsPerTenantMax: number;
  readonly wsCoalesceMs: number;
  readonly wsBufferedBytesMax: number;
  readonly wsIdleTimeoutSeconds: number;
  /** How often the ws role checks that the API keys behind open dashboard connections are not revoked. */
  readonly wsKeyCheckMs: number;
  /** IANA time zone of the board's "today". */
  readonly timeZone: string;
  /** Today's orders the board tracks one by one per tenant (the oldest dropped beyond it, still counted). */
  readonly wsOrdersTrackedMax: number;
  /** Held orders the board lists per tenant (the newest). */
  readonly wsHeldListMax: number;
  /** Latest paid → released times per tenant the board's median is over. */
  readonly wsReleaseSamplesMax: number;
}

export const allRoles = ['api', 'sweeper', 'relay', 'projector', 'payments', 'reconciler', 'ws', 'orders', 'timers', 'fulfilment', 'writeback'] as const;
export type Role = (typeof allRoles)[number];

export interface EventsConfig {
  /** JetStream stream replicas: 1 on one server, 3 in production clusters. */
  readonly replicas: number;
  readonly maxAgeSeconds: number;
  readonly maxBytes: number;
  readonly duplicateWindowSeconds: number;
  /** Outbox entries read and published per relay batch. */
  readonly relayBatchMax: number;
  /** Publishes awaiting a JetStream ack, per relay. */
  readonly relayInflightMax: number;
  readonly relayIdleMs: number;
  /** How long a relay owns a tenant's outbox without renewing. */
  readonly relayLeaseMs: number;
  readonly consumerBatchMax: number;
  readonly consumerMaxWaitMs: number;
  readonly consumerAckWaitMs: number;
  readonly consumerMaxDeliver: number;
  readonly consumerMaxAckPending: number;
  /** How often the tail guard checks the logged acknowledgements against the stream (0: off). */
  readonly tailCheckMs: number;
  /** Acknowledgements logged for the tail guard at most (beyond, the oldest unverified go first). */
  readonly ackLogMax: number;
}

export interface PaymentsConfig {
  /** Callbacks waiting for their JetStream ack; above it the API answers 503 + Retry-After. */
  readonly inflightMax: number;
  readonly timestampToleranceSeconds: number;
  /** How long a delivery id is remembered to reject replays. */
  readonly deliveryTtlSeconds: number;
  /** Entries per tenant in the payment journal at most (it keeps the outbox retention window below this). */
  readonly journalEntriesMax: number;
}
