// Composition of fulfilment's pick tasks (issue 12), kept out of main.ts
// (which calls these two functions): the service the HTTP routes and the
// fulfilment role share, and the role's starter.
import type { Logger } from 'pino';
import type { Clock } from './app/clock.port.ts';
import { PickTaskService, type Reallocator } from './app/pick-task.service.ts';
import type { CatalogService } from './app/catalog.service.ts';
import { LabelService } from './app/label.service.ts';
import { PdfLabelRenderer } from './adapters/labels/label.pdf.ts';
import { PgLabelSource } from './adapters/postgres/label.repo.ts';
import type { ReservationService } from './app/reservation.service.ts';
import type { Config } from './config.ts';
import { HttpWmsPush } from './adapters/http/wms.client.ts';
import type { Metrics } from './adapters/metrics/metrics.ts';
import type { Nats } from './adapters/nats/connection.ts';
import { PgOrderStore } from './adapters/postgres/order.store.ts';
import { PickTaskRepo } from './adapters/postgres/pick-task.repo.ts';
import { channelSecretsKey } from './adapters/postgres/secrets-key.ts';
import type { Sql } from './adapters/postgres/sql.ts';
import { FulfilmentRole } from './roles/fulfilment.role.ts';
import { HttpQimenGateway } from './adapters/qimen/client.ts';
import { QimenXmlCodec } from './adapters/qimen/xml.ts';
import { ChannelRepo } from './adapters/postgres/channel.repo.ts';
import { PgQimenReportStore } from './adapters/postgres/qimen-report.repo.ts';
import { QimenHeldChangeService } from './app/qimen.held.service.ts';
import { QimenInboundService } from './app/qimen.inbound.service.ts';
import { QimenOutboundService } from './app/qimen.outbound.service.ts';
import type { StockEngine } from './app/stock.port.ts';
import type { OrderFulfilmentService } from './app/order.fulfilment.service.ts';
import type { StockService } from './app/stock.service.ts';

/**
 * The pick-task store (also the WMS secrets of the callbacks: wmsSecretsFrom(store)) and the service over it;
 * `reallocator` finishes re-allocations a crash cut short (the WMS callbacks' service, made after this one).
 */
export function pickTaskParts(
  config: Config, sql: Sql, reservations: ReservationService, clock: Clock, reallocator?: Reallocator,
): { store: PickTaskRepo; service: PickTaskService } {
  // WMS secrets share the channel-secrets key (PALLET_SECRETS_KEY), sealed under their own associated data.
  const store = new PickTaskRepo(sql, channelSecretsKey(config.orders.secretsKeyHex, config.dataDir));
  // Reads only: the order as it is now and its pending amendments.
  const orders = new PgOrderStore(sql, config.orders.deliveryRetentionSeconds * 1000);
  const push = new HttpWmsPush({ responseBytesMax: config.fulfilment.wmsResponseBytesMax, nowMs: () => clock.nowMs() });
  // QiMen warehouses (issue 14): the same tasks as deliveryorder.create, the source platform from the order's channel type.
  const channels = new ChannelRepo(sql, channelSecretsKey(config.orders.secretsKeyHex, config.dataDir));
  const qimen = new HttpQimenGateway({ responseBytesMax: config.fulfilment.qimenBodyBytesMax, nowMs: () => clock.nowMs(), codec: qimenCodec(config) });
  const service = new PickTaskService(store, orders, reservations, push, clock, {
    wmsTimeoutMsDefault: config.fulfilment.wmsTimeoutMsDefault, timestampToleranceSeconds: config.payments.timestampToleranceSeconds,
  }, { gateway: qimen, channelTypeOf: async (tenant, id) => (await channels.getChannel(tenant, id))?.type ?? null }, reallocator);
  return { store, service };
}

const qimenCodec = (config: Config) => new QimenXmlCodec({ textLengthMax: config.fulfilment.qimenBodyBytesMax });

/** The QiMen router's service (POST /v1/warehouses/{id}/qimen): callbacks through the fulfilment service, reports through the stock service. */
export function qimenInbound(config: Config, sql: Sql, store: PickTaskRepo, fulfilment: OrderFulfilmentService, stock: StockService, clock: Clock): QimenInboundService {
  return new QimenInboundService(store, fulfilment, stock, new PgQimenReportStore(sql), qimenCodec(config), clock, {
    timestampToleranceSeconds: config.payments.timestampToleranceSeconds,
    bodyBytesMax: config.fulfilment.qimenBodyBytesMax,
    stockToleranceUnits: config.fulfilment.qimenStockToleranceUnits,
  });
}

/** The approval queue of held QiMen stock changes (routes/qimen-ops.route.ts): decisions through the stock service. */
export function qimenHeldChanges(sql: Sql, stock: StockService, catalogs: CatalogService, clock: Clock): QimenHeldChangeService {
  return new QimenHeldChangeService(new PgQimenReportStore(sql), stock, catalogs, clock);
}

/** inventory.query (drift, reported) and entryorder.create to QiMen WMSs, asked by operators (routes/qimen-ops.route.ts). */
export function qimenOutbound(config: Config, store: PickTaskRepo, catalogs: CatalogService, engine: StockEngine, clock: Clock): QimenOutboundService {
  const gateway = new HttpQimenGateway({ responseBytesMax: config.fulfilment.qimenBodyBytesMax, nowMs: () => clock.nowMs(), codec: qimenCodec(config) });
  return new QimenOutboundService(store, catalogs, engine, gateway, clock, {
    inventoryBatchSize: config.fulfilment.qimenInventoryBatchSize, inventorySkusMax: config.fulfilment.qimenInventorySkusMax,
  });
}

export function startFulfilment(service: PickTaskService, d: { config: Config; nats: Nats; log: Logger; metrics: Metrics }): { name: string; stop: () => Promise<void> } {
  const role = new FulfilmentRole({
    nats: d.nats, namespace: d.config.namespace, events: d.config.events, fulfilment: d.config.fulfilment, tasks: service, log: d.log, metrics: d.metrics,
  });
  role.start();
  return { name: 'fulfilment', stop: () => role.stop() };
}

/** Shipping labels (POST /v1/labels): orders and shipments from PostgreSQL, warehouse names from the catalog, PDF by pdfkit. */
export function labelService(config: Config, sql: Sql, catalogs: CatalogService): LabelService {
  const names = async (tenant: string) => new Map([...((await catalogs.get(tenant))?.warehouses.values() ?? [])].map((w) => [w.id, w.name]));
  return new LabelService(new PgLabelSource(sql), names,
    new PdfLabelRenderer({ fontPath: config.labels.fontPath, fontName: config.labels.fontName }), { ordersMax: config.labels.ordersMax });
}
