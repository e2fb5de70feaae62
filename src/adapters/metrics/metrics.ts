// Prometheus metrics (prom-client). One registry per process, created by the
// composition root and handed to every role; names are prefixed `pallet_`.
// Served by a listener of their own (startMetricsServer, PALLET_METRICS_HOST /
// PALLET_METRICS_PORT, loopback by default), never by the public API: they
// name every tenant.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics(opts: { defaults?: boolean } = {}) {
  const registry = new Registry();
  if (opts.defaults !== false) collectDefaultMetrics({ register: registry, prefix: 'pallet_' });
  const r = { registers: [registry] };
  return {
    registry,
    httpRequests: new Counter({ ...r, name: 'pallet_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'] as const }),
    httpLatency: new Histogram({
      ...r, name: 'pallet_http_request_duration_seconds', help: 'HTTP request latency', labelNames: ['method', 'route'] as const,
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    }),
    reservations: new Counter({ ...r, name: 'pallet_reservations_total', help: 'Reservation operations by outcome', labelNames: ['op', 'outcome'] as const }),
    outboxLength: new Gauge({ ...r, name: 'pallet_outbox_length', help: 'Entries in the tenant outbox streams (sampled by the relay)', labelNames: ['tenant'] as const }),
    relayLagSeconds: new Gauge({ ...r, name: 'pallet_relay_lag_seconds', help: 'Age of the oldest outbox entry not yet in JetStream', labelNames: ['tenant'] as const }),
    relayPublished: new Counter({ ...r, name: 'pallet_relay_published_total', help: 'Outbox entries published to JetStream' }),
    consumerPending: new Gauge({ ...r, name: 'pallet_consumer_pending', help: 'Messages not yet delivered to a JetStream consumer', labelNames: ['consumer'] as const }),
    consumerAckPending: new Gauge({ ...r, name: 'pallet_consumer_ack_pending', help: 'Messages delivered but not acked', labelNames: ['consumer'] as const }),
    consumerRedeliveries: new Counter({ ...r, name: 'pallet_consumer_redeliveries_total', help: 'Messages delivered more than once', labelNames: ['consumer'] as const }),
    consumerDeadLetters: new Counter({ ...r, name: 'pallet_consumer_dead_letters_total', help: 'Messages moved to the dead-letter stream', labelNames: ['consumer'] as const }),
    projectionLagSeconds: new Histogram({
      ...r, name: 'pallet_projection_lag_seconds', help: 'From event time to committed in PostgreSQL',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
    projected: new Counter({ ...r, name: 'pallet_projected_events_total', help: 'Events written to PostgreSQL', labelNames: ['type'] as const }),
    reconcileDriftCells: new Gauge({ ...r, name: 'pallet_reconcile_drift_cells', help: 'Stock cells whose Redis counters differ from the ledger at the last reconcile' }),
    reconcileLastRunSeconds: new Gauge({ ...r, name: 'pallet_reconcile_last_run_timestamp_seconds', help: 'When reconcile last finished' }),
    ordersApplied: new Counter({ ...r, name: 'pallet_orders_applied_total', help: 'Order documents applied by the orders role, by outcome (created, updated, unchanged, replayed, dead_letter)', labelNames: ['outcome'] as const }),
    orderEventsUnpublished: new Counter({ ...r, name: 'pallet_order_events_unpublished_total', help: 'order.changed events that failed to publish after their change committed (the order in PostgreSQL is the record)' }),
    orderIntake: new Counter({ ...r, name: 'pallet_order_intake_total', help: 'Order documents received (channel webhooks, storefront), by outcome', labelNames: ['outcome'] as const }),
    orderAmendments: new Counter({ ...r, name: 'pallet_order_amendments_total', help: 'Shipping address changes by status: applied (before release), pending (an amendment for the warehouse), acknowledged', labelNames: ['status'] as const }),
    paymentCallbacks: new Counter({ ...r, name: 'pallet_payment_callbacks_total', help: 'Payment callbacks by outcome', labelNames: ['outcome'] as const }),
    paymentJournalLength: new Gauge({ ...r, name: 'pallet_payment_journal_length', help: 'Entries in the tenant payment journals (sampled by the relay)', labelNames: ['tenant'] as const }),
    eventLogRepairs: new Counter({ ...r, name: 'pallet_event_log_repairs_total', help: 'Repairs of a JetStream that lost acknowledged messages (tail guard and pallet refill)' }),
    eventLogIntact: new Gauge({ ...r, name: 'pallet_event_log_intact', help: '1 when the stream holds the highest acknowledged message at the last tail check, 0 when not' }),
    paymentsOrphaned: new Counter({ ...r, name: 'pallet_payments_orphaned_total', help: 'Payments whose reservation had expired or was released', labelNames: ['resolution'] as const }),
    redisDurable: new Gauge({ ...r, name: 'pallet_redis_durable', help: '1 when Redis persistence makes a 2xx durable (appendonly yes, appendfsync always/everysec), 0 when not or unknown; checked at start and every reconnect', labelNames: ['appendonly', 'appendfsync'] as const }),
    postgresDurable: new Gauge({ ...r, name: 'pallet_postgres_durable', help: '1 when PostgreSQL persistence makes a commit durable (fsync on, synchronous_commit not off), 0 when not or unknown; checked at start', labelNames: ['fsync', 'synchronous_commit'] as const }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

export interface MetricsServer {
  /** The bound port (the real one when asked for port 0). */
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/** Scrapers are few: a small bound on connections and short timeouts. */
const metricsConnectionsMax = 32;
const metricsRequestTimeoutMs = 10_000;

/** Serves `GET /metrics` (the registry) and nothing else on host:port; rejects when it cannot listen. */
export async function startMetricsServer(registry: Registry, opts: { readonly host: string; readonly port: number }): Promise<MetricsServer> {
  const server = createServer({ requestTimeout: metricsRequestTimeoutMs, headersTimeout: 5_000 }, (req, res) => {
    void answer(registry, req, res);
  });
  server.maxConnections = metricsConnectionsMax;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // exclusive: in a cluster worker (pallet start's API workers) bind here, not through the primary, so port 0 is this process's own.
    server.listen({ port: opts.port, host: opts.host, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    port,
    url: `http://${host}:${port}/metrics`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

async function answer(registry: Registry, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '').split('?')[0];
  if (path !== '/metrics') return plain(res, 404, 'not found; metrics are at /metrics\n');
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'method not allowed\n', { allow: 'GET, HEAD' });
  try {
    const text = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : text);
  } catch (err) {
    plain(res, 500, `metrics failed: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}
